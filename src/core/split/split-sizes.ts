/** Train, validation and test shares. */
export type SplitFractions = readonly [train: number, validation: number, test: number];

export const DEFAULT_SPLIT_FRACTIONS: SplitFractions = [0.7, 0.15, 0.15];

// Guards floor() against products like 0.15 · 20 = 2.9999999999999996.
const EPSILON = 1e-9;

/**
 * Checks fractions (three finite, non-negative numbers summing to 1 within 1e-6) and returns them scaled to
 * sum to exactly 1 in floating point terms.
 *
 * @throws RangeError naming the problem.
 */
export function normaliseFractions(fractions: readonly number[]): [number, number, number] {
  if (fractions.length !== 3) {
    throw new RangeError(`fractions must be [train, validation, test], got ${fractions.length} numbers`);
  }
  if (fractions.some((f) => !Number.isFinite(f) || f < 0)) {
    throw new RangeError(`fractions must be finite and non-negative, got [${fractions.join(', ')}]`);
  }
  const sum = fractions[0]! + fractions[1]! + fractions[2]!;
  if (Math.abs(sum - 1) > 1e-6) throw new RangeError(`fractions must sum to 1, got ${sum}`);
  return [fractions[0]! / sum, fractions[1]! / sum, fractions[2]! / sum];
}

/**
 * Integer shares of `n` in proportion to `weights` (which sum to 1), by largest remainder (Hamilton): each
 * share is first ⌊n·w⌋, then the rows left over go one each to the shares with the largest fractional parts,
 * ties (to 1e-9) to the earlier share (train, then validation, then test). The shares sum to exactly `n` and each is
 * within 1 of n·w.
 *
 * @example
 * splitSizes(1000, [0.7, 0.15, 0.15]); // [700, 150, 150]
 * splitSizes(101, [0.7, 0.15, 0.15]); // [71, 15, 15]: 70.7, 15.15, 15.15
 * splitSizes(10, [0.7, 0.15, 0.15]); // [7, 2, 1]: 1.5 and 1.5 tie, validation comes first
 */
export function splitSizes(n: number, weights: readonly number[]): number[] {
  const exact = weights.map((w) => n * w);
  const sizes = exact.map((x) => Math.floor(x + EPSILON));
  let left = n - sizes.reduce((a, b) => a + b, 0);
  // Remainders are compared at 1e-9 resolution, so that float noise (136 · 0.6 = 81.6 but 136 · 0.1 =
  // 13.600000000000001) cannot break what is a tie in decimal terms.
  const order = exact
    .map((x, i) => ({ i, remainder: Math.round((x - sizes[i]!) * 1e9) }))
    .sort((a, b) => b.remainder - a.remainder || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    sizes[i]!++;
    left--;
  }
  return sizes;
}
