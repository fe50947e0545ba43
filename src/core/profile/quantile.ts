/**
 * The p-quantile (0 ≤ p ≤ 1) of ascending numbers by linear interpolation between closest ranks, numpy's
 * default (`method='linear'`, Hyndman & Fan type 7): position h = (n − 1)·p, value s[⌊h⌋] + (h − ⌊h⌋)·(s[⌊h⌋+1] − s[⌊h⌋]).
 * The arithmetic follows numpy 1.24 step by step (including its lerp, which works back from the upper value
 * when the fraction is 0.5 or more), so that IQR fences land on the same double as in the pandas profile
 * and outlier counts agree at the boundary. NaN for an empty array.
 *
 * @example
 * quantileSorted(Float64Array.of(1, 2, 3, 4), 0.25); // 1.75: h = 0.75, 1 + 0.75·(2 − 1)
 */
export function quantileSorted(sorted: Float64Array, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const virtual = (n - 1) * p;
  if (virtual <= 0) return sorted[0]!;
  if (virtual >= n - 1) return sorted[n - 1]!;
  const below = Math.floor(virtual);
  const t = virtual - below;
  const a = sorted[below]!;
  const b = sorted[below + 1]!;
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}
