import type {
  StatisticsCell,
  StatisticsGroup,
  StatisticsPeriod,
  StatisticsRow,
  StatisticsTable,
  StatisticsTableId,
} from '@atergang/contracts';

// The statistics page's plain rules, with no React and no i18n instance (the words come in
// as `StatisticsLabels`): what each table shows, the chart's points, the one-sentence
// summary's facts and the CSV file. The table on the page and the CSV are made from the
// same `TableView`, so the file holds exactly what the page shows.

/** The words the page and the CSV use, in the reader's language. */
export interface StatisticsLabels {
  /** A suppressed cell: "färre än 5". */
  readonly suppressed: string;
  /** The heading of the first column. */
  readonly period: string;
  /** The heading of the row totals. */
  readonly total: string;
  /** The label of the row of all periods. */
  readonly allPeriods: string;
  tableTitle(id: StatisticsTableId): string;
  /** A column key of a table (a closing reason, a measure kind, an age band …). */
  column(id: StatisticsTableId, key: string): string;
  /** The heading of a table's median column (days). */
  median(id: StatisticsTableId): string;
  /** '2026-03', '2026-Q1' or '2026' in words. */
  periodName(key: string): string;
  /** A count or a median in the reader's notation. */
  number(value: number): string;
}

/** The filters the page sends; the CSV names them in its head. */
export interface StatisticsFilters {
  readonly period: StatisticsPeriod;
  readonly from: string;
  readonly to: string;
  readonly group: StatisticsGroup;
}

export interface TableView {
  readonly id: StatisticsTableId;
  readonly title: string;
  /** Period, the columns, Totalt and (when the table has one) the median. */
  readonly headers: readonly string[];
  readonly rows: readonly { readonly label: string; readonly cells: readonly string[] }[];
}

/** A cell as text: the number, or "färre än 5" when suppressed (never 0, never empty). */
export function cellText(cell: StatisticsCell | null, labels: StatisticsLabels): string {
  if (cell === null) return '';
  if (cell.suppressed || cell.value === null) return labels.suppressed;
  return labels.number(cell.value);
}

const hasMedian = (table: StatisticsTable) => table.rows.some((row) => row.median !== null);

function rowCells(
  table: StatisticsTable,
  row: StatisticsRow,
  median: boolean,
  labels: StatisticsLabels,
): string[] {
  const cells = row.cells.map((cell) => cellText(cell, labels));
  // One column already is the whole: no total beside it.
  if (table.columns.length > 1) cells.push(cellText(row.total, labels));
  // The row of all periods has no median: the cell stays empty, it is not a hidden figure.
  if (median) cells.push(row.median === null ? '' : cellText(row.median, labels));
  return cells;
}

/** One table as the page shows it and the CSV writes it. */
export function tableView(table: StatisticsTable, labels: StatisticsLabels): TableView {
  const median = hasMedian(table);
  const headers = [labels.period, ...table.columns.map((key) => labels.column(table.id, key))];
  if (table.columns.length > 1) headers.push(labels.total);
  if (median) headers.push(labels.median(table.id));
  const rows = table.rows.map((row) => ({
    label: labels.periodName(row.period),
    cells: rowCells(table, row, median, labels),
  }));
  if (table.totalRow && table.rows.length > 1) {
    rows.push({ label: labels.allPeriods, cells: rowCells(table, table.totalRow, median, labels) });
  }
  return { id: table.id, title: labels.tableTitle(table.id), headers, rows };
}

/** One chart point per period: a suppressed cell is null (a gap), never a zero. */
export type ChartPoint = { readonly period: string } & Readonly<
  Record<string, number | null | string>
>;

export function chartPoints(table: StatisticsTable, labels: StatisticsLabels): ChartPoint[] {
  return table.rows.map((row) => {
    const point: Record<string, number | null | string> = {
      period: labels.periodName(row.period),
    };
    table.columns.forEach((key, index) => {
      const cell = row.cells[index];
      point[key] = cell && !cell.suppressed ? cell.value : null;
    });
    return point as ChartPoint;
  });
}

/** What the one-sentence summary of a chart says. */
export interface SummaryFacts {
  /** The sum over all periods, when the table has one and it is shown. */
  readonly total: number | null;
  /** The period with the highest shown total (the first of equals), if any is above 0. */
  readonly peak: { readonly period: string; readonly value: number } | null;
  /** Cells in the chart that are "färre än 5" and so are not drawn. */
  readonly suppressedCount: number;
  /** Cells in the chart, shown or not. */
  readonly cellCount: number;
}

export function summaryFacts(table: StatisticsTable): SummaryFacts {
  let peak: SummaryFacts['peak'] = null;
  for (const row of table.rows) {
    const value = row.total.suppressed ? null : row.total.value;
    if (value !== null && value > 0 && (peak === null || value > peak.value)) {
      peak = { period: row.period, value };
    }
  }
  const cells = table.rows.flatMap((row) => row.cells);
  const grand = table.totalRow?.total;
  return {
    total: grand && !grand.suppressed ? grand.value : null,
    peak,
    suppressedCount: cells.filter((cell) => cell.suppressed).length,
    cellCount: cells.length,
  };
}

// --- CSV ---

const SEPARATOR = ';';

/** A field as RFC 4180 writes it; text a spreadsheet would run as a formula is defused. */
function field(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-?\d+([.,]\d+)?$/.test(value) ? `'${value}` : value;
  return /[";\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const line = (fields: readonly string[]) => fields.map(field).join(SEPARATOR);

export interface CsvHead {
  /** "Statistik för Solbacka kommun". */
  readonly title: string;
  /** The filters as label and value, as the page shows them ("Period", "kvartal" …). */
  readonly filters: readonly (readonly [string, string])[];
  /** The note on suppression, one sentence. */
  readonly note: string;
}

/**
 * The CSV of the tables shown: semicolons (what a Swedish spreadsheet reads), CRLF, a
 * byte-order mark so that å, ä and ö survive, each table under its title.
 */
export function statisticsCsv(
  head: CsvHead,
  tables: readonly StatisticsTable[],
  labels: StatisticsLabels,
): string {
  const lines: string[] = [line([head.title])];
  for (const [name, value] of head.filters) lines.push(line([name, value]));
  lines.push(line([head.note]));
  for (const table of tables) {
    const view = tableView(table, labels);
    lines.push('', line([view.title]), line(view.headers));
    for (const row of view.rows) lines.push(line([row.label, ...row.cells]));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** "statistik-solbacka-kommun-2026-01-2026-12-kvartal.csv": the organisation, span and filters. */
export function csvFileName(
  organisationName: string,
  filters: StatisticsFilters,
  words: { readonly prefix: string; readonly period: string; readonly group: string | null },
): string {
  const slug = (text: string) =>
    text
      .toLowerCase()
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '');
  const parts = [words.prefix, organisationName, filters.from, filters.to, words.period];
  if (words.group) parts.push(words.group);
  return `${parts.map(slug).filter(Boolean).join('-')}.csv`;
}

// --- the filters in the address ---

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

const oneOf = <T extends string>(list: readonly T[], value: string | null): value is T =>
  value !== null && (list as readonly string[]).includes(value);

const PERIODS: readonly StatisticsPeriod[] = ['month', 'quarter', 'year'];
const GROUPS: readonly StatisticsGroup[] = ['none', 'sex', 'ageBand'];

/**
 * The filters from the page's address (?period=&from=&to=&group=), each unknown or
 * malformed one replaced by its default: per quarter, from January last year to this month,
 * no division. `today` is YYYY-MM-DD in Stockholm.
 */
export function filtersFrom(params: URLSearchParams, today: string): StatisticsFilters {
  const thisMonth = today.slice(0, 7);
  const period = params.get('period');
  const group = params.get('group');
  const from = params.get('from');
  const to = params.get('to');
  return {
    period: oneOf(PERIODS, period) ? period : 'quarter',
    from: from !== null && MONTH.test(from) ? from : `${String(Number(today.slice(0, 4)) - 1)}-01`,
    to: to !== null && MONTH.test(to) ? to : thisMonth,
    group: oneOf(GROUPS, group) ? group : 'none',
  };
}

/** What is wrong with a month the user typed, if anything. */
export function monthProblem(value: string): 'format' | null {
  return MONTH.test(value) ? null : 'format';
}
