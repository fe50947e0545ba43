import { DEFAULT_MISSING_MARKERS } from '../table/raw-table.ts';
import { MissingMarkers } from './missing-markers.ts';
import { numberSyntax } from './parse-number.ts';

export type TaskType = 'binary' | 'multiclass' | 'regression';

/** More distinct values than this (and than {@link REGRESSION_DISTINCT_SHARE} of rows) means regression. */
export const REGRESSION_MIN_DISTINCT = 1000;
export const REGRESSION_DISTINCT_SHARE = 0.7;

/**
 * Guesses the task from the target column by the spec's rule (LIFECYCLE.md §1), over its non-missing values
 * (rows with a missing target are excluded from training, so they do not count as rows here either):
 *
 * - every value a number, and any of them with a fractional part (`2.5`; `2.0` is whole) or negative:
 *   regression;
 * - every value a number, more than 1000 distinct values, and those over 70% of the rows: regression;
 * - otherwise classification, binary with at most 2 distinct values, multiclass with more. A target with
 *   any non-numeric value (`Yes`/`No`, `<=50K`) is always classification.
 *
 * @example
 * guessTaskType(['0', '1', '1', '']); // 'binary'
 * guessTaskType(['3.5', '4', '2']); // 'regression'
 * guessTaskType(['rain', 'sun', 'fog']); // 'multiclass'
 */
export function guessTaskType(
  values: readonly string[],
  missingMarkers: readonly string[] = DEFAULT_MISSING_MARKERS,
): TaskType {
  const markers = new MissingMarkers(missingMarkers);
  const texts = new Set<string>();
  const numbers = new Set<number>();
  let allNumeric = true;
  let fractionalOrNegative = false;
  let n = 0;
  for (const raw of values) {
    const text = raw.trim();
    if (markers.indexOf(text) >= 0) continue;
    n++;
    if (allNumeric && numberSyntax(text) !== null) {
      const x = Number(text);
      if (!Number.isInteger(x) || x < 0) fractionalOrNegative = true;
      numbers.add(x);
    } else {
      allNumeric = false;
    }
    texts.add(text);
  }
  if (allNumeric && n > 0) {
    if (fractionalOrNegative) return 'regression';
    // A division, not 0.7 * n: 0.7 * 1430 rounds below 1001, while 1001 / 1430 rounds to exactly 0.7.
    const manyValues = numbers.size > REGRESSION_MIN_DISTINCT && numbers.size / n > REGRESSION_DISTINCT_SHARE;
    if (manyValues) return 'regression';
    return numbers.size <= 2 ? 'binary' : 'multiclass';
  }
  return texts.size <= 2 ? 'binary' : 'multiclass';
}
