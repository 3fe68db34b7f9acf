import { MINIMUM_CELL_SIZE } from '@atergang/contracts';
import { type LevelPattern, latticePattern } from './period-lattice';

// Privacy by construction for the follow-up statistics (issue 18). A table of counts (rows:
// periods, columns: groups) is published with its row totals and, when the counts add up
// over periods, a total row (column totals and the grand total). The rules:
// 1. A period with fewer than MINIMUM_CELL_SIZE cases in all (`hiddenRows`), or whose own
//    total is under 5 (counted in cases, `rowCases`), shows nothing at all.
// 2. Primary: every cell under 5 is hidden, counted in cases (`cases`: a cell of 8 measures
//    of 2 people describes 2 people) and in its own unit; 0 too ("no one" is also a fact
//    about the people of a small group).
// 3. Complementary, in each period's row: the total minus the shown cells is the sum of the
//    hidden ones. That gives a hidden cell back when it is the only hidden one, and gives
//    them all (as 0) when the sum is 0. So while either holds, the smallest shown cell is
//    hidden too (ties: the first); with none left, the total.
// 4. The total row never adds an equation: a column total is shown only when every cell of
//    its column is, and the grand total only when every period's total is, so each is the
//    sum of shown numbers. (Shown otherwise, a column total minus the shown cells would give
//    back a hidden cell; and since a period's figures do not depend on the months asked for,
//    the totals of two windows would give back a hidden period by their difference.)
// The rows are thus independent equations, each with no hidden cell, or with at least two
// and a positive sum: any hidden cell can then be 1 more or 1 less with another hidden cell
// of its row 1 less or more, and every shown number stays the same. The property test
// (suppression.spec.ts) checks that by constructing such a table for every hidden cell, and
// plays the attacker who solves every equation it can.

export interface CountTable {
  /** counts[row][column]: non-negative integers, each row a partition of its total. */
  readonly counts: readonly (readonly number[])[];
  /** Whether counts add up over rows (flows like "started"), so a total row is shown. */
  readonly additive: boolean;
  /** The cases behind each cell when they are not the counts (measures, meetings). */
  readonly cases?: readonly (readonly number[])[];
  /** The cases behind each row's total when they are not the total. */
  readonly rowCases?: readonly number[];
  /** Rows that show nothing: periods with fewer than 5 cases in all. */
  readonly hiddenRows?: readonly boolean[];
}

export interface SuppressedTable {
  /** null: hidden. */
  readonly cells: readonly (readonly (number | null)[])[];
  readonly rowTotals: readonly (number | null)[];
  /** Null for a table that is not additive. */
  readonly columnTotals: readonly (number | null)[] | null;
  readonly grandTotal: number | null;
}

export interface SuppressionOptions {
  /** Off only to show, in a test, what the complementary step protects against. */
  readonly complementary?: boolean;
  /** Off only to show, in a test, what showing the total row regardless would give away. */
  readonly redundantTotals?: boolean;
}

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);
const small = (value: number | undefined): boolean => (value ?? 0) < MINIMUM_CELL_SIZE;

/** The table as it may be published on its own (one level, no other periods): null is hidden. */
export function suppress(table: CountTable, options: SuppressionOptions = {}): SuppressedTable {
  const [pattern] = latticePattern(
    { levels: [table], children: [[]], additive: table.additive },
    { complementary: options.complementary },
  );
  return publish(table, pattern ?? { cells: [], totals: [] }, options);
}

/**
 * A table with its hidden pattern (from latticePattern): the hidden cells and totals are
 * null, and for an additive table the total row shows only sums of shown numbers.
 */
export function publish(
  table: CountTable,
  pattern: LevelPattern,
  options: SuppressionOptions = {},
): SuppressedTable {
  const redundantTotals = options.redundantTotals !== false;
  const columns = table.counts[0]?.length ?? 0;
  const rows = table.counts.map((counts, r) => ({
    cells: counts.map((count, c) => (pattern.cells[r]?.[c] !== false ? null : count)),
    total: pattern.totals[r] !== false ? null : sum(counts),
  }));
  if (!table.additive) {
    return {
      cells: rows.map((row) => row.cells),
      rowTotals: rows.map((row) => row.total),
      columnTotals: null,
      grandTotal: null,
    };
  }
  const columnTotals = Array.from({ length: columns }, (_, c) => {
    const all = sum(table.counts.map((counts) => counts[c] ?? 0));
    if (redundantTotals) return rows.every((row) => row.cells[c] !== null) ? all : null;
    return small(all) ? null : all;
  });
  const grand = sum(table.counts.map(sum));
  const grandTotal = redundantTotals
    ? rows.every((row) => row.total !== null)
      ? grand
      : null
    : small(grand)
      ? null
      : grand;
  return {
    cells: rows.map((row) => row.cells),
    rowTotals: rows.map((row) => row.total),
    columnTotals,
    grandTotal,
  };
}

/**
 * A median (or any figure drawn from a group of cases) is shown only when the count it is
 * drawn from is shown, so it never describes fewer than 5 people.
 */
export function derivedFigure(base: number | null, figure: number | null): number | null {
  if (base === null || base < MINIMUM_CELL_SIZE) return null;
  return figure;
}
