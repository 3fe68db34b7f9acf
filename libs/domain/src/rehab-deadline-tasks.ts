// The statutory deadlines that become tasks of a case. Only milestones the ruleset marks as
// tasks qualify: the employer's own obligations (report to FK by day 21, plan för återgång i
// arbete by day 30). The other milestones stay on the timeline: FK's assessments are FK's
// decisions, and the certificate and the benefit application normally precede the case.
//
// The tasks follow the case's facts: `reconcileDeadlineTasks` says, for the facts as they
// stand today, which deadline tasks to create, move, reopen, complete or cancel, so every
// change of a fact (a certificate, a corrected start, earlier periods, employment) leaves
// the tasks matching the law.

import { daysBetween, type IsoDate } from './iso-date';
import { dateOfChainDay } from './rehab-chain';
import { type EmploymentStatus, rulesForEmployment } from './rehab-employment';
import { LEGAL_SOURCES } from './legal-sources';
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

// ---------------------------------------------------------------------------------------
// Keeping the tasks in step with the facts
// ---------------------------------------------------------------------------------------

/**
 * Not a milestone of the law but what the plan duty hangs on: while nobody has said how long
 * work capacity is expected to be reduced, the doctor (who decides the length) is asked.
 */
export const EXPECTED_LENGTH_TASK_KEY = 'EXPECTED_LENGTH';
export type DeadlineTaskKey = RehabMilestoneKey | typeof EXPECTED_LENGTH_TASK_KEY;

export interface CaseFacts {
  readonly sickPeriodStart: IsoDate;
  readonly earlierSickDays: number;
  /** Null: not known yet (a state of its own, never read as 0). */
  readonly expectedLengthDays: number | null;
  readonly employmentStatus: EmploymentStatus;
}

export type StoredTaskStatus = 'OPEN' | 'IN_PROGRESS' | 'DONE' | 'CANCELLED';

/** A deadline task as the case holds it now. */
export interface StoredDeadlineTask {
  readonly key: string;
  readonly status: StoredTaskStatus;
  readonly dueDate: IsoDate | null;
}

/** A deadline task the facts call for, with its due date. */
export interface WantedDeadlineTask {
  readonly key: DeadlineTaskKey;
  readonly titleSv: string;
  readonly titleEn: string;
  readonly dueDate: IsoDate;
  readonly ownerParty: RehabOwnerParty;
  readonly legalSource: string;
}

export interface ClosingReason {
  readonly reasonSv: string;
  readonly reasonEn: string;
}

export type DeadlineTaskChange =
  | { readonly action: 'create'; readonly task: WantedDeadlineTask }
  /** A cancelled obligation applies again. */
  | { readonly action: 'reopen'; readonly task: WantedDeadlineTask }
  | { readonly action: 'move'; readonly key: string; readonly dueDate: IsoDate }
  /** The question the task asked has been answered. */
  | ({ readonly action: 'complete'; readonly key: string } & ClosingReason)
  /** The obligation no longer applies. */
  | ({ readonly action: 'cancel'; readonly key: string } & ClosingReason);

const EXPECTED_LENGTH_TASK = {
  titleSv: 'Läkaren: ange hur länge arbetsförmågan väntas vara nedsatt',
  titleEn: 'Doctor: state how long work capacity is expected to be reduced',
  ownerParty: 'CARE',
  legalSource: LEGAL_SOURCES.returnToWorkPlan,
} as const;

const REASONS = {
  lengthKnown: {
    reasonSv: 'Den förväntade längden är angiven.',
    reasonEn: 'The expected length has been stated.',
  },
  noEmployer: {
    reasonSv: 'Gäller inte längre: den sjukskrivna har ingen arbetsgivare i ärendet.',
    reasonEn: 'No longer applies: the person on sick leave has no employer in this case.',
  },
  planNotRequired: {
    reasonSv:
      'Gäller inte längre: arbetsförmågan väntas vara nedsatt kortare tid än 60 dagar, så ingen plan krävs (30 kap. 6 § socialförsäkringsbalken).',
    reasonEn:
      'No longer applies: work capacity is expected to be reduced for less than 60 days, so no plan is required.',
  },
  withinEarlierPeriods: {
    reasonSv:
      'Gäller inte längre: tidsgränsen låg i en tidigare sjukperiod som räknas in i kedjan.',
    reasonEn:
      'No longer applies: the deadline fell in an earlier sick period that counts towards the chain.',
  },
} as const satisfies Readonly<Record<string, ClosingReason>>;

const isOpen = (task: StoredDeadlineTask): boolean =>
  task.status === 'OPEN' || task.status === 'IN_PROGRESS';

const laterOf = (a: IsoDate, b: IsoDate): IsoDate => (a > b ? a : b);

/**
 * The due date of a statutory deadline task. Its day in the chain gives the date; a duty
 * that only arose after that date (the expected length reached 60 days after day 30: SFB
 * 30 kap. 6 §) is due at once, on the day it arose, and stays due then.
 */
function dueDateOf(
  legalDate: IsoDate,
  arisesLate: boolean,
  stored: StoredDeadlineTask | undefined,
  today: IsoDate,
  atOpening: boolean,
): IsoDate {
  // Facts a case is opened with held from its start: the duty was due on its day.
  if (!arisesLate || atOpening) return legalDate;
  const asked = stored && isOpen(stored) ? stored.dueDate : null;
  if (asked === legalDate) return legalDate;
  // Asked of the employer late, on the day the duty arose, and that day has come: it stays.
  if (asked !== null && asked > legalDate && asked <= today) return asked;
  return laterOf(legalDate, today);
}

/** Why a deadline task the facts no longer call for is closed, or null to leave it. */
function reasonToClose(key: string, facts: CaseFacts): ClosingReason | null {
  if (key === EXPECTED_LENGTH_TASK_KEY) return REASONS.lengthKnown;
  if (facts.employmentStatus !== 'EMPLOYED') return REASONS.noEmployer;
  if (key === 'RETURN_TO_WORK_PLAN') {
    // Unknown length: the plan duty is undecided, not gone; the task waits.
    return facts.expectedLengthDays === null ? null : REASONS.planNotRequired;
  }
  return REASONS.withinEarlierPeriods;
}

/**
 * What to change so that the case's deadline tasks match its facts on `today`: the
 * obligations that apply get a task with the right due date (created, reopened if it was
 * cancelled, or moved), and open tasks whose obligation no longer applies are closed with
 * the reason. A task that is done stays done: the duty was met.
 */
export function reconcileDeadlineTasks(
  facts: CaseFacts,
  today: IsoDate,
  stored: readonly StoredDeadlineTask[],
  { atOpening = false }: { readonly atOpening?: boolean } = {},
): DeadlineTaskChange[] {
  const byKey = new Map(stored.map((task) => [task.key, task]));
  const ruleset = rulesForEmployment(
    rehabRulesetFor(facts.sickPeriodStart),
    facts.employmentStatus,
  );
  const wanted: WantedDeadlineTask[] = [];
  for (const milestone of ruleset.milestones) {
    const { task, owner } = milestone;
    if (!task || !owner) continue;
    const minimum = task.minExpectedLengthDays;
    if (minimum !== null && (facts.expectedLengthDays ?? 0) < minimum) continue;
    const legalDate = dateOfChainDay(facts.sickPeriodStart, milestone.day, facts.earlierSickDays);
    if (legalDate === null) continue;
    wanted.push({
      key: milestone.key,
      titleSv: task.titleSv,
      titleEn: task.titleEn,
      dueDate: dueDateOf(legalDate, minimum !== null, byKey.get(milestone.key), today, atOpening),
      ownerParty: owner,
      legalSource: milestone.legalSource,
    });
  }
  const lengthMatters = ruleset.milestones.some(
    (milestone) => milestone.task?.minExpectedLengthDays != null,
  );
  if (lengthMatters && facts.expectedLengthDays === null) {
    const asked = byKey.get(EXPECTED_LENGTH_TASK_KEY);
    wanted.push({
      key: EXPECTED_LENGTH_TASK_KEY,
      ...EXPECTED_LENGTH_TASK,
      dueDate: asked?.dueDate && isOpen(asked) ? asked.dueDate : today,
    });
  }

  const changes: DeadlineTaskChange[] = [];
  const wantedKeys = new Set<string>();
  for (const task of wanted) {
    wantedKeys.add(task.key);
    const current = byKey.get(task.key);
    if (!current) changes.push({ action: 'create', task });
    else if (current.status === 'CANCELLED') changes.push({ action: 'reopen', task });
    else if (isOpen(current) && current.dueDate !== task.dueDate) {
      changes.push({ action: 'move', key: task.key, dueDate: task.dueDate });
    }
  }
  for (const task of stored) {
    if (wantedKeys.has(task.key) || !isOpen(task)) continue;
    const reason = reasonToClose(task.key, facts);
    if (!reason) continue;
    changes.push({
      action: task.key === EXPECTED_LENGTH_TASK_KEY ? 'complete' : 'cancel',
      key: task.key,
      ...reason,
    });
  }
  return changes;
}
