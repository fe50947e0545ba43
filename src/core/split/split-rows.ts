import { createRng, type Rng } from '../random.ts';
import { allocateStratified } from './stratified-allocation.ts';
import {
  DEFAULT_SPLIT_FRACTIONS,
  normaliseFractions,
  splitSizes,
  type SplitFractions,
} from './split-sizes.ts';

export type SplitMethod = 'random' | 'stratified' | 'time' | 'group';

export interface SplitOptions {
  /** Seeds the split's own stream, `createRng(seed).fork('split')`. Ignored by the time split. */
  seed: number | string;
  /** [train, validation, test], default [0.7, 0.15, 0.15]. */
  fractions?: SplitFractions;
  /** Class label per row (classification): every class is split in the same proportions. null: excluded. */
  stratify?: readonly (string | null)[];
  /** Timestamp per row: the latest rows go to test, the ones before them to validation. NaN: excluded. */
  timeOrder?: ArrayLike<number>;
  /** Entity key per row: all rows of an entity land in the same set. null: excluded. */
  groups?: readonly (string | null)[];
  /** Rows to leave out of every set, e.g. those with a missing target. */
  exclude?: ArrayLike<number>;
}

/** Row indices of each set, ascending. Every row is in exactly one of the four. */
export interface RowSplit {
  train: Uint32Array;
  validation: Uint32Array;
  test: Uint32Array;
  /** Rows left out: listed in `exclude`, or with a null label or group or a NaN timestamp. */
  excluded: Uint32Array;
  method: SplitMethod;
  seed: number | string;
  fractions: [number, number, number];
}

/**
 * Splits rows 0..n−1 into train, validation and test.
 *
 * Sizes are exact and documented: with m eligible rows, the sizes are `splitSizes(m, fractions)`, largest
 * remainder rounding of m·f (ties to train, then validation), so they sum to m and each is within 1 of m·f;
 * 1000 rows at 70/15/15 give 700/150/150. The method follows from the options (at most one of them):
 * - random: a seeded Fisher–Yates shuffle;
 * - stratified (`stratify`): every class's count in every set is within 1 row of its exact share, while the
 *   set sizes stay exact (`allocateStratified`); rows are drawn at random within each class;
 * - time (`timeOrder`): rows ordered by timestamp (ties by row index): the earliest go to train, the latest
 *   to test, the ones between to validation; no randomness;
 * - group (`groups`): groups are visited in a seeded random order and each goes whole to the set furthest
 *   below its target (relative to it) that it fits in, else to the one with the largest shortfall, so sizes
 *   follow the group sizes: each set ends within twice the largest group of its target, usually much closer.
 *
 * @returns The sets as ascending row indices (so a set's hash does not depend on draw order).
 * @throws RangeError for bad fractions, option arrays of the wrong length, or more than one method.
 * @example
 * const { train, validation, test } = splitRows(1000, { seed: 42 }); // 700, 150, 150 rows
 * splitRows(n, { seed: 42, stratify: labels }); // classification
 */
export function splitRows(n: number, options: SplitOptions): RowSplit {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`splitRows: n must be a row count, got ${n}`);
  const fractions = normaliseFractions(options.fractions ?? DEFAULT_SPLIT_FRACTIONS);
  const { stratify, timeOrder, groups } = options;
  const given = [stratify && 'stratify', timeOrder && 'timeOrder', groups && 'groups'].filter(Boolean);
  if (given.length > 1) throw new RangeError(`splitRows: choose one of ${given.join(', ')}, not several`);
  for (const [name, array] of [
    ['stratify', stratify],
    ['timeOrder', timeOrder],
    ['groups', groups],
  ] as const) {
    if (array !== undefined && array.length !== n) {
      throw new RangeError(`splitRows: ${name} has ${array.length} entries for ${n} rows`);
    }
  }

  const eligible = new Uint8Array(n).fill(1);
  for (let i = 0; i < (options.exclude?.length ?? 0); i++) {
    const row = options.exclude![i]!;
    if (!(row >= 0 && row < n))
      throw new RangeError(`splitRows: exclude holds row ${row}, outside 0..${n - 1}`);
    eligible[row] = 0;
  }
  const keyed = stratify ?? groups;
  for (let r = 0; r < n; r++) {
    if (
      (keyed !== undefined && keyed[r] == null) ||
      (timeOrder !== undefined && Number.isNaN(timeOrder[r]!))
    ) {
      eligible[r] = 0;
    }
  }
  const rows = indicesWhere(eligible, 1);
  const sizes = splitSizes(rows.length, fractions);
  const rng = createRng(options.seed).fork('split');

  let method: SplitMethod;
  let sets: [Uint32Array, Uint32Array, Uint32Array];
  if (stratify !== undefined) {
    method = 'stratified';
    sets = stratifiedSplit(rows, stratify as readonly string[], fractions, rng);
  } else if (timeOrder !== undefined) {
    method = 'time';
    sets = timeSplit(rows, timeOrder, sizes);
  } else if (groups !== undefined) {
    method = 'group';
    sets = groupSplit(rows, groups as readonly string[], sizes, rng);
  } else {
    method = 'random';
    sets = cutInOrder(shuffleInPlace(rows, rng), sizes);
  }
  const [train, validation, test] = sets.map((set) => set.sort()) as [Uint32Array, Uint32Array, Uint32Array];
  return {
    train,
    validation,
    test,
    excluded: indicesWhere(eligible, 0),
    method,
    seed: options.seed,
    fractions,
  };
}

function indicesWhere(flags: Uint8Array, value: number): Uint32Array {
  let count = 0;
  for (let r = 0; r < flags.length; r++) if (flags[r] === value) count++;
  const out = new Uint32Array(count);
  let i = 0;
  for (let r = 0; r < flags.length; r++) if (flags[r] === value) out[i++] = r;
  return out;
}

/** Fisher–Yates, as `rng.shuffle` does, on a typed array. */
function shuffleInPlace(rows: Uint32Array, rng: Rng): Uint32Array {
  for (let i = rows.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    const row = rows[i]!;
    rows[i] = rows[j]!;
    rows[j] = row;
  }
  return rows;
}

function cutInOrder(order: Uint32Array, sizes: number[]): [Uint32Array, Uint32Array, Uint32Array] {
  const [a, b] = sizes as [number, number, number];
  return [order.slice(0, a), order.slice(a, a + b), order.slice(a + b)];
}

/**
 * The first sizes[0] rows in (timestamp, row index) order go to train, the next sizes[1] to validation, the
 * rest to test. Rather than sort the rows with a comparator (slow for a million), it sorts the timestamps
 * natively, finds the two boundary rows, and compares every row with them in one pass.
 */
function timeSplit(
  rows: Uint32Array,
  timeOrder: ArrayLike<number>,
  sizes: number[],
): [Uint32Array, Uint32Array, Uint32Array] {
  const times = new Float64Array(rows.length);
  rows.forEach((row, i) => (times[i] = timeOrder[row]!));
  const sorted = times.slice().sort();
  const lastTrain = boundary(times, sorted, sizes[0]!);
  const lastValidation = boundary(times, sorted, sizes[0]! + sizes[1]!);
  const sets = sizes.map((size) => new Uint32Array(size)) as [Uint32Array, Uint32Array, Uint32Array];
  const at = [0, 0, 0];
  rows.forEach((row, i) => {
    const s = atOrBefore(times[i]!, i, lastTrain) ? 0 : atOrBefore(times[i]!, i, lastValidation) ? 1 : 2;
    sets[s]![at[s]!++] = row;
  });
  return sets;
}

/** The k-th (1-based) position in (time, position) order, as [time, position]; null for k = 0. */
function boundary(times: Float64Array, sorted: Float64Array, k: number): [number, number] | null {
  if (k === 0) return null;
  const time = sorted[k - 1]!;
  let before = 0;
  for (let i = 0; i < times.length; i++) if (times[i]! < time) before++;
  // Among equal timestamps the lower positions come first: the boundary is the (k − before)-th tie.
  let ties = k - before;
  for (let i = 0; i < times.length; i++) if (times[i] === time && --ties === 0) return [time, i];
  throw new Error('timeSplit: boundary not found (a bug)');
}

function atOrBefore(time: number, i: number, last: [number, number] | null): boolean {
  return last !== null && (time < last[0] || (time === last[0] && i <= last[1]));
}

function stratifiedSplit(
  rows: Uint32Array,
  labels: readonly string[],
  fractions: number[],
  rng: Rng,
): [Uint32Array, Uint32Array, Uint32Array] {
  // Classes in code-unit order, so class numbering (and the draw order) never depends on row order.
  const classOf = new Map<string, number>();
  for (const row of rows) classOf.set(labels[row]!, 0);
  const classes = [...classOf.keys()].sort();
  classes.forEach((label, k) => classOf.set(label, k));
  const counts = new Array<number>(classes.length).fill(0);
  const rowClass = new Uint32Array(rows.length);
  rows.forEach((row, i) => {
    const k = classOf.get(labels[row]!)!;
    rowClass[i] = k;
    counts[k]!++;
  });
  // Counting sort: the rows of class k, ascending, fill byClass[start[k] .. start[k] + counts[k]).
  const start = new Array<number>(classes.length + 1).fill(0);
  counts.forEach((count, k) => (start[k + 1] = start[k]! + count));
  const fill = start.slice();
  const byClass = new Uint32Array(rows.length);
  rows.forEach((row, i) => (byClass[fill[rowClass[i]!]!++] = row));

  const allocation = allocateStratified(counts, fractions);
  const sizes = [0, 1, 2].map((s) => allocation.reduce((sum, per) => sum + per[s]!, 0));
  const sets = sizes.map((size) => new Uint32Array(size)) as [Uint32Array, Uint32Array, Uint32Array];
  const filled = [0, 0, 0];
  allocation.forEach((perSet, k) => {
    const members = shuffleInPlace(byClass.subarray(start[k]!, start[k + 1]!), rng);
    let at = 0;
    perSet.forEach((take, s) => {
      sets[s]!.set(members.subarray(at, at + take), filled[s]!);
      filled[s]! += take;
      at += take;
    });
  });
  return sets;
}

function groupSplit(
  rows: Uint32Array,
  keys: readonly string[],
  targets: number[],
  rng: Rng,
): [Uint32Array, Uint32Array, Uint32Array] {
  const groupOf = new Map<string, number>();
  for (const row of rows) groupOf.set(keys[row]!, 0);
  // Sorted first, so that the shuffled order depends only on the seed and the set of keys.
  const names = [...groupOf.keys()].sort();
  names.forEach((name, g) => groupOf.set(name, g));
  const sizes = new Array<number>(names.length).fill(0);
  for (const row of rows) sizes[groupOf.get(keys[row]!)!]!++;

  const order = shuffleInPlace(Uint32Array.from(names.keys()), rng);
  const setOf = new Uint8Array(names.length);
  const filled = [0, 0, 0];
  for (const g of order) {
    const size = sizes[g]!;
    let choice = -1;
    let best = -Infinity;
    for (let s = 0; s < 3; s++) {
      const room = targets[s]! - filled[s]!;
      if (room >= size && room / targets[s]! > best) {
        best = room / targets[s]!;
        choice = s;
      }
    }
    if (choice < 0) {
      for (let s = 0; s < 3; s++) {
        const room = targets[s]! - filled[s]!;
        if (room > best) {
          best = room;
          choice = s;
        }
      }
    }
    setOf[g] = choice;
    filled[choice]! += size;
  }
  const sets = filled.map((size) => new Uint32Array(size)) as [Uint32Array, Uint32Array, Uint32Array];
  const at = [0, 0, 0];
  for (const row of rows) {
    const s = setOf[groupOf.get(keys[row]!)!]!;
    sets[s]![at[s]!++] = row;
  }
  return sets;
}
