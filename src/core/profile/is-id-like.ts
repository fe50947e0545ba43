import type { ColumnProfile } from './profile-column.ts';

/**
 * Whether a profiled column identifies rows rather than describing them: typed id, or holding a different
 * value on every row with none missing (titanic `Name`, a daily table's `date`). Continuous numbers are
 * left out, since measurements are often all distinct without naming anything.
 *
 * Such columns are ignored when counting duplicate rows "ignoring IDs" (the same rows exported twice get
 * different IDs), and the target checks warn about them: a model can memorise them, and they do not carry
 * over to new rows.
 *
 * @example
 * isIdLike(profileColumn('customerID', ['7590-VHVEG', '5575-GNVDE', ...])); // true
 */
export function isIdLike(profile: ColumnProfile): boolean {
  if (profile.type === 'id') return true;
  if (profile.type === 'number') return false;
  return profile.rows > 1 && profile.missing === 0 && profile.distinct === profile.rows;
}
