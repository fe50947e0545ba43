/**
 * Days from 1970-01-01 to a proleptic Gregorian date, by Howard Hinnant's `days_from_civil`: integer
 * arithmetic only, so no Date object is made per cell and years 0–99 are not remapped as Date.UTC does.
 *
 * @example
 * civilDays(1970, 1, 1); // 0
 * civilDays(2000, 3, 1); // 11017
 */
export function civilDays(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** Day of the week of a day number from {@link civilDays}: 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday). */
export function weekdayOf(days: number): number {
  return (((days + 3) % 7) + 7) % 7;
}
