/** Arithmetic mean; NaN for no values. */
export function mean(values: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  return sum / values.length;
}

/** Population standard deviation (divides by n, as numpy's default), two-pass for accuracy. */
export function populationStd(values: Float64Array, center = mean(values)): number {
  let sumSq = 0;
  for (let i = 0; i < values.length; i++) {
    const d = values[i]! - center;
    sumSq += d * d;
  }
  return Math.sqrt(sumSq / values.length);
}

/**
 * The p-quantile of ascending `sorted` values by linear interpolation between closest ranks (numpy's default,
 * Hyndman–Fan type 7): h = (n − 1)·p, q = x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]). The median is p = 0.5.
 */
export function quantileSorted(sorted: Float64Array, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const below = sorted[lo]!;
  const above = sorted[Math.min(lo + 1, n - 1)]!;
  return below + (h - lo) * (above - below);
}

/** The most frequent value; ties go to the smallest by code-unit order, so the result never depends on row order. */
export function mostFrequent(counts: ReadonlyMap<string, number>): string | null {
  let best: string | null = null;
  let bestCount = 0;
  for (const [value, count] of counts) {
    if (count > bestCount || (count === bestCount && best !== null && value < best)) {
      best = value;
      bestCount = count;
    }
  }
  return best;
}
