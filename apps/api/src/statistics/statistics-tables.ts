import {
  AGE_BANDS,
  ALL_COLUMN,
  SEX_GROUPS,
  STATISTICS_COLUMNS,
  type StatisticsCell,
  type StatisticsGroup,
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
import { derivedFigure, suppress } from './suppression';

// From the database's aggregates to the published tables: every table goes through
// suppress() as a whole (its periods, groups and totals together), and a median is shown
// only when the count it is drawn from is shown. A period in which the organisation had
// fewer than 5 cases running shows nothing in any table.

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
  readonly aggregates: readonly StatisticsAggregate[];
  readonly spans: readonly StatisticsPeriodSpan[];
  readonly group: StatisticsGroup;
  /** Whether the diagnosis table may be published (a care unit). */
  readonly diagnosis: boolean;
}

export function buildTables(input: TablesInput): StatisticsTable[] {
  const { aggregates, spans, group } = input;
  const byKey = new Map<string, StatisticsAggregate>();
  for (const a of aggregates) byKey.set(`${a.figure}|${a.bucket}|${a.column}`, a);
  const get = (id: string, bucket: string, column: string) =>
    byKey.get(`${id}|${bucket}|${column}`);
  const hiddenRows = spans.map(
    (span) => (get(ACTIVE_FIGURE, span.start, ALL_COLUMN)?.n ?? 0) < MINIMUM_CELL_SIZE,
  );

  return SPECS.filter((spec) => spec.id !== 'diagnosisChapter' || input.diagnosis).map((spec) => {
    const columns = columnsOf(spec.id, group);
    const counts = spans.map((span) => columns.map((c) => get(spec.id, span.start, c)?.n ?? 0));
    const cases = spans.map((span) => columns.map((c) => get(spec.id, span.start, c)?.cases ?? 0));
    const rowCases =
      spec.unit === 'cases'
        ? undefined
        : spans.map((span) =>
            spec.id === 'avstamningHeld'
              ? (get(spec.id, span.start, ALL_COLUMN)?.cases ?? 0)
              : (get(spec.id, span.start, ROW_CASES_COLUMN)?.cases ?? 0),
          );
    const published = suppress({
      counts,
      additive: spec.additive,
      cases: spec.unit === 'cases' ? undefined : cases,
      rowCases,
      hiddenRows,
    });
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
