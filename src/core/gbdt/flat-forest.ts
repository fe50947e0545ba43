import { ALL_PRESENT_THRESHOLD } from './gbdt-model.ts';
import type { GbdtTree } from './gbdt-model.ts';

/**
 * Trees packed into typed arrays, node indices global across trees, for routing many rows quickly. The
 * JSON trees stay the model; this is rebuilt from them (O(nodes)) by each call that routes a block.
 */
export interface FlatForest {
  /** Each tree's root node. */
  roots: Int32Array;
  /** −1 for a leaf. */
  feature: Int32Array;
  /** {@link ALL_PRESENT_THRESHOLD} becomes +Infinity here, so a single `<=` sends every present value left. */
  threshold: Float64Array;
  missingLeft: Uint8Array;
  left: Int32Array;
  right: Int32Array;
  value: Float64Array;
}

export function flattenForest(trees: readonly GbdtTree[]): FlatForest {
  const nodes = trees.reduce((sum, tree) => sum + tree.feature.length, 0);
  const forest: FlatForest = {
    roots: new Int32Array(trees.length),
    feature: new Int32Array(nodes),
    threshold: new Float64Array(nodes),
    missingLeft: new Uint8Array(nodes),
    left: new Int32Array(nodes),
    right: new Int32Array(nodes),
    value: new Float64Array(nodes),
  };
  let base = 0;
  trees.forEach((tree, t) => {
    forest.roots[t] = base;
    for (let n = 0; n < tree.feature.length; n++) {
      const at = base + n;
      const leaf = tree.left[n]! === -1;
      forest.feature[at] = leaf ? -1 : tree.feature[n]!;
      const threshold = tree.threshold[n]!;
      forest.threshold[at] = threshold === ALL_PRESENT_THRESHOLD ? Infinity : threshold;
      forest.missingLeft[at] = tree.missingLeft[n] ? 1 : 0;
      forest.left[at] = leaf ? -1 : base + tree.left[n]!;
      forest.right[at] = leaf ? -1 : base + tree.right[n]!;
      forest.value[at] = tree.value[n]!;
    }
    base += tree.feature.length;
  });
  return forest;
}

/**
 * The leaf (a global node index) that a row reaches from `root`: missing values (NaN) follow `missingLeft`,
 * present values go left when `value <= threshold`, the same rule as {@link predictLeaf} on the JSON tree.
 */
export function flatLeaf(forest: FlatForest, root: number, x: ArrayLike<number>, offset: number): number {
  const { feature, threshold, missingLeft, left, right } = forest;
  let node = root;
  for (let f = feature[node]!; f !== -1; f = feature[node]!) {
    const v = x[offset + f]!;
    const goLeft = v !== v ? missingLeft[node] === 1 : v <= threshold[node]!;
    node = goLeft ? left[node]! : right[node]!;
  }
  return node;
}
