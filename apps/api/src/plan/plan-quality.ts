import type { MeasureStatus, PlanQualityProblem } from '@atergang/contracts';

// What a plan för återgång i arbete needs to be good (SFB 30 kap. 6 §; the social insurance
// inspectorate's criterion, ISF: who is responsible for each measure, when it is done and how
// it is followed up; FK's template): an overall goal, an expected return date with what it
// rests on, at least one measure, every measure with someone responsible, a date and a
// follow-up, and a coming follow-up of the plan itself. Every measure has an owner party by
// construction, so "an owner" here is the responsible person.
//
// Judged only for a reader of the plan's shared part (the employer's goal, return date and
// follow-ups: its owner, the patient, or a party the patient shares PLAN with). Anyone else
// gets no problems, and must not read that as "the plan is fine": the plan's `withheld`
// (PLAN) and `withheldParts` tell them they do not see it. Checked on what the reader can
// see only, so a problem never reveals that a measure hidden from them exists.

export interface QualityInput {
  readonly goal: string | null;
  readonly expectedReturnDate: string | null;
  readonly expectedReturnBasis: string | null;
  /** The employer's documented assessment that no plan is needed, if any. */
  readonly notNeededReason: string | null;
  readonly followUps: readonly { readonly date: string; readonly done: boolean }[];
  readonly measures: readonly {
    readonly id: string;
    readonly responsibleName: string | null;
    readonly startDate: string | null;
    readonly followUpDate: string | null;
    readonly status: MeasureStatus;
  }[];
}

export interface QualityOptions {
  /** Whether the reader may read the plan's shared part (the employer's section). */
  readonly includeShared: boolean;
  /** Sweden's date today ('YYYY-MM-DD'): a follow-up before it has passed, not coming. */
  readonly today: string;
}

const blank = (value: string | null): boolean => value === null || value.trim() === '';

const planProblem = (
  code: PlanQualityProblem['code'],
  path: string,
  message: string,
): PlanQualityProblem => ({ code, path, measureId: null, message });

export function checkPlanQuality(
  plan: QualityInput,
  options: QualityOptions,
): PlanQualityProblem[] {
  // A verdict on a plan the reader cannot see would be a guess (and "no problems" a false
  // all-clear); the employer's recorded "no plan needed" (SFB 30 kap. 6 §, back within 60
  // days or no return possible) replaces the plan, so there is nothing to judge.
  if (!options.includeShared || !blank(plan.notNeededReason)) return [];

  const problems: PlanQualityProblem[] = [];
  if (blank(plan.goal)) {
    problems.push(planProblem('PLAN_WITHOUT_GOAL', 'goal', 'The plan has no goal.'));
  }
  if (plan.expectedReturnDate === null) {
    problems.push(
      planProblem(
        'PLAN_WITHOUT_RETURN_DATE',
        'expectedReturnDate',
        'The plan does not say when the person is expected back at work.',
      ),
    );
  } else if (blank(plan.expectedReturnBasis)) {
    // A date without its basis (the certificate, a joint assessment) cannot be weighed.
    problems.push(
      planProblem(
        'PLAN_WITHOUT_RETURN_BASIS',
        'expectedReturnBasis',
        'The plan does not say what the expected return date is based on.',
      ),
    );
  }
  // A cancelled measure is no longer part of the plan.
  if (!plan.measures.some((measure) => measure.status !== 'CANCELLED')) {
    problems.push(planProblem('PLAN_WITHOUT_MEASURES', 'measures', 'The plan has no measures.'));
  }
  if (!plan.followUps.some((followUp) => !followUp.done && followUp.date >= options.today)) {
    problems.push(
      planProblem('PLAN_WITHOUT_FOLLOW_UP', 'followUps', 'The plan has no coming follow-up.'),
    );
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
