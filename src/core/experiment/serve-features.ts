import { tableSource, transform, type FittedPipeline } from '../features/index.ts';
import { applyFitted, type FittedValues, type Recipe } from '../recipe/index.ts';
import type { RawTable } from '../table/raw-table.ts';

/** What serving needs to turn raw input rows into model features: the recipe and the pipeline, as fitted. */
export interface ServingPreprocess {
  recipe: Recipe;
  recipeFitted: FittedValues;
  pipeline: FittedPipeline;
}

/**
 * Raw input rows (as in the file: every value text; a missing key is a missing value) to features, by the
 * one serving path: replay the recipe with the values it learned (`applyFitted`), then the one `transform`.
 * Rows the recipe drops (a filter, a missing required value) are not scored; `kept` says which rows were.
 */
export function serveFeatures(
  model: ServingPreprocess,
  records: readonly Record<string, string | null | undefined>[],
  columns: readonly string[],
): ServedFeatures {
  return serveTableFeatures(model, {
    names: [...columns],
    columns: columns.map((name) => records.map((record) => record[name] ?? '')),
  });
}

export interface ServedFeatures {
  /** Row-major, `rows` × `cols`. */
  values: Float32Array;
  rows: number;
  cols: number;
  /** Input row index of each scored row, ascending. */
  kept: Uint32Array;
}

/**
 * `serveFeatures` for rows that are already column-major (a chunk of an uploaded CSV), without building an
 * object per row. Each row is served as a request of its own: cross-row steps such as drop-duplicates keep
 * every row, so a batch scores exactly as its rows do one by one.
 */
export function serveTableFeatures(model: ServingPreprocess, table: RawTable): ServedFeatures {
  const prepared = applyFitted(table, model.recipe, model.recipeFitted, { perRow: true });
  const { values, rows, cols } = transform(model.pipeline, tableSource(prepared.table));
  return { values, rows, cols, kept: prepared.rowIds };
}
