import { histogram, type Histogram } from './histogram.ts';
import { quantileSorted } from './quantile.ts';

/** The quantiles a profile shows, by numpy's default linear interpolation. */
export interface Quantiles {
  p0: number;
  p5: number;
  p25: number;
  p50: number;
  p75: number;
  p95: number;
  p100: number;
}

/** Statistics of a numeric column's parsed values (missing and unparsable cells excluded). */
export interface NumericSummary {
  count: number;
  min: number;
  max: number;
  mean: number;
  /** Sample standard deviation (ddof = 1, as pandas' `Series.std`); null with fewer than 2 values. */
  std: number | null;
  quantiles: Quantiles;
  histogram: Histogram;
  /** Tukey's fences q1 − 1.5·IQR and q3 + 1.5·IQR, and the count of values strictly outside them. */
  iqr: { q1: number; q3: number; lower: number; upper: number; outliers: number };
  /** Values with |x − mean| / std > 4 (0 when std is 0 or undefined). */
  zOutliers: number;
  /** Distinct values, compared as numbers. */
  distinct: number;
}

/** |z| above this is an outlier. */
export const Z_LIMIT = 4;
/** Tukey's fence multiplier. */
export const IQR_FENCE = 1.5;

/**
 * Summarises numbers given both in row order (for the mean and std, summed in the order pandas sums) and
 * ascending (for everything rank-based). Definitions follow ../shared/data/scripts/profile_real.py, which
 * produced PROFILE.json with pandas 1.5 and numpy 1.24: std with ddof = 1; quartiles by numpy's linear
 * interpolation; IQR outliers strictly outside the fences; |z| > 4 with that std.
 *
 * @example
 * const xs = Float64Array.of(2, 4, 4, 4, 5, 5, 7, 9);
 * summarizeNumbers(xs, xs.slice().sort()).std; // 2.138...: sqrt(32 / 7)
 */
export function summarizeNumbers(inRowOrder: Float64Array, sorted: Float64Array): NumericSummary | null {
  const n = sorted.length;
  if (n === 0) return null;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += inRowOrder[i]!;
  const mean = sum / n;
  let squares = 0;
  for (let i = 0; i < n; i++) {
    const d = inRowOrder[i]! - mean;
    squares += d * d;
  }
  const std = n > 1 ? Math.sqrt(squares / (n - 1)) : null;

  const q = (p: number) => quantileSorted(sorted, p);
  const quantiles = {
    p0: q(0),
    p5: q(0.05),
    p25: q(0.25),
    p50: q(0.5),
    p75: q(0.75),
    p95: q(0.95),
    p100: q(1),
  };
  const q1 = quantiles.p25;
  const q3 = quantiles.p75;
  const spread = q3 - q1;
  const lower = q1 - IQR_FENCE * spread;
  const upper = q3 + IQR_FENCE * spread;
  // Sorted, so the outliers are a prefix and a suffix.
  let below = 0;
  while (below < n && sorted[below]! < lower) below++;
  let above = 0;
  while (above < n - below && sorted[n - 1 - above]! > upper) above++;

  let zOutliers = 0;
  if (std !== null && std > 0) {
    for (let i = 0; i < n; i++) if (Math.abs((sorted[i]! - mean) / std) > Z_LIMIT) zOutliers++;
  }
  let distinct = 0;
  for (let i = 0; i < n; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct++;

  return {
    count: n,
    min: sorted[0]!,
    max: sorted[n - 1]!,
    mean,
    std,
    quantiles,
    histogram: histogram(sorted, distinct),
    iqr: { q1, q3, lower, upper, outliers: below + above },
    zOutliers,
    distinct,
  };
}
