import {
  AGE_BANDS,
  ALL_COLUMN,
  SEX_GROUPS,
  STATISTICS_COLUMNS,
  type StatisticsCell,
  type StatisticsGroup,
  type StatisticsPeriod,
  type StatisticsTable,
  type StatisticsTableId,
  MINIMUM_CELL_SIZE,
} from '@atergang/contracts';
import {
  ACTIVE_FIGURE,
  MEDIAN_COLUMN,
  ROW_CASES_COLUMN,
  type StatisticsAggregate,
} from './statistics.repository';
import type { StatisticsPeriodSpan } from './statistics-periods';
import { type LevelCounts, latticePattern } from './period-lattice';
import { aggregatesAt } from './statistics-levels';
import { derivedFigure, publish } from './suppression';

// From the database's aggregates to the published tables. Each table is suppressed over the
// whole lattice of every calendar year it touches (its months, quarters and year, their
// groups and totals together: period-lattice.ts), and the request publishes its own period
// length of that pattern. A median is shown only when the count it is drawn from is shown.
// A period in which the organisation had fewer than 5 cases running shows nothing.

interface TableSpec {
  readonly id: StatisticsTableId;
  readonly unit: StatisticsTable['unit'];
  /** Flows that add up over periods; false for states at each period's end. */
  readonly additive: boolean;
  /** The count a row's median is drawn from: the row total or one column. */
  readonly medianOf?: string;
}

const SPECS: readonly TableSpec[] = [
  { id: 'started', unit: 'cases', additive: true },
  { id: 'open', unit: 'cases', additive: false },
  { id: 'closedByReason', unit: 'cases', additive: true },
  { id: 'lengthOfClosed', unit: 'cases', additive: true, medianOf: 'total' },
  { id: 'degree', unit: 'cases', additive: false },
  { id: 'planByDay30', unit: 'cases', additive: true, medianOf: 'LATE' },
  { id: 'measuresByKind', unit: 'measures', additive: true },
  { id: 'measuresFollowedUp', unit: 'measures', additive: true },
  { id: 'avstamningHeld', unit: 'meetings', additive: true },
  { id: 'firstAvstamning', unit: 'cases', additive: true, medianOf: 'HELD' },
  { id: 'returnToWork', unit: 'cases', additive: true },
  { id: 'diagnosisChapter', unit: 'cases', additive: true },
];

const GROUP_COLUMNS: Readonly<Record<StatisticsGroup, readonly string[]>> = {
  none: [ALL_COLUMN],
  sex: SEX_GROUPS,
  ageBand: AGE_BANDS,
};

function columnsOf(id: StatisticsTableId, group: StatisticsGroup): readonly string[] {
  switch (id) {
    case 'started':
    case 'open':
      return GROUP_COLUMNS[group];
    case 'avstamningHeld':
      return [ALL_COLUMN];
    case 'closedByReason':
    case 'lengthOfClosed':
    case 'degree':
    case 'planByDay30':
    case 'measuresByKind':
    case 'measuresFollowedUp':
    case 'firstAvstamning':
    case 'returnToWork':
    case 'diagnosisChapter':
      return STATISTICS_COLUMNS[id];
  }
}

const cell = (value: number | null): StatisticsCell => ({ value, suppressed: value === null });

export interface TablesInput {
  /** The statement's rows: monthly counts over whole calendar years, medians at `period`. */
  readonly aggregates: readonly StatisticsAggregate[];
  readonly period: StatisticsPeriod;
  readonly spans: readonly StatisticsPeriodSpan[];
  readonly group: StatisticsGroup;
  /** Whether the diagnosis table may be published (a care unit). */
  readonly diagnosis: boolean;
  /** Today in Stockholm (YYYY-MM-DD). */
  readonly today: string;
}

const LENGTHS = ['month', 'quarter', 'year'] as const;
const QUARTERS_MONTHS = [0, 1, 2, 3].map((q) => [3 * q, 3 * q + 1, 3 * q + 2]);

/** The first days of a calendar year's months, quarters and the year (finest first). */
const yearStarts = (year: string): string[][] => [
  Array.from({ length: 12 }, (_, m) => `${year}-${String(m + 1).padStart(2, '0')}-01`),
  [1, 4, 7, 10].map((m) => `${year}-${String(m).padStart(2, '0')}-01`),
  [`${year}-01-01`],
];

type Lookup = (id: string, bucket: string, column: string) => StatisticsAggregate | undefined;

/** One table's counts for some periods, as suppression takes them. */
function levelCounts(
  spec: TableSpec,
  columns: readonly string[],
  starts: readonly string[],
  get: Lookup,
): LevelCounts {
  const at = (start: string, c: string) => get(spec.id, start, c);
  return {
    counts: starts.map((start) => columns.map((c) => at(start, c)?.n ?? 0)),
    cases:
      spec.unit === 'cases'
        ? undefined
        : starts.map((start) => columns.map((c) => at(start, c)?.cases ?? 0)),
    rowCases:
      spec.unit === 'cases'
        ? undefined
        : starts.map((start) =>
            spec.id === 'avstamningHeld'
              ? (at(start, ALL_COLUMN)?.cases ?? 0)
              : (at(start, ROW_CASES_COLUMN)?.cases ?? 0),
          ),
    hiddenRows: starts.map(
      (start) => (get(ACTIVE_FIGURE, start, ALL_COLUMN)?.n ?? 0) < MINIMUM_CELL_SIZE,
    ),
  };
}

export function buildTables(input: TablesInput): StatisticsTable[] {
  const { spans, group, period } = input;
  const lookups = new Map<StatisticsPeriod, Lookup>(
    LENGTHS.map((length) => {
      const byKey = new Map<string, StatisticsAggregate>();
      const rows = aggregatesAt(length, input.aggregates, {
        medians: period,
        today: input.today,
      });
      for (const a of rows) byKey.set(`${a.figure}|${a.bucket}|${a.column}`, a);
      return [length, (id, bucket, column) => byKey.get(`${id}|${bucket}|${column}`)];
    }),
  );
  const lookup = (length: StatisticsPeriod): Lookup => lookups.get(length) ?? (() => undefined);
  const get = lookup(period);
  const years = [...new Set(spans.map((span) => span.start.slice(0, 4)))];
  const level = LENGTHS.indexOf(period);

  return SPECS.filter((spec) => spec.id !== 'diagnosisChapter' || input.diagnosis).map((spec) => {
    const columns = columnsOf(spec.id, group);
    // The pattern of each calendar year's lattice, at the period length asked for.
    const hidden = new Map<string, { cells: readonly boolean[]; total: boolean }>();
    for (const year of years) {
      const starts = yearStarts(year);
      const patterns = latticePattern({
        levels: LENGTHS.map((length, l) =>
          levelCounts(spec, columns, starts[l] ?? [], lookup(length)),
        ),
        children: [[], QUARTERS_MONTHS, [[0, 1, 2, 3]]],
        additive: spec.additive,
      });
      (starts[level] ?? []).forEach((start, r) => {
        hidden.set(start, {
          cells: patterns[level]?.cells[r] ?? columns.map(() => true),
          total: patterns[level]?.totals[r] ?? true,
        });
      });
    }
    const starts = spans.map((span) => span.start);
    const counts = levelCounts(spec, columns, starts, get);
    const published = publish(
      { counts: counts.counts, additive: spec.additive },
      {
        cells: starts.map((start) => hidden.get(start)?.cells ?? columns.map(() => true)),
        totals: starts.map((start) => hidden.get(start)?.total ?? true),
      },
    );
    const rows = spans.map((span, r) => {
      const cells = (published.cells[r] ?? []).map(cell);
      const total = cell(published.rowTotals[r] ?? null);
      let median: StatisticsCell | null = null;
      if (spec.medianOf !== undefined) {
        const base =
          spec.medianOf === 'total'
            ? total.value
            : (cells[columns.indexOf(spec.medianOf)]?.value ?? null);
        const raw = get(spec.id, span.start, MEDIAN_COLUMN)?.median ?? null;
        median = cell(derivedFigure(base, raw === null ? null : Math.round(raw * 10) / 10));
      }
      return { period: span.key, cells, total, median };
    });
    const totalRow =
      published.columnTotals === null
        ? null
        : {
            period: 'TOTAL',
            cells: published.columnTotals.map(cell),
            total: cell(published.grandTotal),
            median: null,
          };
    return { id: spec.id, unit: spec.unit, columns: [...columns], rows, totalRow };
  });
}
