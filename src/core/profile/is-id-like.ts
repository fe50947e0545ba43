import type { ColumnType } from '../table/raw-table.ts';
import type { ColumnProfile } from './profile-column.ts';

/**
 * Types whose values, when different on every row, name the row rather than describe it: a daily table's
 * `date` is its key (for counting duplicates; as a feature it still gives date parts). Not numbers
 * (measurements are often all distinct) and not text (two passengers with different names are different
 * passengers: a re-export keeps names, it changes surrogate keys).
 */
const KEY_WHEN_UNIQUE: ReadonlySet<ColumnType> = new Set(['category', 'date', 'datetime']);

/**
 * Whether a column identifies rows rather than describing them: typed id (telco `customerID`, bike
 * `instant`), or a category or date with a different value on every row and none missing (seattle
 * weather's `date`). This is also what the data profile in ../shared/data ignores for its "duplicates
 * ignoring IDs" count, up to its cruder test (unique and not starting with a number).
 *
 * Such columns are ignored when counting duplicate rows "ignoring IDs" (the same rows exported twice get
 * different IDs). The target checks (leakageWarnings) warn about the id and category ones, which a model can
 * memorise and which do not carry over to new rows; a date is never dropped as an ID, however unique: it
 * becomes date parts, which do carry over.
 *
 * @example
 * isIdLikeColumn('id', 100, 0, 100); // true
 * isIdLikeColumn('text', 891, 0, 891); // false (titanic Name)
 */
export function isIdLikeColumn(type: ColumnType, rows: number, missing: number, distinct: number): boolean {
  if (type === 'id') return true;
  return KEY_WHEN_UNIQUE.has(type) && rows > 1 && missing === 0 && distinct === rows;
}

/**
 * {@link isIdLikeColumn} for a profiled column.
 *
 * @example
 * isIdLike(profileColumn('date', ['2012-01-01', '2012-01-02'])); // true
 */
export function isIdLike(profile: ColumnProfile): boolean {
  return isIdLikeColumn(profile.type, profile.rows, profile.missing, profile.distinct);
}
