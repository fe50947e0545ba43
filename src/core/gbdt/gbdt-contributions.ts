import type { GbdtModel } from './gbdt-model.ts';
import { childFor } from './predict-gbdt.ts';

/**
 * Why one row got its raw score: Saabas path contributions. Each tree starts from its root's value (into
 * the bias) and every split on the row's path adds `value(child) − value(node)` to the split's feature;
 * summed per feature over all trees. Per output the block is laid out like XGBoost's `pred_contribs`:
 * `[feature 0, …, feature cols − 1, bias]`, and the block sums to that output's raw score.
 *
 * @param x Row-major features, rows × model.inputDim.
 * @param row The row to explain.
 * @returns Float64Array of outputs × (inputDim + 1).
 */
export function contributions(model: GbdtModel, x: Float32Array, row: number): Float64Array {
  const { inputDim: cols, outputs, trees, baseScore } = model;
  if (!Number.isInteger(row) || row < 0 || (row + 1) * cols > x.length) {
    throw new RangeError(`contributions: row ${row} is outside x (${x.length / Math.max(cols, 1)} rows)`);
  }
  const width = cols + 1;
  const out = new Float64Array(outputs * width);
  for (let k = 0; k < outputs; k++) out[k * width + cols] = baseScore[k]!;
  const offset = row * cols;
  for (let t = 0; t < trees.length; t++) {
    const tree = trees[t]!;
    const block = (t % outputs) * width;
    let node = 0;
    out[block + cols]! += tree.value[0]!;
    while (tree.left[node]! !== -1) {
      const next = childFor(tree, node, x, offset);
      out[block + tree.feature[node]!]! += tree.value[next]! - tree.value[node]!;
      node = next;
    }
  }
  return out;
}
