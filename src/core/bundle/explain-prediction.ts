import { serveFeatures } from '../experiment/serve-features.ts';
import { contributions } from '../gbdt/index.ts';
import { bundleColumns } from './bundle-columns.ts';
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
 * Why a gradient-boosted model predicted what it did for one request: the path contributions of every
 * tree (Saabas), summed over the features each source column produced (one-hot columns, date parts), so
 * the user reads "fee +0.84, tenure −0.31" in the raw score's units. Null for other model families and for
 * rows the recipe drops.
 */
export function explainPrediction(
  bundle: ModelBundle,
  record: Record<string, string | null | undefined>,
): PredictionExplanation | null {
  const model = bundle.model.gbdt;
  if (bundle.model.params.family !== 'gbdt' || !model) return null;
  const features = serveFeatures(
    { recipe: bundle.recipe, recipeFitted: bundle.recipeFitted, pipeline: bundle.pipeline },
    [record],
    bundleColumns(bundle),
  );
  if (features.rows === 0) return null;
  const all = contributions(model, features.values, 0);
  const { inputs, groups } = bundle.pipeline;
  const width = model.inputDim + 1;
  let output = 0;
  if (model.outputs > 1) {
    // The class explained is the predicted one: the largest raw score.
    let best = -Infinity;
    for (let k = 0; k < model.outputs; k++) {
      let raw = 0;
      for (let j = 0; j < width; j++) raw += all[k * width + j]!;
      if (raw > best) [best, output] = [raw, k];
    }
  }
  const at = output * width;
  const sums = new Float64Array(inputs.length);
  for (let j = 0; j < model.inputDim; j++) sums[groups[j]!]! += all[at + j]!;
  return {
    bias: all[at + model.inputDim]!,
    contributions: inputs
      .map((column, i) => ({ column, value: sums[i]! }))
      .sort((a, b) => Math.abs(b.value) - Math.abs(a.value) || (a.column < b.column ? -1 : 1)),
    output,
  };
}
