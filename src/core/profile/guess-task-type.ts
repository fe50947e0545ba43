import { DEFAULT_MISSING_MARKERS } from '../table/raw-table.ts';
import { MissingMarkers } from './missing-markers.ts';
import { numberSyntax } from './parse-number.ts';

export type TaskType = 'binary' | 'multiclass' | 'regression';

/** A whole-number target with more distinct values than this is regression; with at most this many, classes. */
export const MAX_CLASSES = 20;

/**
 * Guesses the task from the target column by the spec's rule (LIFECYCLE.md §1), over its non-missing values
 * (rows with a missing target are excluded from training, so they do not count here either):
 *
 * - every value a number, and any of them with a fractional part (`2.5`; `2.0` is whole) or negative:
 *   regression;
 * - every value a whole number, more than {@link MAX_CLASSES} (20) distinct values: regression (sklearn
 *   diabetes `progression`, 25 to 346; bike `cnt`);
 * - otherwise classification: binary with at most 2 distinct values, multiclass with 3 to 20 (a 1–5
 *   star rating). A target with any non-numeric value (`Yes`/`No`, `<=50K`, booleans) is always
 *   classification, however many values it has.
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
    if (fractionalOrNegative || numbers.size > MAX_CLASSES) return 'regression';
    return numbers.size <= 2 ? 'binary' : 'multiclass';
  }
  return texts.size <= 2 ? 'binary' : 'multiclass';
}
