import { kolmogorovCdfDurbin } from './kolmogorov-durbin.ts';
import { kolmogorovCdfPelzGood } from './kolmogorov-pelz-good.ts';
import { kolmogorovCdfPomeranz } from './kolmogorov-pomeranz.ts';
import { smirnovSf } from './smirnov-sf.ts';

/** Stirling-series coefficients B_2j/(2j)/(2j − 1), j = 8 … 1 (scipy's `_STIRLING_COEFFS`). */
const STIRLING = [
  -0.029550653594771242, 0.00641025641025641, -0.0019175269175269176, 0.0008417508417508417,
  -0.0005952380952380953, 0.0007936507936507937, -0.002777777777777778, 0.08333333333333333,
];
const LOG_2PI = Math.log(2 * Math.PI);

/**
 * P(D_n ≥ x): the survival function of the two-sided one-sample Kolmogorov–Smirnov statistic for a sample
 * of n, as scipy 1.10's `stats.kstwo.sf(x, n)` (`_kolmogn(n, x, cdf=False)`), which is what `ks_2samp`'s
 * asymptotic p-value evaluates at n = round(n1·n2/(n1 + n2)). The method follows Simard and L'Ecuyer (2011)
 * region by region, as scipy does: exact Ruben–Gambino formulas at both ends, twice the one-sided tail where
 * the two one-sided events cannot both happen (x ≥ 0.5) or where that is accurate (n·x² large), the Durbin
 * matrix or Pomeranz recursion for small n, Durbin or Pelz–Good for large n.
 *
 * @param n A positive integer.
 * @example
 * kolmogorovSf(7, 0.6166666666666667); // 0.004309…, the asymptotic p of a 15-vs-12 KS test with D = 0.617
 */
export function kolmogorovSf(n: number, x: number): number {
  if (!Number.isInteger(n) || n < 1 || Number.isNaN(x)) return NaN;
  // kstwo's support is [1/(2n), 1]: at or below it D_n ≥ x is certain, at or above 1 impossible.
  if (x <= 0.5 / n) return 1;
  if (x >= 1) return 0;
  const t = n * x;
  if (t <= 1) {
    // 1/(2n) < x ≤ 1/n: P(D_n ≤ x) = n!/nⁿ (2t − 1)ⁿ (Ruben and Gambino 1982).
    let cdf: number;
    if (n <= 140) {
      cdf = 1;
      for (let i = 1; i <= n; i++) cdf *= i * (1 / n) * (2 * t - 1);
    } else {
      cdf = Math.exp(logFactorialOverPower(n) + n * Math.log(2 * t - 1));
    }
    return clip(1 - cdf);
  }
  if (t >= n - 1) return clip(2 * (1 - x) ** n);
  if (x >= 0.5) return clip(2 * smirnovSf(n, x));
  const nx2 = t * x;
  if (n <= 140) {
    if (nx2 <= 0.754693) return clip(1 - kolmogorovCdfDurbin(n, x));
    if (nx2 <= 4) return clip(1 - kolmogorovCdfPomeranz(n, x));
    return clip(2 * smirnovSf(n, x));
  }
  if (nx2 >= 370) return 0;
  if (nx2 >= 2.2) return clip(2 * smirnovSf(n, x));
  const cdf = n <= 100_000 && n * x ** 1.5 <= 1.4 ? kolmogorovCdfDurbin(n, x) : kolmogorovCdfPelzGood(n, x);
  return clip(1 - cdf);
}

/** log(n!/nⁿ) by Stirling's series with n·log n taken out first, so nothing cancels (scipy's helper). */
function logFactorialOverPower(n: number): number {
  const rn = 1 / n;
  let series = 0;
  for (const c of STIRLING) series = series * (rn / n) + c;
  return Math.log(n) / 2 - n + LOG_2PI / 2 + rn * series;
}

function clip(p: number): number {
  return Math.min(Math.max(p, 0), 1);
}
