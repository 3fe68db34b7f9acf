import fc from 'fast-check';
import {
  type Lattice,
  type LatticeOptions,
  type LevelPattern,
  latticePattern,
} from './period-lattice';

// The months, quarters and year of one calendar year suppressed as one lattice (issue 18):
// whatever a user combines (the months, the quarters and the year of the same table, each
// with its row totals), no hidden number can be worked out. The attacker here is written
// independently of the code under test: exact rational elimination over every equation
// (rows add up to their totals; a quarter is the sum of its months, the year of its
// quarters, column by column and for the totals), and bounds from "every count is at
// least 0".

const MONTHS_OF_QUARTER = [0, 1, 2, 3].map((q) => [3 * q, 3 * q + 1, 3 * q + 2]);

/** A year's lattice from its months' counts: quarters and year are their sums. */
function yearLattice(months: number[][], hiddenMonths: boolean[] = []): Lattice {
  const add = (rows: number[][]) => rows.reduce((acc, row) => acc.map((v, c) => v + (row[c] ?? 0)));
  const quarters = MONTHS_OF_QUARTER.map((ms) => add(ms.map((m) => months[m] ?? [])));
  return {
    levels: [
      { counts: months, hiddenRows: hiddenMonths },
      {
        counts: quarters,
        hiddenRows: MONTHS_OF_QUARTER.map((ms) => ms.every((m) => hiddenMonths[m] === true)),
      },
      { counts: [add(quarters)] },
    ],
    children: [[], MONTHS_OF_QUARTER, [[0, 1, 2, 3]]],
    additive: true,
  };
}

// --- the attacker -------------------------------------------------------------------------

/** A fraction of BigInts, kept reduced. */
type Q = readonly [bigint, bigint];
const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : gcd(b, a % b));
const q = (n: bigint, d = 1n): Q => {
  if (n === 0n) return [0n, 1n];
  const g = gcd(n, d) * (d < 0n ? -1n : 1n);
  return [n / g, d / g];
};
const sub = (a: Q, b: Q): Q => q(a[0] * b[1] - b[0] * a[1], a[1] * b[1]);
const mul = (a: Q, b: Q): Q => q(a[0] * b[0], a[1] * b[1]);
const div = (a: Q, b: Q): Q => q(a[0] * b[1], a[1] * b[0]);

interface Published {
  /** [level][row][column]; the last column is the row's total; null: hidden. */
  readonly grid: (number | null)[][][];
  readonly truth: number[][][];
}

function published(lattice: Lattice, patterns: LevelPattern[]): Published {
  const truth = lattice.levels.map((level) =>
    level.counts.map((row) => [...row, row.reduce((a, b) => a + b, 0)]),
  );
  const grid = truth.map((level, l) =>
    level.map((row, r) =>
      row.map((value, c) => {
        const pattern = patterns[l];
        const hidden =
          c === row.length - 1 ? pattern?.totals[r] !== false : pattern?.cells[r]?.[c] !== false;
        return hidden ? null : value;
      }),
    ),
  );
  return { grid, truth };
}

type Position = readonly [number, number, number];

/** Every equation as (whole, parts). */
function equationsOf(lattice: Lattice, width: number): [Position, Position[]][] {
  const out: [Position, Position[]][] = [];
  lattice.levels.forEach((level, l) => {
    level.counts.forEach((_, r) =>
      out.push([[l, r, width], Array.from({ length: width }, (_, c): Position => [l, r, c])]),
    );
  });
  lattice.children.forEach((rows, l) => {
    rows.forEach((children, r) => {
      for (let c = 0; c <= width; c += 1) {
        out.push([[l, r, c], children.map((child): Position => [l - 1, child, c])]);
      }
    });
  });
  return out;
}

/** The hidden numbers the attacker works out, as "level,row,column=value". */
function attack(lattice: Lattice, patterns: LevelPattern[]): string[] {
  const width = lattice.levels[0]?.counts[0]?.length ?? 0;
  const { grid, truth } = published(lattice, patterns);
  const at = ([l, r, c]: Position) => grid[l]?.[r]?.[c] ?? null;
  const unknowns: Position[] = [];
  const index = new Map<string, number>();
  grid.forEach((level, l) => {
    level.forEach((row, r) => {
      row.forEach((value, c) => {
        if (value !== null) return;
        index.set(`${String(l)},${String(r)},${String(c)}`, unknowns.length);
        unknowns.push([l, r, c]);
      });
    });
  });
  const n = unknowns.length;
  const found = new Set<string>();
  const name = (i: number) => {
    const [l, r, c] = unknowns[i] ?? [0, 0, 0];
    return `${String(l)},${String(r)},${String(c)}=${String(truth[l]?.[r]?.[c])}`;
  };
  // Linear: each equation as coefficients over the unknowns = a constant.
  const rows: Q[][] = [];
  const equations = equationsOf(lattice, width);
  for (const [whole, parts] of equations) {
    const row: Q[] = Array.from({ length: n + 1 }, () => q(0n));
    let constant = 0;
    const term = (p: Position, sign: number) => {
      const i = index.get(p.join(','));
      if (i === undefined) constant -= sign * (at(p) ?? 0);
      else row[i] = sub(row[i] ?? q(0n), q(BigInt(-sign)));
    };
    term(whole, 1);
    for (const p of parts) term(p, -1);
    row[n] = q(BigInt(constant));
    if (row.slice(0, n).some((v) => v[0] !== 0n)) rows.push(row);
  }
  let pivot = 0;
  for (let c = 0; c < n && pivot < rows.length; c += 1) {
    const r = rows.findIndex((row, k) => k >= pivot && (row[c] ?? q(0n))[0] !== 0n);
    if (r === -1) continue;
    [rows[pivot], rows[r]] = [rows[r] as Q[], rows[pivot] as Q[]];
    const p = rows[pivot] as Q[];
    const lead = p[c] ?? q(1n);
    for (let k = 0; k <= n; k += 1) p[k] = div(p[k] ?? q(0n), lead);
    rows.forEach((row, k) => {
      if (k === pivot) return;
      const f = row[c] ?? q(0n);
      if (f[0] === 0n) return;
      for (let j = 0; j <= n; j += 1) row[j] = sub(row[j] ?? q(0n), mul(f, p[j] ?? q(0n)));
    });
    pivot += 1;
  }
  for (const row of rows) {
    const nonZero = row.slice(0, n).flatMap((v, i) => (v[0] !== 0n ? [i] : []));
    if (nonZero.length === 1) found.add(name(nonZero[0] as number));
  }
  // Bounds: 0 ≤ each unknown, and each equation's sum.
  const low = new Array<number>(n).fill(0);
  const high = new Array<number>(n).fill(Infinity);
  const range = (p: Position): [number, number] => {
    const i = index.get(p.join(','));
    return i === undefined ? [at(p) ?? 0, at(p) ?? 0] : [low[i] ?? 0, high[i] ?? Infinity];
  };
  const narrow = (p: Position, lo: number, hi: number) => {
    const i = index.get(p.join(','));
    if (i === undefined) return false;
    const before = [low[i], high[i]];
    low[i] = Math.max(low[i] ?? 0, lo);
    high[i] = Math.min(high[i] ?? Infinity, hi);
    return before[0] !== low[i] || before[1] !== high[i];
  };
  for (let again = true, pass = 0; again && pass < 200; pass += 1) {
    again = false;
    for (const [whole, parts] of equations) {
      const ranges = parts.map(range);
      const lo = ranges.reduce((a, [x]) => a + x, 0);
      const hi = ranges.reduce((a, [, x]) => a + x, 0);
      again = narrow(whole, lo, hi) || again;
      const [wlo, whi] = range(whole);
      parts.forEach((p, k) => {
        const [plo, phi] = ranges[k] ?? [0, Infinity];
        const othersLo = lo - plo;
        const othersHi =
          phi === Infinity ? ranges.reduce((a, [, x], j) => (j === k ? a : a + x), 0) : hi - phi;
        again = narrow(p, wlo - othersHi, whi - othersLo) || again;
      });
    }
  }
  low.forEach((lo, i) => {
    if (lo === high[i]) found.add(name(i));
  });
  return [...found].sort();
}

// --- the tests ----------------------------------------------------------------------------

const patternOf = (lattice: Lattice, options?: LatticeOptions) => latticePattern(lattice, options);

describe('one suppression pattern for a year of months, quarters and the year', () => {
  it('hides a month that its quarter minus the shown months would give back', () => {
    // 8 started in January, none in February and March: the quarter's 8 minus January's 8
    // would say "none in February and March".
    const months = [[8], [0], [0], [6], [7], [9], [5], [6], [8], [7], [5], [9]];
    const lattice = yearLattice(months);
    const [month, quarter, year] = patternOf(lattice);
    expect(month?.totals.slice(0, 3)).toEqual([true, true, true]);
    expect(quarter?.totals[0]).toBe(false);
    expect(year?.totals[0]).toBe(false);
    expect(attack(lattice, patternOf(lattice))).toEqual([]);
    // Each level on its own would publish January's 8 and leave February and March to
    // the difference.
    expect(attack(lattice, patternOf(lattice, { hierarchy: false }))).toContain('0,1,0=0');
  });

  it('hides a second month of a quarter in which one month is hidden', () => {
    // Quarter 2's column A: 3 + 9 + 12 = 24; 24 - 9 - 12 would give the 3 back.
    const months = [
      [6, 8],
      [7, 9],
      [9, 5],
      [3, 11],
      [9, 10],
      [12, 15],
      [6, 6],
      [7, 7],
      [8, 8],
      [9, 9],
      [10, 10],
      [11, 11],
    ];
    const lattice = yearLattice(months);
    const [month, quarter] = patternOf(lattice);
    expect(month?.cells[3]?.[0]).toBe(true);
    const hiddenInQuarter = [3, 4, 5].filter((m) => month?.cells[m]?.[0] === true);
    expect(hiddenInQuarter.length).toBeGreaterThanOrEqual(2);
    expect(quarter?.cells[1]?.[0]).toBe(false);
    expect(attack(lattice, patternOf(lattice))).toEqual([]);
  });

  it('gives a period the same total whatever the columns (a grouping) it is split in', () => {
    const bySex = yearLattice([
      [4, 4],
      [0, 0],
      [2, 1],
      [5, 5],
      [6, 6],
      [3, 9],
      [5, 5],
      [7, 1],
      [2, 2],
      [8, 8],
      [0, 9],
      [5, 6],
    ]);
    const all = yearLattice(bySex.levels[0]?.counts.map((row) => [row[0]! + row[1]!]) ?? []);
    const a = patternOf(bySex);
    const b = patternOf(all);
    a.forEach((level, l) => {
      expect(level.totals).toEqual(b[l]?.totals);
    });
  });

  const lattices = fc
    .record({
      columns: fc.integer({ min: 1, max: 4 }),
      sparse: fc.boolean(),
      // Columns with no case at all, like most diagnosis chapters.
      empty: fc.integer({ min: 0, max: 3 }),
    })
    .chain(({ columns, sparse, empty }) =>
      fc.record({
        months: fc.array(
          fc.array(
            sparse
              ? fc.oneof(
                  fc.constant(0),
                  fc.integer({ min: 0, max: 6 }),
                  fc.integer({ min: 0, max: 14 }),
                )
              : fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 30 })),
            { minLength: columns, maxLength: columns },
          ),
          { minLength: 12, maxLength: 12 },
        ),
        // A quiet month (fewer than 5 cases running) now and then.
        hiddenMonths: fc.array(
          fc.integer({ min: 0, max: 5 }).map((v) => v === 0),
          { minLength: 12, maxLength: 12 },
        ),
        empty: fc.constant(empty),
      }),
    )
    .map(({ months, hiddenMonths, empty }) =>
      yearLattice(
        months.map((row) => [...row, ...new Array<number>(empty).fill(0)]),
        hiddenMonths,
      ),
    );

  it('never shows a count under 5, and no combination of levels gives back a hidden number (property)', () => {
    fc.assert(
      fc.property(lattices, (lattice) => {
        const patterns = patternOf(lattice);
        const { grid } = published(lattice, patterns);
        for (const level of grid) {
          for (const row of level)
            for (const v of row) if (v !== null) expect(v).toBeGreaterThanOrEqual(5);
        }
        grid[0]?.forEach((row, r) => {
          if (lattice.levels[0]?.hiddenRows?.[r]) expect(row.every((v) => v === null)).toBe(true);
        });
        expect(attack(lattice, patterns)).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });

  it('the property fails when each level is suppressed on its own', () => {
    const result = fc.check(
      fc.property(
        lattices,
        (lattice) => attack(lattice, patternOf(lattice, { hierarchy: false })).length === 0,
      ),
      { numRuns: 400 },
    );
    expect(result.failed).toBe(true);
  });
});
