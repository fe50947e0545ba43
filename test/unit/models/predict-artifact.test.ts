import { describe, expect, it } from 'vitest';
import { fitBaseline } from '../../../src/core/models/fit-baseline.ts';
import type { ModelArtifact } from '../../../src/core/models/model-artifact.ts';
import { resolveParams } from '../../../src/core/models/model-params.ts';
import { outputFromLogits, predictArtifact } from '../../../src/core/models/predict-artifact.ts';

/** A 2-2-1 relu network small enough to run by hand. */
function tinyNetwork(task: ModelArtifact['task']): ModelArtifact {
  return {
    format: 'looplab-model@1',
    task,
    params: resolveParams({ family: 'mlp', hidden: [2] }),
    inputDim: 2,
    outputDim: 1,
    classes: task === 'regression' ? 0 : 2,
    // w0 = [[1, -1], [2, 0.5]] (rows: inputs), b0 = [0, 1]; w1 = [[1], [-2]], b1 = [0.5].
    weights: [
      { name: 'w0', shape: [2, 2], values: [1, -1, 2, 0.5] },
      { name: 'b0', shape: [2], values: [0, 1] },
      { name: 'w1', shape: [2, 1], values: [1, -2] },
      { name: 'b1', shape: [1], values: [0.5] },
    ],
    ...(task === 'regression' ? { targetScale: { mean: 10, sd: 2 } } : {}),
  };
}

describe('predictArtifact', () => {
  it('computes a relu network forward pass as worked by hand', () => {
    // Row (1, 1): hidden = relu([1+2, -1+0.5+1]) = [3, 0.5]; logit = 3 - 1 + 0.5 = 2.5.
    // Row (-1, 0): hidden = relu([-1, 1+1]) = [0, 2]; logit = -4 + 0.5 = -3.5.
    const x = new Float32Array([1, 1, -1, 0]);
    const regression = predictArtifact(tinyNetwork('regression'), x, 2);
    // Regression undoes the target scaling: 2.5·2 + 10 = 15, −3.5·2 + 10 = 3.
    expect(Array.from(regression.values)).toEqual([15, 3]);
    const binary = predictArtifact(tinyNetwork('binary'), x, 2);
    const p = 1 / (1 + Math.exp(-2.5));
    expect(binary.values[1]).toBeCloseTo(p, 15);
    expect(binary.values[0]).toBeCloseTo(1 - p, 15);
    expect(binary.values[3]).toBeCloseTo(1 / (1 + Math.exp(3.5)), 15);
  });

  it('turns multiclass logits into a softmax that survives huge logits', () => {
    const artifact = { ...tinyNetwork('multiclass'), classes: 3, outputDim: 3 };
    const out = outputFromLogits(artifact, [0, Math.log(2), Math.log(5), 1000, 0, 0], 2);
    // exp: 1, 2, 5 → / 8.
    expect(Array.from(out.values.slice(0, 3))).toEqual([1 / 8, 2 / 8, 5 / 8]);
    expect(Array.from(out.values.slice(3))).toEqual([1, 0, 0]);
  });

  it('the baseline predicts the training class shares, or the training mean', () => {
    const classifier = fitBaseline('multiclass', [0, 1, 1, 2, NaN, 1], 3, 4);
    expect(classifier.prior).toEqual([1 / 5, 3 / 5, 1 / 5]);
    const out = predictArtifact(classifier, new Float32Array(8), 2);
    expect(Array.from(out.values)).toEqual([0.2, 0.6, 0.2, 0.2, 0.6, 0.2]);
    const regressor = fitBaseline('regression', [1, 2, NaN, 6], 0, 1);
    expect(Array.from(predictArtifact(regressor, new Float32Array(1), 1).values)).toEqual([3]);
  });
});
