import { createRng } from '../random.ts';

/** One fold: indices into the pool of non-test rows, to train on and to score on. */
export interface Fold {
  train: Int32Array;
  valid: Int32Array;
}

/**
 * How the pool's rows may be divided so that a fold's score means what the split means:
 * - stratified: each fold holds every class in about the pool's shares (classification);
 * - random: a seeded shuffle dealt into k parts (regression);
 * - time: `order` lists the pool rows from earliest to latest, and fold j trains on everything before its
 *   block, as sklearn's TimeSeriesSplit: a model is never scored on rows older than its training rows;
 * - group: `groups` gives each row's entity, and an entity's rows are never on both sides (GroupKFold).
 */
export type FoldLayout =
  | { kind: 'stratified'; y: ArrayLike<number> }
  | { kind: 'random' }
  | { kind: 'time'; order: ArrayLike<number> }
  | { kind: 'group'; groups: ArrayLike<number> };

/**
 * k folds over `rows` pool rows (LIFECYCLE §4's cross-validated selection). Every row is scored in exactly
 * one fold, except under `time`, where the earliest block only ever trains. Deterministic for the seed.
 *
 * @throws RangeError when k < 2 or there are fewer rows (or groups) than folds.
 * @example
 * makeFolds(10, 5, { kind: 'random' }, 7).map((f) => f.valid.length); // [2, 2, 2, 2, 2]
 */
export function makeFolds(rows: number, k: number, layout: FoldLayout, seed: number): Fold[] {
  if (!(Number.isInteger(k) && k >= 2)) throw new RangeError(`cross-validation needs k ≥ 2, got ${k}.`);
  if (rows < k) throw new RangeError(`cross-validation: ${rows} rows cannot fill ${k} folds.`);
  const rng = createRng(seed).fork('cv folds');
  const foldOf = new Int32Array(rows);
  if (layout.kind === 'time') return timeFolds(layout.order, k);
  if (layout.kind === 'group') {
    // Groups, largest first, each to the fold with the fewest rows so far (sklearn's GroupKFold).
    const sizes = new Map<number, number>();
    for (let r = 0; r < rows; r++) sizes.set(layout.groups[r]!, (sizes.get(layout.groups[r]!) ?? 0) + 1);
    if (sizes.size < k)
      throw new RangeError(`cross-validation: ${sizes.size} groups cannot fill ${k} folds.`);
    const fill = new Array<number>(k).fill(0);
    const assigned = new Map<number, number>();
    const ordered = [...sizes.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    for (const [group, size] of ordered) {
      let best = 0;
      for (let f = 1; f < k; f++) if (fill[f]! < fill[best]!) best = f;
      assigned.set(group, best);
      fill[best]! += size;
    }
    for (let r = 0; r < rows; r++) foldOf[r] = assigned.get(layout.groups[r]!)!;
  } else if (layout.kind === 'stratified') {
    // Per class, a shuffled list dealt round-robin, continuing where the previous class stopped, so fold
    // sizes differ by at most one row and every class is spread evenly.
    const byClass = new Map<number, number[]>();
    for (let r = 0; r < rows; r++) {
      const c = layout.y[r]!;
      const list = byClass.get(c) ?? [];
      list.push(r);
      byClass.set(c, list);
    }
    let next = 0;
    for (const c of [...byClass.keys()].sort((a, b) => a - b)) {
      for (const r of rng.fork(`class ${c}`).shuffle(byClass.get(c)!)) {
        foldOf[r] = next;
        next = (next + 1) % k;
      }
    }
  } else {
    const order = rng.shuffle(Array.from({ length: rows }, (_, i) => i));
    order.forEach((r, i) => (foldOf[r] = i % k));
  }
  const folds: Fold[] = [];
  for (let f = 0; f < k; f++) {
    const train: number[] = [];
    const valid: number[] = [];
    for (let r = 0; r < rows; r++) (foldOf[r] === f ? valid : train).push(r);
    folds.push({ train: Int32Array.from(train), valid: Int32Array.from(valid) });
  }
  return folds;
}

function timeFolds(order: ArrayLike<number>, k: number): Fold[] {
  const n = order.length;
  const block = Math.floor(n / (k + 1));
  if (block < 1) throw new RangeError(`cross-validation: ${n} rows cannot fill ${k} time-ordered folds.`);
  const folds: Fold[] = [];
  for (let f = 0; f < k; f++) {
    const end = n - (k - 1 - f) * block;
    const start = end - block;
    folds.push({
      train: Int32Array.from({ length: start }, (_, i) => order[i]!),
      valid: Int32Array.from({ length: end - start }, (_, i) => order[start + i]!),
    });
  }
  return folds;
}
