import type { FeatureSpec } from './feature-spec.ts';
import { parseFeatureSpec } from './feature-spec-schema.ts';
import type { FeatureSource } from './feature-source.ts';
import { fitTarget } from './fit-target.ts';
import type { FittedPipeline, FittedStep } from './fitted-pipeline.ts';
import type { Cells } from './read-cell.ts';
import { fitStep, stepOutputNames } from './step-encoders.ts';
import { uniqueNames } from './unique-names.ts';

// The feature source and the fitted pipeline's types are also offered from here, next to the function that
// consumes and produces them.
export { recordsSource, tableSource } from './feature-source.ts';
export type { FeatureSource } from './feature-source.ts';
export type { FittedPipeline, FittedStep, FittedTarget } from './fitted-pipeline.ts';

/**
 * Learns every transform's parameters and the target's encoding from the training rows, and only from them:
 * pass a source holding just the training split (`tableSource(prepared, split.train)`), so that nothing about
 * validation or test rows leaks into the features.
 *
 * @returns Plain JSON, to be stored with the model version and replayed with `transform`.
 * @throws FeatureValidationError when the spec is malformed (naming the field); MissingColumnError when the
 *   source lacks a column the spec names; RangeError when there are no training rows; Error when the target
 *   does not fit the task (a "binary" target with three classes).
 * @example
 * const fitted = fitFeaturePipeline(suggestFeatures(columns, 'churned', 'binary'), tableSource(table, train));
 * const { values, rows, cols } = transform(fitted, tableSource(table, train));
 */
export function fitFeaturePipeline(spec: FeatureSpec, train: FeatureSource): FittedPipeline {
  const clean = parseFeatureSpec(spec);
  const rows = train.rowCount;
  if (rows === 0) throw new RangeError('Cannot fit features on no training rows');
  const target = fitTarget(clean, readColumn(train, clean.target), rows);

  const inputs: string[] = [];
  const columns = new Map<string, Cells>();
  const names: string[] = [];
  const groups: number[] = [];
  const steps: FittedStep[] = clean.transforms.map((transform) => {
    if (transform.kind === 'drop') return { kind: 'drop', column: transform.column };
    let cells = columns.get(transform.column);
    if (cells === undefined) {
      cells = readColumn(train, transform.column);
      columns.set(transform.column, cells);
      inputs.push(transform.column);
    }
    const step = fitStep(transform, cells, rows);
    const group = inputs.indexOf(transform.column);
    for (const name of stepOutputNames(step)) {
      names.push(name);
      groups.push(group);
    }
    return step;
  });
  return {
    version: 1,
    spec: clean,
    inputs,
    outputs: uniqueNames(names),
    groups,
    steps,
    target,
    trainRows: rows,
  };
}

function readColumn(source: FeatureSource, name: string): Cells {
  const cells = source.column(name);
  if (cells.length < source.rowCount) {
    throw new RangeError(`Column "${name}" has ${cells.length} cells for ${source.rowCount} rows`);
  }
  return cells;
}
