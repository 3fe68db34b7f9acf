// Where a sick-leave case stands in the rehabilitation chain today: the day number, the phase
// (what FK assesses work capacity against, Socialförsäkringsbalken 27 kap. 46-49 §§) and the
// milestones with the calendar date each falls on.
//
// Counting: calendar days, with the first day of the sick period as day 1. Earlier sick days
// that count towards the same chain (for example a previous period joined to this one, a
// samordnad sjukperiod) are added in front, so with 20 earlier days the first day of this
// period is day 21. A milestone whose day lies within those earlier days was reached in an
// earlier period whose dates are not known here: it is PASSED and has no date.

import { addDays, daysBetween, type IsoDate } from './iso-date';
import { type EmploymentStatus, rulesForEmployment } from './rehab-employment';
import {
  rehabRulesetFor,
  type RehabMilestoneKey,
  type RehabOwnerParty,
  type RehabPhase,
  type RehabPhaseRule,
  type RehabRuleset,
} from './rehab-rulesets';

export type MilestoneStatus = 'PASSED' | 'DUE_TODAY' | 'UPCOMING';

export interface Milestone {
  key: RehabMilestoneKey;
  day: number;
  /** The calendar date of `day`; null when it fell within the earlier counted sick days. */
  date: IsoDate | null;
  owner: RehabOwnerParty | null;
  status: MilestoneStatus;
  titleSv: string;
  titleEn: string;
  legalSource: string;
}

export interface RehabChainInput {
  /** First day of the current sick period, 'YYYY-MM-DD'. */
  sickPeriodStart: IsoDate;
  /** Sick days from earlier periods that count towards the chain (default 0). */
  earlierSickDays?: number;
  /** The calendar date to evaluate, 'YYYY-MM-DD'. */
  today: IsoDate;
  /** Which parts of the chain apply (default EMPLOYED: all of it). */
  employmentStatus?: EmploymentStatus;
}

export interface RehabChainStatus {
  /**
   * Chain days counted up to and including today. Before the sick period starts this is just
   * the earlier counted days (0 if none).
   */
  day: number;
  phase: RehabPhase;
  phaseLabelSv: string;
  phaseLabelEn: string;
  /** Null only for NOT_STARTED. */
  phaseLegalSource: string | null;
  ruleset: { id: string; validFrom: IsoDate };
  milestones: Milestone[];
}

const NOT_STARTED_LABEL_SV = 'Sjukperioden har inte börjat';
const NOT_STARTED_LABEL_EN = 'The sick period has not started';

function requireEarlierSickDays(earlierSickDays: number): number {
  if (!Number.isInteger(earlierSickDays) || earlierSickDays < 0) {
    throw new RangeError('earlierSickDays must be a whole number of days, 0 or more');
  }
  return earlierSickDays;
}

/** The calendar date of a chain day, or null if that day lies within the earlier counted days. */
export function dateOfChainDay(
  sickPeriodStart: IsoDate,
  day: number,
  earlierSickDays = 0,
): IsoDate | null {
  const earlier = requireEarlierSickDays(earlierSickDays);
  if (!Number.isInteger(day) || day < 1)
    throw new RangeError('day must be a whole number, 1 or more');
  return day <= earlier ? null : addDays(sickPeriodStart, day - 1 - earlier);
}

/** The phase rule a chain day (1 or more) falls in, under the given ruleset. */
export function rehabPhaseForDay(day: number, ruleset: RehabRuleset): RehabPhaseRule {
  const rule = ruleset.phases.find(
    (candidate) =>
      day >= candidate.firstDay && (candidate.lastDay === null || day <= candidate.lastDay),
  );
  if (!rule) throw new RangeError(`No phase covers chain day ${day}`);
  return rule;
}

function milestoneStatus(
  milestoneDay: number,
  today: number,
  earlierSickDays: number,
): MilestoneStatus {
  if (milestoneDay <= earlierSickDays || milestoneDay < today) return 'PASSED';
  return milestoneDay === today ? 'DUE_TODAY' : 'UPCOMING';
}

/** Day number, phase and milestones of a sick-leave case on `today`. Throws on invalid dates. */
export function computeRehabChain(input: RehabChainInput): RehabChainStatus {
  const earlier = requireEarlierSickDays(input.earlierSickDays ?? 0);
  const ruleset = rulesForEmployment(
    rehabRulesetFor(input.sickPeriodStart),
    input.employmentStatus ?? 'EMPLOYED',
  );
  const daysSinceStart = daysBetween(input.sickPeriodStart, input.today);
  const started = daysSinceStart >= 0;
  const day = started ? earlier + daysSinceStart + 1 : earlier;

  const milestones = ruleset.milestones.map((rule): Milestone => ({
    key: rule.key,
    day: rule.day,
    date: dateOfChainDay(input.sickPeriodStart, rule.day, earlier),
    owner: rule.owner,
    status: milestoneStatus(rule.day, day, earlier),
    titleSv: rule.titleSv,
    titleEn: rule.titleEn,
    legalSource: rule.legalSource,
  }));

  const phase = started ? rehabPhaseForDay(day, ruleset) : undefined;
  return {
    day,
    phase: phase?.phase ?? 'NOT_STARTED',
    phaseLabelSv: phase?.labelSv ?? NOT_STARTED_LABEL_SV,
    phaseLabelEn: phase?.labelEn ?? NOT_STARTED_LABEL_EN,
    phaseLegalSource: phase?.legalSource ?? null,
    ruleset: { id: ruleset.id, validFrom: ruleset.validFrom },
    milestones,
  };
}
