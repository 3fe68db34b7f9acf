import type { Category, PlanView } from '@atergang/contracts';
import { toIsoDate } from '../common/calendar';
import type { PlanRepository } from './plan.repository';

type PlanRow = NonNullable<Awaited<ReturnType<PlanRepository['findVisible']>>>;

const isoOrNull = (date: Date | null): string | null => (date ? toIsoDate(date) : null);

/**
 * The plan as the caller may see it. Without PLAN the shared fields (goal, dates, sick-leave
 * schedule, follow-ups) are withheld; the measures were already scoped by the query.
 */
export function toPlanView(row: PlanRow, canReadShared: boolean, withheld: Category[]): PlanView {
  return {
    id: row.id,
    version: row.version,
    goal: canReadShared ? row.goal : null,
    expectedReturnDate: canReadShared ? isoOrNull(row.expectedReturnDate) : null,
    expectedReturnBasis: canReadShared ? row.expectedReturnBasis : null,
    contactArrangements: canReadShared ? row.contactArrangements : null,
    patientView: canReadShared ? row.patientView : null,
    measures: row.measures.map((measure) => ({
      ...measure,
      startDate: isoOrNull(measure.startDate),
      endDate: isoOrNull(measure.endDate),
      followUpDate: isoOrNull(measure.followUpDate),
    })),
    sickLeaveSteps: canReadShared
      ? row.sickLeaveSteps.map((step) => ({
          degree: step.degree,
          fromDate: toIsoDate(step.fromDate),
          toDate: isoOrNull(step.toDate),
        }))
      : [],
    followUps: canReadShared
      ? row.followUps.map((followUp) => ({ ...followUp, date: toIsoDate(followUp.date) }))
      : [],
    updatedAt: row.updatedAt.toISOString(),
    withheld,
  };
}
