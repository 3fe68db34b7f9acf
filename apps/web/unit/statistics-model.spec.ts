import type { StatisticsCell, StatisticsTable } from '@atergang/contracts';
import {
  cellText,
  chartPoints,
  csvFileName,
  filtersFrom,
  type StatisticsLabels,
  statisticsCsv,
  summaryFacts,
  tableView,
} from '../src/views/statistics/statistics-model';

// The statistics page's plain rules: a hidden cell is written "färre än 5" (never 0, never
// empty) in the table and in the CSV, is a gap (null) in the chart, and the CSV holds
// exactly the rows and columns the table shows.

const shown = (value: number): StatisticsCell => ({ value, suppressed: false });
const hidden: StatisticsCell = { value: null, suppressed: true };

const labels: StatisticsLabels = {
  suppressed: 'färre än 5',
  period: 'Period',
  total: 'Totalt',
  allPeriods: 'Alla perioder',
  tableTitle: (id) => `Tabell ${id}`,
  column: (_id, key) => ({ KVINNA: 'Kvinnor', MAN: 'Män', OKAND: 'Kön okänt' })[key] ?? key,
  median: () => 'Median, dagar',
  periodName: (key) => (key === 'TOTAL' ? 'Alla perioder' : key.replace('-Q', ' kv ')),
  number: (value) => String(value).replace('.', ','),
};

/** Cases started, by sex, over two quarters: one cell under 5 and its complement hidden. */
const started: StatisticsTable = {
  id: 'started',
  unit: 'cases',
  columns: ['KVINNA', 'MAN', 'OKAND'],
  rows: [
    {
      period: '2026-Q1',
      cells: [shown(7), hidden, hidden],
      total: shown(12),
      median: null,
    },
    { period: '2026-Q2', cells: [shown(9), shown(6), shown(0)], total: shown(15), median: null },
  ],
  totalRow: {
    period: 'TOTAL',
    cells: [shown(16), hidden, hidden],
    total: shown(27),
    median: null,
  },
};

/** Length of closed cases with a median column; the median of Q1 hidden with its count. */
const lengths: StatisticsTable = {
  id: 'lengthOfClosed',
  unit: 'cases',
  columns: ['1-30', '31-90'],
  rows: [
    { period: '2026-Q1', cells: [hidden, hidden], total: hidden, median: hidden },
    { period: '2026-Q2', cells: [shown(5), shown(8)], total: shown(13), median: shown(40.5) },
  ],
  totalRow: { period: 'TOTAL', cells: [shown(6), shown(10)], total: shown(16), median: null },
};

/** Open cases: states at each period's end, no row of all periods. */
const open: StatisticsTable = {
  id: 'open',
  unit: 'cases',
  columns: ['ALL'],
  rows: [
    { period: '2026-Q1', cells: [hidden], total: hidden, median: null },
    { period: '2026-Q2', cells: [shown(8)], total: shown(8), median: null },
  ],
  totalRow: null,
};

describe('statistics model', () => {
  it('writes a suppressed cell as "färre än 5", never as 0 or empty', () => {
    expect(cellText(hidden, labels)).toBe('färre än 5');
    expect(cellText({ value: 0, suppressed: true }, labels)).toBe('färre än 5');
    expect(cellText(shown(0), labels)).toBe('0');
    expect(cellText(shown(12), labels)).toBe('12');
  });

  it('shows each period, the totals and the row of all periods as the table', () => {
    const view = tableView(started, labels);
    expect(view.title).toBe('Tabell started');
    expect(view.headers).toEqual(['Period', 'Kvinnor', 'Män', 'Kön okänt', 'Totalt']);
    expect(view.rows).toEqual([
      { label: '2026 kv 1', cells: ['7', 'färre än 5', 'färre än 5', '12'] },
      { label: '2026 kv 2', cells: ['9', '6', '0', '15'] },
      { label: 'Alla perioder', cells: ['16', 'färre än 5', 'färre än 5', '27'] },
    ]);
  });

  it('adds the median column, hidden with its count, empty only on the row of all periods', () => {
    const view = tableView(lengths, labels);
    expect(view.headers).toEqual(['Period', '1-30', '31-90', 'Totalt', 'Median, dagar']);
    expect(view.rows.map((row) => row.cells)).toEqual([
      ['färre än 5', 'färre än 5', 'färre än 5', 'färre än 5'],
      ['5', '8', '13', '40,5'],
      ['6', '10', '16', ''],
    ]);
  });

  it('has no total column for a single column and no row of all periods for states', () => {
    const view = tableView(open, labels);
    expect(view.headers).toEqual(['Period', 'ALL']);
    expect(view.rows).toEqual([
      { label: '2026 kv 1', cells: ['färre än 5'] },
      { label: '2026 kv 2', cells: ['8'] },
    ]);
  });

  it('leaves a suppressed cell out of the chart (null), not a bar of 0', () => {
    expect(chartPoints(started, labels)).toEqual([
      { period: '2026 kv 1', KVINNA: 7, MAN: null, OKAND: null },
      { period: '2026 kv 2', KVINNA: 9, MAN: 6, OKAND: 0 },
    ]);
  });

  it('gives the summary its total, busiest period and number of undrawn cells', () => {
    expect(summaryFacts(started)).toEqual({
      total: 27,
      peak: { period: '2026-Q2', value: 15 },
      suppressedCount: 2,
      cellCount: 6,
    });
    expect(summaryFacts(open)).toEqual({
      total: null,
      peak: { period: '2026-Q2', value: 8 },
      suppressedCount: 1,
      cellCount: 2,
    });
  });

  it('writes the CSV of exactly the tables shown, hidden cells as "färre än 5"', () => {
    const csv = statisticsCsv(
      {
        title: 'Statistik för Solbacka kommun',
        filters: [
          ['Dela upp per', 'kvartal'],
          ['Från och med månad', '2026-01'],
          ['Till och med månad', '2026-06'],
          ['Dela upp ärendena efter', 'kön'],
        ],
        note: 'Ett antal som är mindre än 5 visas som "färre än 5".',
      },
      [started, open],
      labels,
    );
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.slice(1).split('\r\n')).toEqual([
      'Statistik för Solbacka kommun',
      'Dela upp per;kvartal',
      'Från och med månad;2026-01',
      'Till och med månad;2026-06',
      'Dela upp ärendena efter;kön',
      '"Ett antal som är mindre än 5 visas som ""färre än 5""."',
      '',
      'Tabell started',
      'Period;Kvinnor;Män;Kön okänt;Totalt',
      '2026 kv 1;7;färre än 5;färre än 5;12',
      '2026 kv 2;9;6;0;15',
      'Alla perioder;16;färre än 5;färre än 5;27',
      '',
      'Tabell open',
      'Period;ALL',
      '2026 kv 1;färre än 5',
      '2026 kv 2;8',
      '',
    ]);
    // Every line of a table has as many fields as its header.
    const tableLines = csv.split('\r\n').slice(8, 12);
    expect(new Set(tableLines.map((text) => text.split(';').length))).toEqual(new Set([5]));
  });

  it('quotes separators and defuses text a spreadsheet would run as a formula', () => {
    const csv = statisticsCsv(
      { title: '=HYPERLINK("x")', filters: [['Namn', 'A; B']], note: '-1' },
      [],
      labels,
    );
    expect(csv.slice(1).split('\r\n').slice(0, 3)).toEqual([
      `"'=HYPERLINK(""x"")"`,
      'Namn;"A; B"',
      '-1',
    ]);
  });

  it('names the file by the organisation, the span and the filters', () => {
    const filters = { period: 'quarter', from: '2026-01', to: '2026-12', group: 'sex' } as const;
    expect(
      csvFileName('Vårdcentralen Linden', filters, {
        prefix: 'statistik',
        period: 'kvartal',
        group: 'kön',
      }),
    ).toBe('statistik-vardcentralen-linden-2026-01-2026-12-kvartal-kon.csv');
    expect(
      csvFileName(
        'Solbacka kommun',
        { ...filters, group: 'none' },
        {
          prefix: 'statistik',
          period: 'kvartal',
          group: null,
        },
      ),
    ).toBe('statistik-solbacka-kommun-2026-01-2026-12-kvartal.csv');
  });

  it('reads the filters from the address, each bad one replaced by its default', () => {
    expect(filtersFrom(new URLSearchParams(''), '2026-12-03')).toEqual({
      period: 'quarter',
      from: '2025-01',
      to: '2026-12',
      group: 'none',
    });
    expect(
      filtersFrom(
        new URLSearchParams('period=month&from=2026-02&to=2026-13&group=ageBand'),
        '2026-12-03',
      ),
    ).toEqual({ period: 'month', from: '2026-02', to: '2026-12', group: 'ageBand' });
    expect(filtersFrom(new URLSearchParams('period=week&group=x'), '2026-12-03')).toMatchObject({
      period: 'quarter',
      group: 'none',
    });
  });
});
