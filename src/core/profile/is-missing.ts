import { DEFAULT_MISSING_MARKERS } from '../table/raw-table.ts';
import { MissingMarkers } from './missing-markers.ts';

/**
 * Whether a cell is missing: equal to one of `markers` once both are trimmed. So `''`, `'   '` and `' ?'`
 * are missing with the default markers, and `'None'` is not (it is a real category in real data).
 * For whole columns use {@link MissingMarkers}, which compiles the list once.
 *
 * @param markers Defaults to DEFAULT_MISSING_MARKERS: empty, NA, N/A, null, NaN and ?.
 * @example
 * isMissing(' ?'); // true
 * isMissing('None'); // false
 * isMissing('unknown', ['', 'unknown']); // true
 */
export function isMissing(
  value: string,
  markers: readonly string[] | MissingMarkers = DEFAULT_MISSING_MARKERS,
): boolean {
  const compiled = markers instanceof MissingMarkers ? markers : new MissingMarkers(markers);
  return compiled.indexOf(value.trim()) >= 0;
}
