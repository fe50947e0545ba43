import { describe, expect, it } from 'vitest';
import { binFeatures } from '../../../src/core/gbdt/bin-features.ts';
import { MIN_CHILD_HESSIAN } from '../../../src/core/gbdt/find-split.ts';
import { ALL_PRESENT_THRESHOLD } from '../../../src/core/gbdt/gbdt-model.ts';
import { resolveGbdtParams } from '../../../src/core/gbdt/gbdt-params.ts';
import { TreeGrower } from '../../../src/core/gbdt/tree-grower.ts';
import { createRng } from '../../../src/core/random.ts';
import { makeData } from './gbdt-fixtures.ts';

const cols = 3;
/** Mixed features: continuous with NaNs, a small integer code, a mostly-zero column. */
function mixedData(rows: number, seed: number) {
  const data = makeData(rows, cols, seed, (rng, f) => {
    f[0] = rng.next() < 0.2 ? NaN : rng.normal();
    f[1] = rng.int(0, 4);
    f[2] = rng.next() < 0.8 ? 0 : rng.normal();
    return 0;
  });
  const rng = createRng(seed + 100);
  const grad = Float64Array.from(
    { length: rows },
    (_, i) => rng.normal() + (data.x[i * cols + 1]! > 2 ? 1 : 0),
  );
  const hess = Float64Array.from({ length: rows }, () => 0.05 + rng.next());
  return { ...data, grad, hess };
}

/** The best gain by enumerating every candidate threshold and missing direction on raw values. */
function bruteForceBestGain(
  x: Float32Array,
  rows: number[],
  grad: Float64Array,
  hess: Float64Array,
  edges: Float64Array[],
  l2: number,
  minSamplesLeaf: number,
): number {
  const score = (g: number, h: number) => (g * g) / (h + l2);
  let G = 0;
  let H = 0;
  for (const i of rows) {
    G += grad[i]!;
    H += hess[i]!;
  }
  let best = 0;
  for (let f = 0; f < cols; f++) {
    for (const threshold of [...edges[f]!, ALL_PRESENT_THRESHOLD]) {
      for (const missingLeft of [false, true]) {
        let gl = 0;
        let hl = 0;
        let cl = 0;
        for (const i of rows) {
          const v = x[i * cols + f]!;
          if (Number.isNaN(v) ? missingLeft : v <= threshold) {
            gl += grad[i]!;
            hl += hess[i]!;
            cl++;
          }
        }
        const cr = rows.length - cl;
        const hr = H - hl;
        if (cl < minSamplesLeaf || cr < minSamplesLeaf || hl < MIN_CHILD_HESSIAN || hr < MIN_CHILD_HESSIAN)
          continue;
        best = Math.max(best, score(gl, hl) + score(G - gl, hr) - score(G, H));
      }
    }
  }
  return best;
}

describe('TreeGrower', () => {
  const rows = 300;
  const data = mixedData(rows, 1);
  const binned = binFeatures(data.x, rows, cols, 32);
  const all = Uint32Array.from({ length: rows }, (_, i) => i);
  const features = Int32Array.of(0, 1, 2);

  it('finds the split with the largest gain, as enumerating every threshold on raw values does', () => {
    for (const l2 of [0, 2]) {
      const params = resolveGbdtParams({ l2, minSamplesLeaf: 10, maxLeafNodes: 12 });
      const grown = new TreeGrower(binned, params, false).grow(data.grad, data.hess, all, features);
      const tree = grown.tree;
      // Every internal node's gain is the best over its own rows.
      const rowsOf = (node: number): number[] => {
        const leaves = grown.leaves.filter((leaf) => isBelow(tree, leaf.node, node));
        return leaves.flatMap((leaf) => Array.from(grown.rowOrder.subarray(leaf.start, leaf.end)));
      };
      for (let node = 0; node < tree.feature.length; node++) {
        if (tree.left[node] === -1) continue;
        const expected = bruteForceBestGain(data.x, rowsOf(node), data.grad, data.hess, binned.edges, l2, 10);
        expect(tree.gain[node]).toBeCloseTo(expected, 9);
      }
    }
  });

  it('gives every node −ΣG/(ΣH+λ)·lr of its rows, histogram subtraction included', () => {
    const params = resolveGbdtParams({ l2: 0.5, learningRate: 0.3, minSamplesLeaf: 4, maxLeafNodes: 20 });
    const grown = new TreeGrower(binned, params, false).grow(data.grad, data.hess, all, features);
    expect(grown.leaves.length).toBe(20);
    for (const leaf of grown.leaves) {
      let g = 0;
      let h = 0;
      for (let j = leaf.start; j < leaf.end; j++) {
        g += data.grad[grown.rowOrder[j]!]!;
        h += data.hess[grown.rowOrder[j]!]!;
      }
      expect(grown.tree.value[leaf.node]).toBeCloseTo((-g / (h + 0.5)) * 0.3, 12);
      expect(grown.tree.count[leaf.node]).toBe(leaf.end - leaf.start);
    }
  });

  it('grows the same tree on a subset of the columns as on data holding only those columns', () => {
    const params = resolveGbdtParams({ minSamplesLeaf: 5 });
    const subset = new TreeGrower(binned, params, false).grow(data.grad, data.hess, all, Int32Array.of(1));
    const only = new Float32Array(rows).map((_, i) => data.x[i * cols + 1]!);
    const alone = new TreeGrower(binFeatures(only, rows, 1, 32), params, false).grow(
      data.grad,
      data.hess,
      all,
      Int32Array.of(0),
    );
    expect(subset.tree.feature.map((f) => (f === 1 ? 0 : f))).toEqual(alone.tree.feature);
    expect(subset.tree.value).toEqual(alone.tree.value);
  });
});

/** Whether `node` lies in the subtree of `ancestor`. */
function isBelow(tree: { left: number[]; right: number[] }, node: number, ancestor: number): boolean {
  if (node === ancestor) return true;
  const l = tree.left[ancestor]!;
  return l !== -1 && (isBelow(tree, node, l) || isBelow(tree, node, tree.right[ancestor]!));
}
