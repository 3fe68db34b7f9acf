import type { MeasureStatus, PlanQualityProblem } from '@atergang/contracts';

// A plan is good when every measure has someone responsible, a date and a follow-up
// (Inspektionen för socialförsäkringen's criterion for return-to-work plans), and the plan
// itself has a goal and a follow-up. Every measure has an owner party by construction, so
// "an owner" here is the responsible person. Checked on what the reader can see only: a
// problem with a hidden measure must not reveal that the measure exists.

export interface QualityInput {
  readonly goal: string | null;
  readonly followUps: readonly { readonly done: boolean }[];
  readonly measures: readonly {
    readonly id: string;
    readonly responsibleName: string | null;
    readonly startDate: string | null;
    readonly followUpDate: string | null;
    readonly status: MeasureStatus;
  }[];
}

const blank = (value: string | null): boolean => value === null || value.trim() === '';

export function checkPlanQuality(
  plan: QualityInput,
  options: { readonly includeShared: boolean },
): PlanQualityProblem[] {
  const problems: PlanQualityProblem[] = [];
  if (options.includeShared) {
    if (blank(plan.goal)) {
      problems.push({
        code: 'PLAN_WITHOUT_GOAL',
        path: 'goal',
        measureId: null,
        message: 'The plan has no goal.',
      });
    }
    if (!plan.followUps.some((followUp) => !followUp.done)) {
      problems.push({
        code: 'PLAN_WITHOUT_FOLLOW_UP',
        path: 'followUps',
        measureId: null,
        message: 'The plan has no coming follow-up.',
      });
    }
  }
  plan.measures.forEach((measure, index) => {
    // A cancelled measure needs nothing more.
    if (measure.status === 'CANCELLED') return;
    const at = (field: string) => `measures.${index}.${field}`;
    if (blank(measure.responsibleName)) {
      problems.push({
        code: 'MEASURE_WITHOUT_RESPONSIBLE',
        path: at('responsibleName'),
        measureId: measure.id,
        message: 'The measure has nobody responsible for it.',
      });
    }
    if (measure.startDate === null) {
      problems.push({
        code: 'MEASURE_WITHOUT_START_DATE',
        path: at('startDate'),
        measureId: measure.id,
        message: 'The measure has no start date.',
      });
    }
    if (measure.followUpDate === null && measure.status !== 'DONE') {
      problems.push({
        code: 'MEASURE_WITHOUT_FOLLOW_UP',
        path: at('followUpDate'),
        measureId: measure.id,
        message: 'The measure has no follow-up date.',
      });
    }
  });
  return problems;
}
