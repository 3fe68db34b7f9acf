// The statutory deadlines that become tasks when a case is opened. Only milestones the ruleset
// marks as tasks qualify: the employer's own obligations (report to FK by day 21, plan för
// återgång i arbete by day 30). The other milestones stay on the timeline: FK's assessments are
// FK's decisions, and the certificate and the benefit application normally precede the case.

import { daysBetween, type IsoDate } from './iso-date';
import { dateOfChainDay } from './rehab-chain';
import {
  rehabRulesetFor,
  RETURN_TO_WORK_PLAN_MIN_EXPECTED_DAYS,
  type RehabMilestoneKey,
  type RehabOwnerParty,
} from './rehab-rulesets';

export interface DeadlineTask {
  key: RehabMilestoneKey;
  titleSv: string;
  titleEn: string;
  dueDay: number;
  dueDate: IsoDate;
  ownerParty: RehabOwnerParty;
  legalSource: string;
  /** The deadline had already passed on `today` (the obligation still stands: act at once). */
  overdue: boolean;
}

export interface NewCaseDeadlineInput {
  sickPeriodStart: IsoDate;
  /** Expected length, in calendar days from the start, of the reduced work capacity. */
  expectedLengthDays: number;
  today: IsoDate;
  /** Sick days from earlier periods that count towards the chain (default 0). */
  earlierSickDays?: number;
}

function requireExpectedLengthDays(expectedLengthDays: number): number {
  if (!Number.isInteger(expectedLengthDays) || expectedLengthDays < 0) {
    throw new RangeError('expectedLengthDays must be a whole number of days, 0 or more');
  }
  return expectedLengthDays;
}

/**
 * Socialförsäkringsbalken 30 kap. 6 §: the employer must draw up a plan för återgång i arbete
 * when the employee's work capacity is expected to be reduced for at least 60 days.
 */
export function isReturnToWorkPlanRequired(expectedLengthDays: number): boolean {
  return requireExpectedLengthDays(expectedLengthDays) >= RETURN_TO_WORK_PLAN_MIN_EXPECTED_DAYS;
}

/**
 * Tasks with owner and due date to create when a case opens, under the ruleset in force at the
 * sick-period start. Deadlines that fell within earlier counted periods are left out (they
 * belonged to those periods); deadlines already past today are kept and flagged overdue.
 */
export function deadlineTasksForNewCase(input: NewCaseDeadlineInput): DeadlineTask[] {
  const expectedLengthDays = requireExpectedLengthDays(input.expectedLengthDays);
  const ruleset = rehabRulesetFor(input.sickPeriodStart);
  const tasks: DeadlineTask[] = [];
  for (const milestone of ruleset.milestones) {
    const { task, owner } = milestone;
    if (!task || !owner) continue;
    if (task.minExpectedLengthDays !== null && expectedLengthDays < task.minExpectedLengthDays)
      continue;
    const dueDate = dateOfChainDay(
      input.sickPeriodStart,
      milestone.day,
      input.earlierSickDays ?? 0,
    );
    if (dueDate === null) continue;
    tasks.push({
      key: milestone.key,
      titleSv: task.titleSv,
      titleEn: task.titleEn,
      dueDay: milestone.day,
      dueDate,
      ownerParty: owner,
      legalSource: milestone.legalSource,
      overdue: daysBetween(dueDate, input.today) > 0,
    });
  }
  return tasks;
}
