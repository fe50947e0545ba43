import type { FeatureSource } from './feature-source.ts';
import type { FittedPipeline } from './fitted-pipeline.ts';
import type { Applier } from './applier.ts';
import type { Cells } from './read-cell.ts';
import { stepApplier, stepWidth } from './step-encoders.ts';

// The target's encoding is replayed alongside the features; it is also offered from here.
export { encodeTarget } from './encode-target.ts';

const BLOCK_VALUES = 65_536;

/** Features as one row-major matrix: the value of feature c in row r is `values[r * cols + c]`. */
export interface FeatureMatrix {
  values: Float32Array;
  rows: number;
  cols: number;
}

/**
 * Turns rows into features with a fitted pipeline: THE one transform that training, evaluation, batch scoring
 * and real-time serving all use. Each output cell depends only on its row's cells and the fitted parameters
 * (computed in float64, stored as float32), so the same cells give bit-identical features whatever the
 * source (prepared table or JSON records) and however the rows are batched. Missing values and categories
 * never seen in training are encoded (imputed, "(other)", all zeros), never an error.
 *
 * @throws MissingColumnError naming the column when the source lacks an input column (the target is not
 *   needed); Error when the fitted pipeline is inconsistent (read it back with `parseFittedPipeline`).
 * @example
 * const { values, cols } = transform(fitted, recordsSource([{ age: 41, city: 'Lyon' }]));
 */
export function transform(fitted: FittedPipeline, source: FeatureSource): FeatureMatrix {
  const rows = source.rowCount;
  const cols = fitted.outputs.length;
  // Every input is read before any work, so a missing column fails fast, before a large allocation.
  const columns = new Map<string, Cells>();
  for (const name of fitted.inputs) {
    const cells = source.column(name);
    if (cells.length < rows)
      throw new RangeError(`Column "${name}" has ${cells.length} cells for ${rows} rows`);
    columns.set(name, cells);
  }
  // A pipeline edited by hand could otherwise write past its row into the next one.
  const written = fitted.steps.reduce((sum, step) => sum + stepWidth(step), 0);
  if (written !== cols) {
    throw new Error(
      `The fitted pipeline is inconsistent: its steps write ${written} columns, its outputs name ${cols}`,
    );
  }
  const values = new Float32Array(rows * cols);
  const writers: { apply: Applier; cells: Cells; offset: number }[] = [];
  let offset = 0;
  for (const step of fitted.steps) {
    const width = stepWidth(step);
    if (width > 0) {
      const cells = columns.get(step.column) ?? missingInput(step.column);
      writers.push({ apply: stepApplier(step), cells, offset });
    }
    offset += width;
  }
  // Row blocks of about 256 KiB of output: every step writes a block while it is still in cache, rather than
  // each step striding through the whole matrix. Blocking changes which rows are written when, never a value.
  const blockRows = Math.max(16, Math.floor(BLOCK_VALUES / Math.max(cols, 1)));
  for (let from = 0; from < rows; from += blockRows) {
    const to = Math.min(rows, from + blockRows);
    for (const writer of writers) writer.apply(writer.cells, from, to, values, cols, writer.offset);
  }
  return { values, rows, cols };
}

function missingInput(column: string): never {
  throw new Error(
    `The fitted pipeline is inconsistent: a step reads "${column}", which is not among its inputs`,
  );
}
