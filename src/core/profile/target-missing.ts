import { DEFAULT_MISSING_MARKERS } from '../table/raw-table.ts';
import { MissingMarkers } from './missing-markers.ts';

/**
 * How many rows have a missing target: they are excluded from training and evaluation, and the problem
 * card says how many (vega cars: 8 rows without `Miles_per_Gallon`).
 *
 * @example
 * targetMissing(['18', '', '15', 'NA']); // 2
 */
export function targetMissing(
  values: readonly string[],
  missingMarkers: readonly string[] = DEFAULT_MISSING_MARKERS,
): number {
  const markers = new MissingMarkers(missingMarkers);
  let missing = 0;
  for (const raw of values) if (markers.indexOf(raw.trim()) >= 0) missing++;
  return missing;
}
