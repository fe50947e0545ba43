import { describe, expect, it } from 'vitest';
import { binFeatures } from '../../../src/core/gbdt/bin-features.ts';
import { ALL_PRESENT_THRESHOLD } from '../../../src/core/gbdt/gbdt-model.ts';
import { resolveGbdtParams } from '../../../src/core/gbdt/gbdt-params.ts';
import { predictGbdt, predictLeaf } from '../../../src/core/gbdt/predict-gbdt.ts';
import { TreeGrower } from '../../../src/core/gbdt/tree-grower.ts';
import { createRng } from '../../../src/core/random.ts';
import { fitModel, makeData } from './gbdt-fixtures.ts';

const STUMP = { maxIter: 1, maxLeafNodes: 2, minSamplesLeaf: 5, earlyStopping: null };

/** x0 uniform in [0, 1), NaN for a fifth of the rows; the target is 1 above 0.5, and `missingTarget` when NaN. */
function halfAndMissing(missingTarget: number) {
  return makeData(500, 1, 1, (rng, f) => {
    if (rng.next() < 0.2) {
      f[0] = NaN;
      return missingTarget;
    }
    f[0] = rng.next();
    return f[0] > 0.5 ? 1 : 0;
  });
}

describe('missing values', () => {
  it('learns to send missing values to the side they resemble', () => {
    for (const missingTarget of [0, 1]) {
      const train = halfAndMissing(missingTarget);
      const { model } = fitModel(train, 1, 'regression', STUMP);
      const tree = model.trees[0]!;
      expect(tree.threshold[0]).toBeGreaterThan(0.45);
      expect(tree.threshold[0]).toBeLessThan(0.55);
      // Targets of 0 are the left (low) side's.
      expect(tree.missingLeft[0]).toBe(missingTarget === 0);
      const out = predictGbdt(model, Float32Array.of(NaN), 1);
      const sideValue = tree.value[missingTarget === 0 ? tree.left[0]! : tree.right[0]!]!;
      expect(out.values[0]).toBe(model.baseScore[0]! + sideValue);
    }
  });

  it('learns when missingness itself is the signal: missing against every present value', () => {
    // Present values carry no information; the target is 1 exactly when x0 is missing.
    const train = makeData(400, 1, 2, (rng, f) => {
      const missing = rng.next() < 0.3;
      f[0] = missing ? NaN : rng.normal();
      return missing ? 1 : 0;
    });
    const { model } = fitModel(train, 1, 'binary', { maxIter: 30 });
    const root = model.trees[0]!;
    expect(root.threshold[0]).toBe(ALL_PRESENT_THRESHOLD);
    expect(root.missingLeft[0]).toBe(false);
    const out = predictGbdt(model, Float32Array.of(NaN, -5, 0, 5, Infinity, -Infinity), 6).values;
    expect(out[1]).toBeGreaterThan(0.95);
    for (let r = 1; r < 6; r++) expect(out[2 * r + 1]).toBeLessThan(0.05);
  });

  it('routes every training row at prediction to the leaf it was assigned while growing', () => {
    const cols = 3;
    const data = makeData(800, cols, 3, (rng, f) => {
      f[0] = rng.next() < 0.25 ? NaN : rng.normal();
      f[1] = rng.next() < 0.5 ? NaN : rng.int(0, 3);
      f[2] = rng.next() < 0.1 ? NaN : rng.normal() * 1000;
      return 0;
    });
    const rng = createRng(4);
    const grad = Float64Array.from({ length: data.rows }, () => rng.normal());
    const hess = Float64Array.from({ length: data.rows }, () => 0.1 + rng.next());
    const params = resolveGbdtParams({ maxLeafNodes: 40, minSamplesLeaf: 3 });
    const grower = new TreeGrower(binFeatures(data.x, data.rows, cols, 16), params, false);
    const sample = Uint32Array.from({ length: data.rows }, (_, i) => i);
    const grown = grower.grow(grad, hess, sample, Int32Array.of(0, 1, 2));
    expect(grown.leaves.length).toBe(40);
    let missingRows = 0;
    for (const leaf of grown.leaves) {
      for (let j = leaf.start; j < leaf.end; j++) {
        const i = grown.rowOrder[j]!;
        if (data.x.subarray(i * cols, i * cols + cols).some(Number.isNaN)) missingRows++;
        expect(predictLeaf(grown.tree, data.x, i * cols)).toBe(leaf.node);
      }
    }
    expect(missingRows).toBeGreaterThan(400);
  });

  it('sends missing values to the larger child where training saw none', () => {
    // 300 rows at 0 (label 0), 100 at 1 (label 1), nothing missing.
    const train = makeData(400, 1, 5, (_, f) => {
      f[0] = _.next() < 0.75 ? 0 : 1;
      return f[0];
    });
    const { model } = fitModel(train, 1, 'regression', STUMP);
    const tree = model.trees[0]!;
    const leftIsLarger = tree.count[tree.left[0]!]! > tree.count[tree.right[0]!]!;
    expect(leftIsLarger).toBe(true);
    expect(tree.missingLeft[0]).toBe(true);
    expect(predictLeaf(tree, Float32Array.of(NaN), 0)).toBe(tree.left[0]);
  });
});
