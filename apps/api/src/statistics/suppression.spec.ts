import fc from 'fast-check';
import {
  type CountTable,
  type SuppressedTable,
  type SuppressionOptions,
  suppress,
} from './suppression';

// The published table as a grid with its margins: rows of cells and the row total last; for
// an additive table a last row of column totals and the grand total. null: hidden.
type Grid = (number | null)[][];

function publishedGrid(table: CountTable, published: SuppressedTable): Grid {
  const grid: Grid = published.cells.map((row, r) => [...row, published.rowTotals[r] ?? null]);
  if (table.additive) grid.push([...(published.columnTotals ?? []), published.grandTotal]);
  return grid;
}

function trueGrid(table: CountTable, counts: readonly (readonly number[])[]): number[][] {
  const grid = counts.map((row) => [...row, row.reduce((a, b) => a + b, 0)]);
  if (table.additive) {
    const width = (counts[0]?.length ?? 0) + 1;
    grid.push(
      Array.from({ length: width }, (_, c) => grid.reduce((sum, row) => sum + (row[c] ?? 0), 0)),
    );
  }
  return grid;
}

type Position = readonly [number, number];

/** The equations of the published grid: each row and (additive) each column sums to its last. */
function equations(grid: Grid, additive: boolean): { interior: Position[]; margin: Position }[] {
  const rows = grid.length;
  const width = grid[0]?.length ?? 0;
  const lines: { interior: Position[]; margin: Position }[] = [];
  for (let r = 0; r < rows; r += 1) {
    lines.push({
      interior: Array.from({ length: width - 1 }, (_, c): Position => [r, c]),
      margin: [r, width - 1],
    });
  }
  if (additive) {
    for (let c = 0; c < width; c += 1) {
      lines.push({
        interior: Array.from({ length: rows - 1 }, (_, r): Position => [r, c]),
        margin: [rows - 1, c],
      });
    }
  }
  return lines;
}

/**
 * The attacker: knows the table's shape, every shown number and that each row and column
 * sums to its total (also the total row and column). Solves every equation with one unknown,
 * sets every unknown of an equation whose shown total minus shown cells is 0 to 0, and
 * repeats while it learns something. Returns what it recovered.
 */
function recovered(table: CountTable, published: SuppressedTable): string[] {
  const known = publishedGrid(table, published);
  const get = ([r, c]: Position) => known[r]?.[c] ?? null;
  const set = ([r, c]: Position, value: number) => {
    const row = known[r];
    if (row) row[c] = value;
  };
  const found: string[] = [];
  let progress = true;
  while (progress) {
    progress = false;
    for (const line of equations(known, table.additive)) {
      const unknown = line.interior.filter((p) => get(p) === null);
      const knownSum = line.interior.reduce((sum, p) => sum + (get(p) ?? 0), 0);
      const margin = get(line.margin);
      if (margin === null) {
        if (unknown.length === 0) {
          set(line.margin, knownSum);
          found.push(`total ${line.margin.join(',')}=${String(knownSum)}`);
          progress = true;
        }
        continue;
      }
      const remainder = margin - knownSum;
      if (unknown.length === 1 || (unknown.length > 1 && remainder === 0)) {
        for (const p of unknown) {
          const value = unknown.length === 1 ? remainder : 0;
          set(p, value);
          found.push(`cell ${p.join(',')}=${String(value)}`);
        }
        progress = true;
      }
    }
  }
  return found;
}

/**
 * The proof that a hidden number cannot be worked out: another table of non-negative counts
 * that agrees with every shown number (cells and totals) and differs in that number. Tries
 * every change of one cell by 1, of two cells of a row or column in opposite directions,
 * and of the four corners of a rectangle. Returns the hidden positions with no such table.
 */
function unprotected(table: CountTable, published: SuppressedTable): string[] {
  const shown = publishedGrid(table, published);
  const original = trueGrid(table, table.counts);
  const rows = table.counts.length;
  const columns = table.counts[0]?.length ?? 0;
  const consistent = (counts: number[][]): boolean => {
    if (counts.some((row) => row.some((value) => value < 0))) return false;
    const grid = trueGrid(table, counts);
    return shown.every((row, r) =>
      row.every((value, c) => value === null || value === grid[r]?.[c]),
    );
  };
  const moves: [number, number, number][][] = [];
  for (let r = 0; r < rows; r += 1) {
    for (let c = 0; c < columns; c += 1) {
      for (const d of [1, -1]) {
        moves.push([[r, c, d]]);
        for (let c2 = 0; c2 < columns; c2 += 1)
          if (c2 !== c)
            moves.push([
              [r, c, d],
              [r, c2, -d],
            ]);
        for (let r2 = 0; r2 < rows; r2 += 1) {
          if (r2 === r) continue;
          moves.push([
            [r, c, d],
            [r2, c, -d],
          ]);
          for (let c2 = 0; c2 < columns; c2 += 1) {
            if (c2 !== c)
              moves.push([
                [r, c, d],
                [r, c2, -d],
                [r2, c, -d],
                [r2, c2, d],
              ]);
          }
        }
      }
    }
  }
  const alternatives = moves
    .map((move) => {
      const counts = table.counts.map((row) => [...row]);
      for (const [r, c, d] of move) {
        const row = counts[r];
        if (row) row[c] = (row[c] ?? 0) + d;
      }
      return counts;
    })
    .filter(consistent)
    .map((counts) => trueGrid(table, counts));
  const open: string[] = [];
  shown.forEach((row, r) => {
    row.forEach((value, c) => {
      if (value !== null) return;
      const differs = alternatives.some((grid) => grid[r]?.[c] !== original[r]?.[c]);
      if (!differs) open.push(`${String(r)},${String(c)}=${String(original[r]?.[c])}`);
    });
  });
  return open;
}

const table = (counts: number[][], additive = true): CountTable => ({ counts, additive });

describe('statistics suppression', () => {
  it('shows a table where every count is at least 5 as it is', () => {
    expect(
      suppress(
        table([
          [5, 7],
          [9, 12],
        ]),
      ),
    ).toEqual({
      cells: [
        [5, 7],
        [9, 12],
      ],
      rowTotals: [12, 21],
      columnTotals: [14, 19],
      grandTotal: 33,
    });
  });

  it('hides a small cell and the smallest other cell of its row; the totals of their columns go too', () => {
    expect(
      suppress(
        table([
          [3, 7, 9],
          [9, 20, 6],
        ]),
      ),
    ).toEqual({
      cells: [
        [null, null, 9],
        [9, 20, 6],
      ],
      rowTotals: [19, 35],
      columnTotals: [null, null, 15],
      grandTotal: 54,
    });
  });

  it('shows nothing of a period whose total is under 5, and then no grand total', () => {
    const result = suppress(
      table([
        [1, 2, 1],
        [6, 8, 9],
        [7, 5, 6],
      ]),
    );
    expect(result.cells[0]).toEqual([null, null, null]);
    expect(result.rowTotals).toEqual([null, 23, 18]);
    expect(result.cells[1]).toEqual([6, 8, 9]);
    expect(result.columnTotals).toEqual([null, null, null]);
    expect(result.grandTotal).toBeNull();
  });

  it('shows nothing of a period with fewer than 5 cases in all, whatever its counts', () => {
    const result = suppress({
      counts: [
        [10, 12],
        [8, 9],
      ],
      additive: false,
      hiddenRows: [true, false],
    });
    expect(result.cells).toEqual([
      [null, null],
      [8, 9],
    ]);
    expect(result.rowTotals).toEqual([null, 17]);
  });

  it('counts in cases: 8 measures of 2 people are hidden', () => {
    const result = suppress({
      counts: [[8, 9, 12]],
      cases: [[2, 6, 7]],
      rowCases: [9],
      additive: false,
    });
    expect(result.cells[0]).toEqual([null, null, 12]);
    expect(result.rowTotals[0]).toBe(29);
  });

  it('hides the total when a measure cell is hidden by its cases and is the only cell', () => {
    const result = suppress({ counts: [[8]], cases: [[3]], rowCases: [3], additive: false });
    expect(result).toEqual({
      cells: [[null]],
      rowTotals: [null],
      columnTotals: null,
      grandTotal: null,
    });
  });

  it('hides zeros so that a total minus the shown cells never says "none"', () => {
    // Without more, 10 - 10 = 0 would tell that the two hidden cells are both 0.
    const result = suppress(table([[0, 0, 10]], false));
    expect(result.cells[0]).toEqual([null, null, null]);
    expect(result.rowTotals[0]).toBe(10);
  });

  it('the attacker recovers hidden cells without the complementary step or with the total row always shown', () => {
    const fixed = table([
      [3, 7, 9],
      [9, 20, 6],
    ]);
    expect(recovered(fixed, suppress(fixed, { complementary: false }))).toContain('cell 0,0=3');
    expect(recovered(fixed, suppress(fixed, { redundantTotals: false }))).toContain('cell 0,0=3');
    expect(recovered(fixed, suppress(fixed))).toEqual([]);
    expect(unprotected(fixed, suppress(fixed))).toEqual([]);
  });

  const tables = fc
    .record({
      rows: fc.integer({ min: 1, max: 5 }),
      columns: fc.integer({ min: 1, max: 5 }),
      additive: fc.boolean(),
      inCases: fc.boolean(),
    })
    .chain(({ rows, columns, additive, inCases }) =>
      fc
        .record({
          counts: fc.array(
            fc.array(fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 40 })), {
              minLength: columns,
              maxLength: columns,
            }),
            { minLength: rows, maxLength: rows },
          ),
          // Cases behind a cell: at most its count (several measures of one person).
          shares: fc.array(
            fc.array(fc.double({ min: 0, max: 1, noNaN: true }), {
              minLength: columns,
              maxLength: columns,
            }),
            { minLength: rows, maxLength: rows },
          ),
          hiddenRows: fc.array(fc.boolean(), { minLength: rows, maxLength: rows }),
        })
        .map(({ counts, shares, hiddenRows }): CountTable => {
          if (!inCases) return { counts, additive };
          const cases = counts.map((row, r) =>
            row.map((count, c) => Math.round(count * (shares[r]?.[c] ?? 1))),
          );
          return {
            counts,
            additive,
            cases,
            rowCases: cases.map((row) => Math.max(0, ...row)),
            hiddenRows,
          };
        }),
    );

  it('never shows a count under 5 or a cell of fewer than 5 cases, and shows every other number unchanged (property)', () => {
    fc.assert(
      fc.property(tables, (t) => {
        const result = suppress(t);
        const truth = trueGrid(t, t.counts);
        publishedGrid(t, result).forEach((row, r) => {
          row.forEach((shown, c) => {
            if (shown === null) return;
            expect(shown).toBe(truth[r]?.[c]);
            expect(shown).toBeGreaterThanOrEqual(5);
          });
        });
        result.cells.forEach((row, r) => {
          row.forEach((shown, c) => {
            if (shown !== null) expect(t.cases?.[r]?.[c] ?? 5).toBeGreaterThanOrEqual(5);
            if (t.hiddenRows?.[r]) expect(shown).toBeNull();
          });
        });
      }),
      { numRuns: 2000 },
    );
  });

  it('no combination of shown cells and totals gives back a hidden number (property)', () => {
    fc.assert(
      fc.property(tables, (t) => {
        const published = suppress(t);
        expect(recovered(t, published)).toEqual([]);
        expect(unprotected(t, published)).toEqual([]);
      }),
      { numRuns: 1500 },
    );
  });

  const leaks = (options: SuppressionOptions) =>
    fc.check(
      fc.property(tables, (t) => {
        const published = suppress(t, options);
        return recovered(t, published).length === 0 && unprotected(t, published).length === 0;
      }),
      { numRuns: 1500 },
    );

  it('the property fails without the complementary step, and with the total row always shown', () => {
    expect(leaks({ complementary: false }).failed).toBe(true);
    expect(leaks({ redundantTotals: false }).failed).toBe(true);
    expect(leaks({}).failed).toBe(false);
  });
});
