import { fitGbdt } from '../../../src/core/gbdt/fit-gbdt.ts';
import type { FitGbdtOptions, GbdtData, GbdtFitResult } from '../../../src/core/gbdt/fit-gbdt.ts';
import type { GbdtParams } from '../../../src/core/gbdt/gbdt-params.ts';
import type { TaskType } from '../../../src/core/problem/problem-card.ts';
import type { GbdtTree } from '../../../src/core/gbdt/gbdt-model.ts';
import { createRng } from '../../../src/core/random.ts';

/** Rows from `row(rng)`: features and a target, as GbdtData. */
export function makeData(
  rows: number,
  cols: number,
  seed: number,
  row: (rng: ReturnType<typeof createRng>, features: Float32Array) => number,
): GbdtData {
  const rng = createRng(seed);
  const x = new Float32Array(rows * cols);
  const y = new Float64Array(rows);
  for (let i = 0; i < rows; i++) y[i] = row(rng, x.subarray(i * cols, (i + 1) * cols));
  return { x, y, rows };
}

/** A binary problem on 4 features with a little label noise: y = 1 when x0 + x1·x2 > 0. */
export function noisyBinary(rows: number, seed: number): GbdtData {
  return makeData(rows, 4, seed, (rng, f) => {
    for (let j = 0; j < 4; j++) f[j] = rng.normal();
    const signal = f[0]! + f[1]! * f[2]! > 0 ? 1 : 0;
    return rng.next() < 0.15 ? 1 - signal : signal;
  });
}

/** Every node's depth (the root is 0). */
export function nodeDepths(tree: GbdtTree): number[] {
  const depth = new Array<number>(tree.feature.length).fill(0);
  for (let node = 0; node < tree.feature.length; node++) {
    if (tree.left[node] === -1) continue;
    depth[tree.left[node]!] = depth[node]! + 1;
    depth[tree.right[node]!] = depth[node]! + 1;
  }
  return depth;
}

/** The indices of a tree's leaves. */
export function leafNodes(tree: GbdtTree): number[] {
  return tree.left.flatMap((child, node) => (child === -1 ? [node] : []));
}

/** fitGbdt with seed 1 and the class count the task implies (multiclass: the largest label + 1). */
export function fitModel(
  train: GbdtData,
  cols: number,
  task: TaskType,
  params: Partial<GbdtParams>,
  options: Partial<FitGbdtOptions> = {},
): GbdtFitResult {
  const classes = task === 'binary' ? 2 : task === 'multiclass' ? Math.max(...Array.from(train.y)) + 1 : 0;
  return fitGbdt({ train, cols, task, classes, seed: 1, params, ...options });
}
