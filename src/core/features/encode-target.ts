import { parseNumberText } from '../recipe/parse-number.ts';
import type { FeatureSource } from './feature-source.ts';
import type { FittedPipeline } from './fitted-pipeline.ts';
import { presentText } from './read-cell.ts';

/**
 * The target column as numbers: a class's index in `fitted.target.classes` (so 1 is the positive class of a
 * binary task), or the parsed value for regression. NaN where the value is missing, not a number, or a class
 * never seen in training: the caller decides whether such rows are dropped or reported.
 *
 * @throws MissingColumnError (from the source) when the source has no target column.
 * @example
 * encodeTarget(fitted, tableSource(prepared, split.validation)); // Float64Array [0, 1, 1, NaN, …]
 */
export function encodeTarget(fitted: FittedPipeline, source: FeatureSource): Float64Array {
  const cells = source.column(fitted.spec.target);
  const rows = source.rowCount;
  const encoded = new Float64Array(rows);
  const target = fitted.target;
  if (target.kind === 'numeric') {
    for (let r = 0; r < rows; r++) {
      const cell = cells[r]!;
      encoded[r] = cell === null ? NaN : parseNumberText(cell);
    }
    return encoded;
  }
  const index = new Map(target.classes.map((name, i) => [name, i]));
  for (let r = 0; r < rows; r++) {
    const value = presentText(cells[r]!);
    encoded[r] = value === null ? NaN : (index.get(value) ?? NaN);
  }
  return encoded;
}
