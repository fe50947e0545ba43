/** Evidently's cut between a small reference (p-value tests) and a large one (distances). */
export const SMALL_REFERENCE_ROWS = 1000;
/** A numeric column with at most this many distinct values (both samples together) is tested as categories. */
export const DISCRETE_MAX_DISTINCT = 5;
/** KS and chi-square: drift when p is below this. */
export const P_VALUE_THRESHOLD = 0.05;
/** Normed Wasserstein and Jensen–Shannon distance: drift at or above this. */
export const DISTANCE_THRESHOLD = 0.1;

export type DriftTest = 'ks' | 'chi-square' | 'wasserstein' | 'jensen-shannon';

/**
 * The per-feature test of LIFECYCLE.md §7, Evidently's default rule (`_get_default_stattest`):
 *
 * | reference (non-missing) | numeric, > 5 distinct values | categorical, or numeric with ≤ 5 |
 * | ----------------------- | ---------------------------- | -------------------------------- |
 * | ≤ 1000 values           | KS, drift when p < 0.05      | chi-square, drift when p < 0.05  |
 * | > 1000 values           | Wasserstein / ref std ≥ 0.1  | Jensen–Shannon distance ≥ 0.1    |
 *
 * On a small reference a p-value is informative; on a large one every tiny difference is "significant",
 * so a distance with a fixed threshold judges instead. Distinct values are counted over both samples, as
 * Evidently does. One departure: Evidently uses a z-test for proportions when a small categorical column
 * has only two values; here chi-square serves there too (LIFECYCLE.md §7), which for a 2 × 2 table with
 * Yates' correction is the same comparison of two proportions, slightly more conservative.
 *
 * @example
 * chooseDriftTest('numeric', 500, 120); // 'ks'
 * chooseDriftTest('numeric', 500, 4); // 'chi-square'
 * chooseDriftTest('categorical', 8645, 4); // 'jensen-shannon'
 */
export function chooseDriftTest(
  kind: 'numeric' | 'categorical',
  referenceValues: number,
  distinctValues: number,
): DriftTest {
  const asNumbers = kind === 'numeric' && distinctValues > DISCRETE_MAX_DISTINCT;
  if (referenceValues <= SMALL_REFERENCE_ROWS) return asNumbers ? 'ks' : 'chi-square';
  return asNumbers ? 'wasserstein' : 'jensen-shannon';
}

/**
 * Whether a test's score means drift: a p-value below 0.05, or a distance at or above 0.1.
 *
 * @example
 * isDrift('ks', 0.01); // true
 * isDrift('wasserstein', 0.05); // false
 */
export function isDrift(test: DriftTest, score: number): boolean {
  return test === 'ks' || test === 'chi-square' ? score < P_VALUE_THRESHOLD : score >= DISTANCE_THRESHOLD;
}
