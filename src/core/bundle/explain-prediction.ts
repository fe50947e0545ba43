import { serveFeatures } from '../experiment/serve-features.ts';
import { contributions } from '../gbdt/index.ts';
import { bundleColumns } from './bundle-columns.ts';
import type { ModelArtifact, WeightTensor } from '../models/model-artifact.ts';
import type { ModelBundle } from './model-bundle.ts';

/** One source column's share of a prediction's raw score (log-odds, logit or value). */
export interface Contribution {
  column: string;
  value: number;
}

export interface PredictionExplanation {
  /** The raw score before any feature: the trees' base score plus the root values. */
  bias: number;
  /** Per source column, largest magnitude first; they add up with `bias` to the raw score. */
  contributions: Contribution[];
  /** For multiclass, the class explained (the predicted one). */
  output: number;
}

/**
 * Per output, `[feature 0, …, feature cols − 1, bias]` adding up to the raw score (log-odds, logit or
 * value): a tree model's path contributions (Saabas), a linear model's wⱼ·xⱼ and its intercept, and an
 * ensemble's members' contributions, weighted as the members are (members that cannot be split this way,
 * networks with hidden layers and baselines, are left out, with the weights of the rest renormalised).
 * Null when nothing in the model can be explained so.
 */
export function modelContributions(
  model: ModelArtifact,
  x: Float32Array,
  row: number,
): { values: Float64Array; outputs: number } | null {
  if (model.params.family === 'gbdt' && model.gbdt)
    return { values: contributions(model.gbdt, x, row), outputs: model.gbdt.outputs };
  if (model.params.family === 'linear' && model.weights.length === 2) {
    const [w, b] = model.weights as [WeightTensor, WeightTensor];
    const cols = model.inputDim;
    const outputs = w.shape[1]!;
    const values = new Float64Array(outputs * (cols + 1));
    for (let k = 0; k < outputs; k++) {
      for (let j = 0; j < cols; j++)
        values[k * (cols + 1) + j] = w.values[j * outputs + k]! * x[row * cols + j]!;
      values[k * (cols + 1) + cols] = b.values[k]!;
    }
    return { values, outputs };
  }
  if (model.params.family === 'ensemble') {
    const parts = (model.members ?? [])
      .map((m) => ({ weight: m.weight, part: modelContributions(m.artifact, x, row) }))
      .filter((p): p is { weight: number; part: NonNullable<typeof p.part> } => p.part !== null);
    if (parts.length === 0) return null;
    const total = parts.reduce((sum, p) => sum + p.weight, 0);
    const values = new Float64Array(parts[0]!.part.values.length);
    for (const { weight, part } of parts)
      for (let i = 0; i < values.length; i++) values[i]! += (weight / total) * part.values[i]!;
    return { values, outputs: parts[0]!.part.outputs };
  }
  return null;
}

/**
 * Why a model predicted what it did for one request: `modelContributions`, summed over the features each
 * source column produced (one-hot columns, date parts), so the user reads "fee +0.84, tenure −0.31" in the
 * raw score's units. Null for networks with hidden layers, baselines and rows the recipe drops.
 */
export function explainPrediction(
  bundle: ModelBundle,
  record: Record<string, string | null | undefined>,
): PredictionExplanation | null {
  const features = serveFeatures(
    { recipe: bundle.recipe, recipeFitted: bundle.recipeFitted, pipeline: bundle.pipeline },
    [record],
    bundleColumns(bundle),
  );
  if (features.rows === 0) return null;
  const explained = modelContributions(bundle.model, features.values, 0);
  if (!explained) return null;
  const all = explained.values;
  const { inputs, groups } = bundle.pipeline;
  const inputDim = bundle.model.inputDim;
  const width = inputDim + 1;
  let output = 0;
  if (explained.outputs > 1) {
    // The class explained is the predicted one: the largest raw score.
    let best = -Infinity;
    for (let k = 0; k < explained.outputs; k++) {
      let raw = 0;
      for (let j = 0; j < width; j++) raw += all[k * width + j]!;
      if (raw > best) [best, output] = [raw, k];
    }
  }
  const at = output * width;
  const sums = new Float64Array(inputs.length);
  for (let j = 0; j < inputDim; j++) sums[groups[j]!]! += all[at + j]!;
  return {
    bias: all[at + inputDim]!,
    contributions: inputs
      .map((column, i) => ({ column, value: sums[i]! }))
      .sort((a, b) => Math.abs(b.value) - Math.abs(a.value) || (a.column < b.column ? -1 : 1)),
    output,
  };
}
