import { describe, expect, it } from 'vitest';
import { fitBaseline } from '../../../src/core/models/fit-baseline.ts';
import type { ModelArtifact } from '../../../src/core/models/model-artifact.ts';
import { resolveParams } from '../../../src/core/models/model-params.ts';
import { outputFromLogits, predictArtifact } from '../../../src/core/models/predict-artifact.ts';
import { tanh } from '../../../src/core/math/portable-math.ts';
import { createRng } from '../../../src/core/random.ts';

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

  it('gives the same bits as the textbook loop (bias, then inputs in order) for relu and tanh, zeros included', () => {
    const rng = createRng(17);
    const [inputs, h1, h2] = [7, 16, 8];
    const layer = (name: string, from: number, to: number) => [
      { name: `w${name}`, shape: [from, to], values: Array.from({ length: from * to }, () => rng.normal()) },
      { name: `b${name}`, shape: [to], values: Array.from({ length: to }, () => rng.normal()) },
    ];
    for (const activation of ['relu', 'tanh'] as const) {
      const artifact: ModelArtifact = {
        ...tinyNetwork('regression'),
        params: resolveParams({ family: 'mlp', hidden: [h1, h2], activation }),
        inputDim: inputs,
        weights: [...layer('0', inputs, h1), ...layer('1', h1, h2), ...layer('2', h2, 1)],
      };
      const rows = 63; // not a multiple of 4: the last block has 3 rows
      // A third of the inputs are exactly 0 (one-hot columns), which the fast loop skips.
      const x = Float32Array.from({ length: rows * inputs }, () => (rng.next() < 0.33 ? 0 : rng.normal()));
      // The textbook forward pass: output j of a layer is b_j + Σ_i x_i·w_ij, summed in input order.
      let values = Array.from(x);
      let width = inputs;
      for (let l = 0; l < 3; l++) {
        const w = artifact.weights[2 * l]!;
        const out = w.shape[1]!;
        const next: number[] = [];
        for (let r = 0; r < rows; r++)
          for (let j = 0; j < out; j++) {
            let sum = artifact.weights[2 * l + 1]!.values[j]!;
            for (let i = 0; i < width; i++) sum += values[r * width + i]! * w.values[i * out + j]!;
            next.push(l === 2 ? sum : activation === 'tanh' ? tanh(sum) : Math.max(0, sum));
          }
        values = next;
        width = out;
      }
      const expected = values.map((v) => v * 2 + 10); // the fixture's target scale
      expect(Array.from(predictArtifact(artifact, x, rows).values)).toEqual(expected);
    }
  });
});
