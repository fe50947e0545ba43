import { createRng, type Rng } from '../random.ts';

/** Options of {@link permutationImportance}. */
export interface PermutationImportanceOptions {
  /** Features, row-major: `values[r * cols + c]`. Not modified. */
  values: Float32Array;
  rows: number;
  cols: number;
  /** For each output column, the index of its group in `groupNames` (a fitted pipeline's `groups`). */
  groups: number[];
  /** One name per group: the source columns (a fitted pipeline's `inputs`). */
  groupNames: string[];
  /**
   * The model's score on a feature matrix; higher is better (negate a loss). It is handed one scratch array
   * that is rewritten between calls, so it must not keep or transfer it.
   */
  score: (values: Float32Array) => number | Promise<number>;
  /** Permutations per group. Default 5. */
  repeats?: number;
  seed: number;
  /** Called after each scored permutation, with `total` = groups × repeats. */
  onProgress?: (done: number, total: number) => void;
  /** Checked before each scoring; when aborted, the call rejects with the signal's reason. */
  signal?: { readonly aborted: boolean; readonly reason?: unknown };
}

/** How much the score drops when one source column's features are shuffled. */
export interface ColumnImportance {
  column: string;
  /** Mean drop in score over the repeats (negative when shuffling helped, which is noise). */
  mean: number;
  /** Population standard deviation of the drops (as sklearn's permutation_importance reports). */
  std: number;
}

/**
 * Permutation importance (Breiman; sklearn's `permutation_importance`): the drop in score when one source
 * column's values are shuffled across rows, breaking its link to the target. Importance is per source
 * column, not per feature: all output columns of a group ("city=Paris", "city=Lyon", …) are moved with the
 * same row permutation, so a one-hot row stays a valid one-hot row. Each group's permutations come from its
 * own stream (`seed`, forked by the column name), so adding a column never changes another's numbers.
 *
 * @returns One entry per group, sorted by mean drop, largest first (ties by name).
 * @throws RangeError on inconsistent shapes, or when the score is not a finite number.
 * @example
 * await permutationImportance({ values, rows, cols, groups: fitted.groups, groupNames: fitted.inputs,
 *   score: (x) => auc(model.predict(x), y), seed: 42 });
 */
export async function permutationImportance(
  options: PermutationImportanceOptions,
): Promise<ColumnImportance[]> {
  const { values, rows, cols, groups, groupNames, score, seed, onProgress, signal } = options;
  const repeats = options.repeats ?? 5;
  checkShapes(options, repeats);
  const members: number[][] = groupNames.map(() => []);
  groups.forEach((group, c) => members[group]!.push(c));

  const scratch = values.slice();
  const scoreOf = async (): Promise<number> => {
    if (signal?.aborted) throw signal.reason ?? new Error('Permutation importance was cancelled');
    const value = await score(scratch);
    if (!Number.isFinite(value))
      throw new RangeError(`The score function returned ${value}, not a finite number`);
    return value;
  };
  const baseline = await scoreOf();
  const rng = createRng(seed);
  const total = groupNames.length * repeats;
  let done = 0;
  const importances: ColumnImportance[] = [];
  for (let g = 0; g < groupNames.length; g++) {
    const columns = members[g]!;
    const stream = rng.fork(`column:${groupNames[g]}`);
    const drops = new Float64Array(repeats);
    for (let k = 0; k < repeats; k++) {
      // A group without output columns cannot change the score; it is listed with importance 0.
      if (columns.length > 0) {
        const order = permutation(rows, stream);
        for (let r = 0; r < rows; r++) {
          const from = order[r]! * cols;
          for (const c of columns) scratch[r * cols + c] = values[from + c]!;
        }
        drops[k] = baseline - (await scoreOf());
        for (let r = 0; r < rows; r++) for (const c of columns) scratch[r * cols + c] = values[r * cols + c]!;
      }
      onProgress?.(++done, total);
    }
    importances.push({ column: groupNames[g]!, ...meanAndStd(drops) });
  }
  return importances.sort(
    (a, b) => b.mean - a.mean || (a.column < b.column ? -1 : a.column > b.column ? 1 : 0),
  );
}

function checkShapes(options: PermutationImportanceOptions, repeats: number): void {
  const { values, rows, cols, groups, groupNames } = options;
  if (!Number.isSafeInteger(rows) || !Number.isSafeInteger(cols) || rows < 0 || cols < 0) {
    throw new RangeError(`rows and cols must be whole numbers, got ${rows} and ${cols}`);
  }
  if (values.length !== rows * cols) {
    throw new RangeError(`values has ${values.length} entries, not rows × cols = ${rows * cols}`);
  }
  if (groups.length !== cols)
    throw new RangeError(`groups has ${groups.length} entries, not one per column (${cols})`);
  groups.forEach((group, c) => {
    if (!Number.isInteger(group) || group < 0 || group >= groupNames.length) {
      throw new RangeError(
        `groups[${c}] is ${group}, not an index into the ${groupNames.length} group names`,
      );
    }
  });
  if (!Number.isSafeInteger(repeats) || repeats < 1)
    throw new RangeError(`repeats must be at least 1, got ${repeats}`);
}

/** A uniformly random ordering of 0 … n−1 (Fisher–Yates, as rng.shuffle, on a typed array). */
function permutation(n: number, rng: Rng): Uint32Array {
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(0, i);
    const item = order[i]!;
    order[i] = order[j]!;
    order[j] = item;
  }
  return order;
}

function meanAndStd(values: Float64Array): { mean: number; std: number } {
  let sum = 0;
  for (const value of values) sum += value;
  const mean = sum / values.length;
  let squares = 0;
  for (const value of values) squares += (value - mean) ** 2;
  return { mean, std: Math.sqrt(squares / values.length) };
}
