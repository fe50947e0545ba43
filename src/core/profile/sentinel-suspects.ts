/** A value that looks like a code for "unknown" or "not applicable" rather than a measurement. */
export interface SentinelSuspect {
  value: number;
  count: number;
  /** Share of the column's numeric values. */
  share: number;
  /** Which end of the range it sits at. */
  end: 'min' | 'max';
  /** The closest other value. */
  nearest: number;
  /** `far`: farther from its nearest neighbour than the other values span; `negative`: the only negative value. */
  rule: 'far' | 'negative';
}

/** A sentinel is repeated at least this often; a one-off extreme is an outlier, not a code. */
export const SENTINEL_MIN_REPEATS = 5;

/**
 * Finds sentinel suspects among ascending numbers: a value that is the minimum or the maximum, repeated at
 * least 5 times, in a column with at least 3 distinct values, and set apart from the rest in one of two ways:
 *
 * - far: the gap to the nearest other value is larger than the whole range of the other values (adult
 *   `capital-gain` 99999: the next value is 41310, and the others span 0 to 41310);
 * - negative: it is the minimum, it is negative, and every other value is zero or more (bank `pdays` = −1,
 *   "never contacted", in a column of day counts).
 *
 * Both are about the shape of the data, not lucky numbers: 999, −1 or 99999 are flagged when they stand
 * apart, and ordinary caps that touch the data (california `median_house_value` 500001 next to 500000, or
 * a `hours-per-week` of 99 next to 98) are not.
 *
 * @example
 * findSentinels(Float64Array.of(-1, -1, -1, -1, -1, 3, 5, 8)); // [{ value: -1, count: 5, rule: 'negative', ... }]
 */
export function findSentinels(sorted: Float64Array): SentinelSuspect[] {
  const n = sorted.length;
  if (n === 0) return [];
  const min = sorted[0]!;
  const max = sorted[n - 1]!;
  let lowRun = 1;
  while (lowRun < n && sorted[lowRun] === min) lowRun++;
  let highRun = 1;
  while (highRun < n && sorted[n - 1 - highRun] === max) highRun++;
  // Three distinct values at least (something strictly between min and max): the rest needs a spread of
  // its own to be "far" from, and a 0/1 column has no sentinel.
  if (min === max || lowRun + highRun >= n) return [];
  const found: SentinelSuspect[] = [];
  if (lowRun >= SENTINEL_MIN_REPEATS) {
    const nearest = sorted[lowRun]!;
    const far = nearest - min > max - nearest;
    const negative = min < 0 && nearest >= 0;
    if (far || negative) {
      found.push({
        value: min,
        count: lowRun,
        share: lowRun / n,
        end: 'min',
        nearest,
        rule: negative ? 'negative' : 'far',
      });
    }
  }
  if (highRun >= SENTINEL_MIN_REPEATS) {
    const nearest = sorted[n - 1 - highRun]!;
    if (max - nearest > nearest - min) {
      found.push({ value: max, count: highRun, share: highRun / n, end: 'max', nearest, rule: 'far' });
    }
  }
  return found;
}
