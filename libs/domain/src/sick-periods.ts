// Earlier sick periods that count towards the chain. Days of sick periods are added together
// when fewer than 90 days passed between them (LEGAL_SOURCES.sickPeriodsJoined): counting
// back from the current period, each earlier period that ended less than 90 days before the
// next one began joins the chain; the first gap of 90 days or more ends it, and nothing
// before that gap counts.

import { addDays, daysBetween, isIsoDate, type IsoDate } from './iso-date';

/** Fewer days than this between two sick periods join them in one chain. */
export const SICK_PERIOD_JOIN_GAP_DAYS = 90;

export interface SickPeriod {
  readonly from: IsoDate;
  /** The last day of the period (inclusive). */
  readonly to: IsoDate;
}

export interface JoinedSickDays {
  /** Sick days of the earlier periods that count towards the current chain. */
  readonly days: number;
  /** The earlier periods that were joined, latest first. */
  readonly joined: readonly SickPeriod[];
}

/** Why a list of earlier periods cannot be used: which period, and what is wrong with it. */
export class SickPeriodError extends RangeError {
  constructor(
    readonly index: number,
    readonly problem: 'INVALID_DATE' | 'ENDS_BEFORE_START' | 'OVERLAPS',
  ) {
    super(`Earlier sick period ${index}: ${problem}`);
  }
}

/** Days between the end of one period and the start of the next (0 when adjacent). */
export function gapDays(earlierEnd: IsoDate, laterStart: IsoDate): number {
  return daysBetween(earlierEnd, laterStart) - 1;
}

/**
 * The earlier sick days that count towards a period starting `currentStart`. Periods may
 * be given in any order; they must be real dates, end on or after they start, and neither
 * overlap each other nor reach the current period (SickPeriodError names the first bad one).
 */
export function joinedEarlierSickDays(
  currentStart: IsoDate,
  earlierPeriods: readonly SickPeriod[],
): JoinedSickDays {
  earlierPeriods.forEach((period, index) => {
    if (!isIsoDate(period.from) || !isIsoDate(period.to)) {
      throw new SickPeriodError(index, 'INVALID_DATE');
    }
    if (period.to < period.from) throw new SickPeriodError(index, 'ENDS_BEFORE_START');
  });
  const latestFirst = earlierPeriods
    .map((period, index) => ({ period, index }))
    .sort((a, b) => (a.period.to < b.period.to ? 1 : a.period.to > b.period.to ? -1 : 0));
  let nextStart = currentStart;
  let days = 0;
  let chainBroken = false;
  const joined: SickPeriod[] = [];
  for (const { period, index } of latestFirst) {
    // 'YYYY-MM-DD' strings compare in date order.
    if (period.to >= nextStart) throw new SickPeriodError(index, 'OVERLAPS');
    if (chainBroken || gapDays(period.to, nextStart) >= SICK_PERIOD_JOIN_GAP_DAYS) {
      chainBroken = true;
    } else {
      days += daysBetween(period.from, period.to) + 1;
      joined.push(period);
    }
    nextStart = period.from;
  }
  return { days, joined };
}

/**
 * The last start date of a new sick period that still joins one that ended on `endedOn`
 * (fewer than 90 days between them): a closed case reopens, its chain continuing, up to then.
 */
export function lastJoiningStart(endedOn: IsoDate): IsoDate {
  return addDays(endedOn, SICK_PERIOD_JOIN_GAP_DAYS);
}
