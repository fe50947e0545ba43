import { predictGbdt } from '../gbdt/predict-gbdt.ts';
import { sigmoid, softmax } from '../math/logistic.ts';
import { tanh } from '../math/portable-math.ts';
import type { ModelArtifact } from './model-artifact.ts';
import { withThreshold, type ModelOutput } from './model-output.ts';

/**
 * Predicts with a model artifact in plain float64 JavaScript, without tfjs. It is the second method that
 * checks tfjs's predictions in tests, and it serves small batches where starting a tfjs backend would cost
 * more than the arithmetic.
 *
 * @param x Row-major features, rows × artifact.inputDim.
 */
export function predictArtifact(artifact: ModelArtifact, x: Float32Array, rows: number): ModelOutput {
  return withThreshold(predictRaw(artifact, x, rows), artifact.threshold);
}

function predictRaw(artifact: ModelArtifact, x: Float32Array, rows: number): ModelOutput {
  const { task, classes } = artifact;
  if (artifact.params.family === 'ensemble') return predictEnsemble(artifact, x, rows);
  if (artifact.params.family === 'gbdt') {
    if (!artifact.gbdt) throw new Error('A gradient-boosted model artifact has no trees.');
    return predictGbdt(artifact.gbdt, x, rows);
  }
  if (artifact.params.family === 'baseline') {
    const prior = artifact.prior ?? [0];
    if (task === 'regression') return { kind: 'value', values: new Float64Array(rows).fill(prior[0]!) };
    const values = new Float64Array(rows * classes);
    for (let r = 0; r < rows; r++) for (let k = 0; k < classes; k++) values[r * classes + k] = prior[k]!;
    return { kind: 'proba', classes, values };
  }
  const layers = artifact.weights.length / 2;
  let input = Float64Array.from(x.subarray(0, rows * artifact.inputDim));
  let width = artifact.inputDim;
  for (let l = 0; l < layers; l++) {
    const w = artifact.weights[2 * l]!;
    const b = artifact.weights[2 * l + 1]!;
    const out = w.shape[1]!;
    const next = new Float64Array(rows * out);
    const last = l === layers - 1;
    for (let r = 0; r < rows; r++) {
      for (let j = 0; j < out; j++) {
        let sum = b.values[j]!;
        for (let i = 0; i < width; i++) sum += input[r * width + i]! * w.values[i * out + j]!;
        if (!last) sum = artifact.params.activation === 'tanh' ? tanh(sum) : Math.max(0, sum);
        next[r * out + j] = sum;
      }
    }
    input = next;
    width = out;
  }
  return outputFromLogits(artifact, input, rows);
}

/** Turns the last layer's outputs into probabilities or target-unit values. */
export function outputFromLogits(
  artifact: ModelArtifact,
  logits: ArrayLike<number>,
  rows: number,
): ModelOutput {
  const { task, classes } = artifact;
  if (task === 'regression') {
    const { mean, sd } = artifact.targetScale ?? { mean: 0, sd: 1 };
    const values = new Float64Array(rows);
    for (let r = 0; r < rows; r++) values[r] = logits[r]! * sd + mean;
    return { kind: 'value', values };
  }
  const values = new Float64Array(rows * classes);
  if (task === 'binary') {
    for (let r = 0; r < rows; r++) {
      const p = sigmoid(logits[r]!);
      values[2 * r] = 1 - p;
      values[2 * r + 1] = p;
    }
    return withThreshold({ kind: 'proba', classes, values }, artifact.threshold);
  }
  for (let r = 0; r < rows; r++) softmax(logits, r * classes, classes, values, r * classes);
  return { kind: 'proba', classes, values };
}

/** The weighted average of the members' outputs (probabilities, or regression values). */
function predictEnsemble(artifact: ModelArtifact, x: Float32Array, rows: number): ModelOutput {
  const members = artifact.members ?? [];
  if (members.length === 0) throw new Error('An ensemble model artifact has no members.');
  let sum: Float64Array | null = null;
  for (const { weight, artifact: member } of members) {
    const out = predictArtifact(member, x, rows);
    sum ??= new Float64Array(out.values.length);
    for (let i = 0; i < sum.length; i++) sum[i]! += weight * out.values[i]!;
  }
  return artifact.task === 'regression'
    ? { kind: 'value', values: sum! }
    : { kind: 'proba', classes: artifact.classes, values: sum! };
}
