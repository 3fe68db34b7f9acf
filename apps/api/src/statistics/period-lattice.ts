import { MINIMUM_CELL_SIZE } from '@atergang/contracts';

// One suppression pattern for the months, quarters and year of a calendar year (issue 18).
//
// The same figures are published at three period lengths, and a quarter is the sum of its
// months, a year the sum of its quarters. Suppressing each request on its own would let a
// quarter minus its shown months give back a hidden month. So every table is suppressed
// over the whole lattice of one calendar year at once, and each request publishes its own
// level of that one pattern: whatever any set of requests shows, it is a part of one safe
// publication. The pattern depends only on the year's own figures, never on the months a
// request asks for, so two requests never disagree about a cell.
//
// The equations an attacker has, for each table and year:
// - each period's row: its cells add up to its total (at every level);
// - for flows that add up over periods (additive tables): each column of a quarter (and its
//   total) is the sum of its months', each column of the year the sum of its quarters'.
// The rules, applied until nothing changes:
// 1. Primary: a count under 5 (or of fewer than 5 cases) is hidden, and a period with fewer
//    than 5 cases in all shows nothing.
// 2. Complementary: an equation with exactly one hidden number, or whose hidden parts are
//    known to add up to 0, gives them back; then the smallest shown part is hidden too.
// 3. Audit: no hidden number may follow from any combination of the equations (a number
//    follows when its unit vector lies in the row space of the equations over the hidden
//    numbers: Gaussian elimination), nor from their bounds (every count is at least 0:
//    interval propagation). Where one does, the smallest shown number next to it is hidden,
//    and rules 2 and 3 run again.
// Totals first: the row totals are suppressed as a lattice of their own, then the cells with
// those totals fixed. A period's total is thus the same whatever the grouping asked for
// (the total of "started" by sex is the one by age band), so two groupings never give
// each other's hidden totals away.

export interface LevelCounts {
  /** counts[row][column]: non-negative integers; each row a partition of its total. */
  readonly counts: readonly (readonly number[])[];
  /** The cases behind each cell when they are not the counts (measures, meetings). */
  readonly cases?: readonly (readonly number[])[];
  /** The cases behind each row's total when they are not the total. */
  readonly rowCases?: readonly number[];
  /** Rows that show nothing: periods with fewer than 5 cases in all. */
  readonly hiddenRows?: readonly boolean[];
}

export interface Lattice {
  /** The levels, finest first: the year's months, its quarters, the year itself. */
  readonly levels: readonly LevelCounts[];
  /** children[l][r]: the rows of level l - 1 that row r of level l adds up (l ≥ 1). */
  readonly children: readonly (readonly (readonly number[])[])[];
  /** Whether the counts add up over periods, so that the hierarchy equations hold. */
  readonly additive: boolean;
}

/** What is hidden at one level: cells[row][column], and each row's total. */
export interface LevelPattern {
  readonly cells: readonly (readonly boolean[])[];
  readonly totals: readonly boolean[];
}

export interface LatticeOptions {
  /** Off only to show, in a test, what the complementary rules protect against. */
  readonly complementary?: boolean;
  /** Off only to show, in a test, what suppressing each level on its own gives away. */
  readonly hierarchy?: boolean;
}

/**
 * The lattice's numbers are numbered flat (level by level, row by row, the row's total
 * last), so that the rules below run over typed arrays: a request suppresses every table of
 * several years, and a diagnosis table has 24 columns.
 */
interface Equation {
  /** The number the parts add up to. */
  readonly whole: number;
  readonly parts: Int32Array;
}

const small = (value: number | undefined): boolean => (value ?? 0) < MINIMUM_CELL_SIZE;
const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

/** The hidden pattern of every level of the lattice. */
export function latticePattern(lattice: Lattice, options: LatticeOptions = {}): LevelPattern[] {
  const width = lattice.levels[0]?.counts[0]?.length ?? 0;
  // The totals as a one-column lattice of their own (rule: totals first).
  const totalsLattice: Lattice = {
    ...lattice,
    levels: lattice.levels.map((level) => ({
      counts: level.counts.map((row) => [sum(row)]),
      // A one-column table's cell is its total: it counts the fewer of their cases.
      cases: level.counts.map((row, r) => [
        Math.min(
          level.rowCases?.[r] ?? sum(row),
          width === 1 ? (level.cases?.[r]?.[0] ?? Infinity) : Infinity,
        ),
      ]),
      hiddenRows: level.hiddenRows,
    })),
  };
  const totals = solve(totalsLattice, null, options).map((level) =>
    level.map((row) => row[0] ?? true),
  );
  if (width === 1) {
    return totals.map((level) => ({ cells: level.map((hidden) => [hidden]), totals: level }));
  }
  const full = solve(lattice, totals, options);
  return full.map((level, l) => ({
    cells: level.map((row) => row.slice(0, width)),
    totals: totals[l] ?? [],
  }));
}

/**
 * hidden[level][row][column], the last column being the row's total. With `fixedTotals`
 * the totals are given and never hidden further (the cells' pass).
 */
function solve(
  lattice: Lattice,
  fixedTotals: readonly (readonly boolean[])[] | null,
  options: LatticeOptions,
): boolean[][][] {
  const width = lattice.levels[0]?.counts[0]?.length ?? 0;
  const stride = width + 1;
  const offsets: number[] = [];
  let size = 0;
  for (const level of lattice.levels) {
    offsets.push(size);
    size += level.counts.length * stride;
  }
  const value = new Float64Array(size);
  const hidden = new Uint8Array(size);
  const hideable = new Uint8Array(size);
  const start = primary(lattice, width, fixedTotals);
  lattice.levels.forEach((level, l) => {
    level.counts.forEach((counts, r) => {
      const base = (offsets[l] ?? 0) + r * stride;
      counts.forEach((count, c) => (value[base + c] = count));
      value[base + width] = sum(counts);
      for (let c = 0; c <= width; c += 1) {
        hidden[base + c] = start[l]?.[r]?.[c] === false ? 0 : 1;
        hideable[base + c] = fixedTotals === null || c !== width ? 1 : 0;
      }
    });
  });
  const result = (): boolean[][][] =>
    lattice.levels.map((level, l) =>
      level.counts.map((_, r) =>
        Array.from({ length: stride }, (_, c) => hidden[(offsets[l] ?? 0) + r * stride + c] === 1),
      ),
    );
  if (options.complementary === false) return result();

  const equations = latticeEquations(lattice, width, offsets, options.hierarchy !== false);
  /** Hide the smallest shown number among `terms` that may be hidden; false if none. */
  const hideSmallest = (terms: ArrayLike<number>): boolean => {
    let next = -1;
    for (let k = 0; k < terms.length; k += 1) {
      const t = terms[k] ?? 0;
      if (hidden[t] === 1 || hideable[t] === 0) continue;
      if (next === -1 || (value[t] ?? 0) < (value[next] ?? 0)) next = t;
    }
    if (next === -1) return false;
    hidden[next] = 1;
    return true;
  };
  /** The last resort: every cell hidden (only the totals of the first pass stay). */
  const hideAllCells = (): boolean => {
    let changed = false;
    for (let t = 0; t < size; t += 1) {
      if (hideable[t] === 1 && hidden[t] === 0) {
        hidden[t] = 1;
        changed = true;
      }
    }
    return changed;
  };

  for (let round = 0; ; round += 1) {
    // Rule 2, until no equation is weak.
    let changed = true;
    while (changed) {
      changed = false;
      for (const { whole, parts } of equations) {
        let hiddenParts = 0;
        let hiddenSum = 0;
        for (const t of parts) {
          if (hidden[t] === 1) {
            hiddenParts += 1;
            hiddenSum += value[t] ?? 0;
          }
        }
        const wholeHidden = hidden[whole] === 1;
        const weak =
          hiddenParts + (wholeHidden ? 1 : 0) === 1 ||
          (!wholeHidden && hiddenParts > 0 && hiddenSum === 0);
        if (!weak) continue;
        if (hideSmallest(parts) || hideSmallest([whole]) || hideAllCells()) changed = true;
      }
    }
    // Rule 3.
    const revealed = auditedTerms(equations, hidden, value, width);
    if (revealed.length === 0) return result();
    if (round > 50) {
      hideAllCells();
      return result();
    }
    for (const term of revealed) {
      const near = equations
        .filter((e) => e.whole === term || e.parts.includes(term))
        .flatMap((e) => [...e.parts, e.whole]);
      if (!hideSmallest(near)) hideAllCells();
    }
  }
}

function primary(
  lattice: Lattice,
  width: number,
  fixedTotals: readonly (readonly boolean[])[] | null,
): boolean[][][] {
  return lattice.levels.map((level, l) =>
    level.counts.map((counts, r) => {
      const total = sum(counts);
      const rowHidden =
        (level.hiddenRows?.[r] ?? false) || small(total) || small(level.rowCases?.[r] ?? total);
      const cells = counts.map(
        (count, c) => rowHidden || small(count) || small(level.cases?.[r]?.[c] ?? count),
      );
      const totalHidden = fixedTotals ? (fixedTotals[l]?.[r] ?? true) : rowHidden;
      return [...cells, totalHidden];
    }),
  );
}

function latticeEquations(
  lattice: Lattice,
  width: number,
  offsets: readonly number[],
  hierarchy: boolean,
): Equation[] {
  const stride = width + 1;
  const at = (l: number, r: number, c: number) => (offsets[l] ?? 0) + r * stride + c;
  const equations: Equation[] = [];
  lattice.levels.forEach((level, l) => {
    level.counts.forEach((_, r) => {
      equations.push({
        whole: at(l, r, width),
        parts: Int32Array.from({ length: width }, (_, c) => at(l, r, c)),
      });
    });
  });
  if (!lattice.additive || !hierarchy) return equations;
  lattice.children.forEach((rows, l) => {
    if (l === 0) return;
    rows.forEach((children, r) => {
      for (let c = 0; c <= width; c += 1) {
        equations.push({
          whole: at(l, r, c),
          parts: Int32Array.from(children, (child) => at(l - 1, child, c)),
        });
      }
    });
  });
  return equations;
}

const EPSILON = 1e-9;

/**
 * Rule 3 on a smaller system. Columns hidden in every period at every level (the many
 * diagnosis chapters with no case) are free: with two or more of them, 1 more in one and
 * 1 less in another, in a month, its quarter and its year, changes no shown number. So
 * they are audited as one column, their sum: nothing else can be worked out through them
 * that could not through their sum, and they themselves are given away only when their sum
 * is (and then only if it is 0).
 */
function auditedTerms(
  equations: readonly Equation[],
  hidden: Uint8Array,
  value: Float64Array,
  width: number,
): number[] {
  const stride = width + 1;
  const free: number[] = [];
  for (let c = 0; c < width; c += 1) {
    let all = true;
    for (let t = c; t < hidden.length && all; t += stride) all = hidden[t] === 1;
    if (all) free.push(c);
  }
  const first = free[0] ?? -1;
  if (free.length < 2) return revealedTerms(equations, hidden, value);
  const isFree = new Uint8Array(stride);
  for (const c of free) isFree[c] = 1;
  const merged = Float64Array.from(value);
  const reducedHidden = Uint8Array.from(hidden);
  for (let row = 0; row < hidden.length; row += stride) {
    let total = 0;
    for (const c of free) {
      total += value[row + c] ?? 0;
      if (c !== first) reducedHidden[row + c] = 0;
    }
    merged[row + first] = total;
  }
  const reduced: Equation[] = [];
  for (const e of equations) {
    const column = e.whole % stride;
    // The free columns' own hierarchy equations: only the first, now their sum, stays.
    if (column !== width && isFree[column] === 1 && column !== first) continue;
    const parts = new Set<number>();
    for (const t of e.parts) {
      const c = t % stride;
      parts.add(isFree[c] === 1 && column === width ? t - c + first : t);
    }
    reduced.push({ whole: e.whole, parts: Int32Array.from(parts) });
  }
  return revealedTerms(reduced, reducedHidden, merged).filter(
    (t) => isFree[t % stride] !== 1 || (merged[t] ?? 0) === 0,
  );
}

/**
 * The hidden numbers an attacker can work out from the equations: those whose unit vector
 * is in the row space of the equations restricted to the hidden numbers, and those whose
 * bounds (at least 0, and what the equations allow) close on one value.
 */
function revealedTerms(
  equations: readonly Equation[],
  hidden: Uint8Array,
  value: Float64Array,
): number[] {
  const variable = new Int32Array(hidden.length).fill(-1);
  const terms: number[] = [];
  for (let t = 0; t < hidden.length; t += 1) {
    if (hidden[t] === 1) {
      variable[t] = terms.length;
      terms.push(t);
    }
  }
  if (terms.length === 0) return [];
  const out = new Set<number>();
  for (const i of linearlyDetermined(equations, terms.length, variable)) out.add(i);
  for (const i of boundsDetermined(equations, terms.length, variable, value)) out.add(i);
  return [...out].sort((a, b) => a - b).map((i) => terms[i] ?? 0);
}

/** Gaussian elimination to reduced row echelon form; a row with one non-zero pins its variable. */
function linearlyDetermined(
  equations: readonly Equation[],
  variables: number,
  variable: Int32Array,
): number[] {
  const rows: Float64Array[] = [];
  for (const e of equations) {
    const row = new Float64Array(variables);
    let unknowns = 0;
    const add = (t: number, coefficient: number) => {
      const i = variable[t] ?? -1;
      if (i < 0) return 0;
      row[i] = (row[i] ?? 0) + coefficient;
      return 1;
    };
    unknowns += add(e.whole, 1);
    for (const t of e.parts) unknowns += add(t, -1);
    if (unknowns > 0) rows.push(row);
  }
  let pivotRow = 0;
  for (let column = 0; column < variables && pivotRow < rows.length; column += 1) {
    let best = -1;
    let bestSize = EPSILON;
    for (let r = pivotRow; r < rows.length; r += 1) {
      const size = Math.abs(rows[r]?.[column] ?? 0);
      if (size > bestSize) {
        best = r;
        bestSize = size;
      }
    }
    if (best === -1) continue;
    const pivot = rows[best] as Float64Array;
    rows[best] = rows[pivotRow] as Float64Array;
    rows[pivotRow] = pivot;
    const p = pivot[column] ?? 1;
    // Only the pivot row's non-zero columns change the others.
    const nonZero: number[] = [];
    for (let c = 0; c < variables; c += 1) {
      if (Math.abs(pivot[c] ?? 0) > EPSILON) {
        pivot[c] = (pivot[c] ?? 0) / p;
        nonZero.push(c);
      } else pivot[c] = 0;
    }
    for (let r = 0; r < rows.length; r += 1) {
      const row = rows[r];
      if (r === pivotRow || !row) continue;
      const factor = row[column] ?? 0;
      if (Math.abs(factor) < EPSILON) continue;
      for (const c of nonZero) row[c] = (row[c] ?? 0) - factor * (pivot[c] ?? 0);
    }
    pivotRow += 1;
  }
  const determined: number[] = [];
  for (const row of rows) {
    let only = -1;
    let count = 0;
    for (let i = 0; i < variables && count < 2; i += 1) {
      if (Math.abs(row[i] ?? 0) > EPSILON) {
        only = i;
        count += 1;
      }
    }
    if (count === 1) determined.push(only);
  }
  return determined;
}

/** Interval propagation over the equations with every count at least 0. */
function boundsDetermined(
  equations: readonly Equation[],
  variables: number,
  variable: Int32Array,
  value: Float64Array,
): number[] {
  const low = new Float64Array(variables);
  const high = new Float64Array(variables).fill(Infinity);
  const lowOf = (t: number) => {
    const i = variable[t] ?? -1;
    return i < 0 ? (value[t] ?? 0) : (low[i] ?? 0);
  };
  const highOf = (t: number) => {
    const i = variable[t] ?? -1;
    return i < 0 ? (value[t] ?? 0) : (high[i] ?? Infinity);
  };
  const tighten = (t: number, lo: number, hi: number): boolean => {
    const i = variable[t] ?? -1;
    if (i < 0) return false;
    let changed = false;
    if (lo > (low[i] ?? 0)) {
      low[i] = lo;
      changed = true;
    }
    if (hi < (high[i] ?? Infinity)) {
      high[i] = hi;
      changed = true;
    }
    return changed;
  };
  for (let pass = 0, changed = true; changed && pass < 100; pass += 1) {
    changed = false;
    for (const { whole, parts } of equations) {
      let lowSum = 0;
      let finiteHighSum = 0;
      let unbounded = 0;
      for (const t of parts) {
        lowSum += lowOf(t);
        const hi = highOf(t);
        if (hi === Infinity) unbounded += 1;
        else finiteHighSum += hi;
      }
      changed = tighten(whole, lowSum, unbounded > 0 ? Infinity : finiteHighSum) || changed;
      const wholeLow = lowOf(whole);
      const wholeHigh = highOf(whole);
      for (const t of parts) {
        if ((variable[t] ?? -1) < 0) continue;
        const lo = lowOf(t);
        const hi = highOf(t);
        // The others' sums without this part (a sum with an unbounded part is unbounded).
        const othersUnbounded = unbounded - (hi === Infinity ? 1 : 0);
        const othersHigh =
          othersUnbounded > 0 ? Infinity : finiteHighSum - (hi === Infinity ? 0 : hi);
        changed = tighten(t, wholeLow - othersHigh, wholeHigh - (lowSum - lo)) || changed;
      }
    }
  }
  const determined: number[] = [];
  for (let i = 0; i < variables; i += 1) if (low[i] === high[i]) determined.push(i);
  return determined;
}
