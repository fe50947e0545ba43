import { serveTableFeatures } from '../experiment/serve-features.ts';
import type { ModelOutput } from '../models/model-output.ts';
import type { RawTable } from '../table/raw-table.ts';
import { predictArtifact } from '../models/predict-artifact.ts';
import { bundleColumns } from './bundle-columns.ts';
import type { ModelBundle } from './model-bundle.ts';

/** One scored row. Classification: `label` and `score` (its probability; binary: P(positive)). Regression: `value`. */
export interface BundlePrediction {
  label?: string;
  score?: number;
  value?: number;
}

export interface BundleScores {
  /** Rows scored: `kept.length`, and the number of `predictions`. */
  rows: number;
  /** For each scored row, its index in the input records, ascending. */
  kept: Uint32Array;
  /** Input rows the recipe dropped (a filter, a missing required value): reported, never silently lost. */
  dropped: Uint32Array;
  output: ModelOutput;
  /** One per scored row, in `kept` order. */
  predictions: BundlePrediction[];
}

/**
 * Scores raw input rows with a bundle by the one serving path (`serveFeatures`: recipe replay, then the
 * fitted pipeline) and the float64 forward pass (`predictArtifact`), so no tfjs backend is needed. Binary
 * labels use `bundle.threshold` on P(positive); multiclass takes the most probable class.
 *
 * @param records Raw rows keyed by column name; values as text, a missing key or null is a missing value.
 * @throws RecipeStepError or FittedValuesMismatchError from the recipe replay; Error when the pipeline
 *   writes a different number of features than the model reads (a bundle that failed to validate).
 * @example
 * scoreBundle(bundle, [{ age: '41', city: 'Paris' }]).predictions[0]; // { label: 'yes', score: 0.83 }
 */
export function scoreBundle(
  bundle: ModelBundle,
  records: readonly Record<string, string | null | undefined>[],
): BundleScores {
  const columns = bundleColumns(bundle);
  return scoreBundleTable(bundle, {
    names: columns,
    columns: columns.map((name) => records.map((record) => record[name] ?? '')),
  });
}

/**
 * `scoreBundle` for column-major rows (a chunk of an uploaded CSV): the table must hold the bundle's
 * columns (`bundleColumns`); others are ignored, and a missing optional column reads as missing values.
 * Each row is scored as a request of its own, so any split of a file into chunks scores the same.
 */
export function scoreBundleTable(bundle: ModelBundle, input: RawTable): BundleScores {
  const { model, pipeline } = bundle;
  const rowCount = input.columns[0]?.length ?? 0;
  const columns = bundleColumns(bundle);
  const table: RawTable = {
    names: columns,
    columns: columns.map((name) => {
      const at = input.names.indexOf(name);
      return at >= 0 ? input.columns[at]! : new Array<string>(rowCount).fill('');
    }),
  };
  const features = serveTableFeatures(
    { recipe: bundle.recipe, recipeFitted: bundle.recipeFitted, pipeline },
    table,
  );
  if (features.cols !== model.inputDim) {
    throw new Error(`The pipeline writes ${features.cols} features, but the model reads ${model.inputDim}.`);
  }
  const output = predictArtifact(model, features.values, features.rows);
  const classes = pipeline.target.kind === 'classes' ? pipeline.target.classes : [];
  const predictions: BundlePrediction[] = [];
  for (let r = 0; r < features.rows; r++) {
    if (output.kind === 'value') {
      predictions.push({ value: output.values[r]! });
    } else if (output.classes === 2) {
      const p = output.values[2 * r + 1]!;
      predictions.push({ label: classes[p >= bundle.threshold ? 1 : 0]!, score: p });
    } else {
      let best = 0;
      const at = r * output.classes;
      for (let k = 1; k < output.classes; k++)
        if (output.values[at + k]! > output.values[at + best]!) best = k;
      predictions.push({ label: classes[best]!, score: output.values[at + best]! });
    }
  }
  return {
    rows: features.rows,
    kept: features.kept,
    dropped: droppedRows(rowCount, features.kept),
    output,
    predictions,
  };
}

/** The indices in [0, total) that are not in `kept` (ascending). */
function droppedRows(total: number, kept: Uint32Array): Uint32Array {
  const isKept = new Uint8Array(total);
  for (const row of kept) isKept[row] = 1;
  const dropped: number[] = [];
  for (let row = 0; row < total; row++) if (isKept[row] === 0) dropped.push(row);
  return Uint32Array.from(dropped);
}
