import type { StatisticsPeriod } from '@atergang/contracts';

// The periods a statistics answer covers: whole months, quarters or years, so a figure never
// describes a part of a period (and two answers over the same periods agree).

export interface StatisticsPeriodSpan {
  /** 2026-03, 2026-Q1 or 2026. */
  readonly key: string;
  /** The first day (YYYY-MM-DD). */
  readonly start: string;
}

const MONTHS: Readonly<Record<StatisticsPeriod, number>> = { month: 1, quarter: 3, year: 12 };

const monthIndex = (yearMonth: string): number => {
  const [year, month] = yearMonth.split('-').map(Number);
  return (year ?? 0) * 12 + (month ?? 1) - 1;
};

const firstDay = (index: number): string =>
  `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}-01`;

function keyOf(period: StatisticsPeriod, index: number): string {
  const year = String(Math.floor(index / 12));
  const month = index % 12;
  if (period === 'year') return year;
  if (period === 'quarter') return `${year}-Q${String(Math.floor(month / 3) + 1)}`;
  return `${year}-${String(month + 1).padStart(2, '0')}`;
}

/**
 * The periods from the one holding month `from` to the one holding month `to` (both
 * YYYY-MM), and the day after the last. Empty when `to` is before `from`.
 */
export function periodsBetween(
  period: StatisticsPeriod,
  from: string,
  to: string,
): { spans: StatisticsPeriodSpan[]; end: string } {
  const size = MONTHS[period];
  const first = Math.floor(monthIndex(from) / size) * size;
  const last = Math.floor(monthIndex(to) / size) * size;
  const spans: StatisticsPeriodSpan[] = [];
  for (let index = first; index <= last; index += size) {
    spans.push({ key: keyOf(period, index), start: firstDay(index) });
  }
  return { spans, end: firstDay(Math.max(first, last + size)) };
}
