import { ALL_COLUMN, type StatisticsPeriod } from '@atergang/contracts';
import { ACTIVE_FIGURE, MEDIAN_COLUMN, type StatisticsAggregate } from './statistics.repository';

// From the database's monthly counts to the counts of any period length (issue 18). The
// quarters and years are built from the months here, never counted again, so that the
// three levels of a calendar year are one consistent lattice to suppress (period-lattice.ts).

/** States read on a period's last day (or today): a quarter's is its last month's. */
const STATE_FIGURES: ReadonlySet<string> = new Set(['open', 'degree']);

/** The first day of the period of `length` that holds `day` (YYYY-MM-DD). */
export function periodStart(length: StatisticsPeriod, day: string): string {
  const year = day.slice(0, 4);
  const month = Number(day.slice(5, 7));
  if (length === 'year') return `${year}-01-01`;
  if (length === 'quarter') {
    return `${year}-${String(Math.floor((month - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;
  }
  return `${day.slice(0, 7)}-01`;
}

/** The month whose state a period shows: its last month, or the running month. */
function stateMonth(length: StatisticsPeriod, start: string, today: string): string | null {
  if (start > today) return null;
  const months = length === 'year' ? 12 : length === 'quarter' ? 3 : 1;
  const index = Number(start.slice(0, 4)) * 12 + Number(start.slice(5, 7)) - 1 + months - 1;
  const last = `${String(Math.floor(index / 12))}-${String((index % 12) + 1).padStart(2, '0')}-01`;
  const running = periodStart('month', today);
  return last < running ? last : running;
}

const casesAt = (length: StatisticsPeriod, a: StatisticsAggregate): number =>
  length === 'year' ? a.casesYear : length === 'quarter' ? a.casesQuarter : a.cases;

/**
 * The aggregates at one period length, from the statement's monthly rows: flows are summed
 * over the months, states taken from the month they are read in, the cases behind measures
 * and meetings summed from each month's share at that length, the cases running taken from
 * the statement's own row for that length. Medians come only at the length they were asked
 * for (`medians`).
 */
export function aggregatesAt(
  length: StatisticsPeriod,
  monthly: readonly StatisticsAggregate[],
  options: { readonly medians: StatisticsPeriod; readonly today: string },
): StatisticsAggregate[] {
  const out = new Map<string, StatisticsAggregate>();
  const put = (a: StatisticsAggregate) => {
    const key = `${a.figure}|${a.bucket}|${a.column}`;
    const before = out.get(key);
    out.set(
      key,
      before
        ? {
            ...before,
            n: before.n + a.n,
            cases: before.cases + a.cases,
            casesQuarter: before.casesQuarter + a.casesQuarter,
            casesYear: before.casesYear + a.casesYear,
          }
        : a,
    );
  };
  for (const a of monthly) {
    if (a.column === MEDIAN_COLUMN) {
      if (length === options.medians) put(a);
      continue;
    }
    if (a.figure === ACTIVE_FIGURE) {
      if (a.column === length) put({ ...a, column: ALL_COLUMN });
      continue;
    }
    const bucket = periodStart(length, a.bucket);
    if (STATE_FIGURES.has(a.figure)) {
      if (a.bucket === stateMonth(length, bucket, options.today)) put({ ...a, bucket });
      continue;
    }
    const cases = casesAt(length, a);
    put({ ...a, bucket, cases, casesQuarter: cases, casesYear: cases });
  }
  return [...out.values()];
}
