// The exact null distribution of the two-sample Kolmogorov–Smirnov statistic, as scipy 1.10 computes it for
// `ks_2samp(..., method='exact')` and for `method='auto'` when both samples have at most 10,000 values
// (`_attempt_exact_2kssamp`, two-sided). Both algorithms count lattice paths from (0, 0) to (n1, n2) that
// leave the band |x/n1 − y/n2| < d (Hodges 1958); the unequal-size one follows scipy's pythran recursion
// (`_compute_outer_prob_inside_method`, Viehmann 2021), which computes the p-value itself rather than
// 1 − (inside share), so small p-values keep their relative precision.

/** What `_attempt_exact_2kssamp` returns: whether it worked, the statistic snapped to the lattice, p. */
export interface KsExactResult {
  /** False when scipy would warn "Exact calculation unsuccessful" and fall back to the asymptotic p. */
  ok: boolean;
  /** d rounded to the nearest multiple of 1/lcm(n1, n2): the statistic scipy reports in exact mode. */
  statistic: number;
  pValue: number;
}

/**
 * The exact two-sided p-value P(D ≥ d) for samples of n1 and n2 values, d the observed statistic.
 *
 * @example
 * ksExactPValue(3, 3, 1); // { ok: true, statistic: 1, pValue: 0.09999999999999999 }: 2 of C(6, 3) = 20 orderings
 */
export function ksExactPValue(n1: number, n2: number, d: number): KsExactResult {
  const g = gcd(n1, n2);
  const lcm = (n1 / g) * n2;
  const h = roundHalfEven(d * lcm);
  const statistic = h / lcm;
  if (h === 0) return { ok: true, statistic, pValue: 1 };
  const pValue = n1 === n2 ? probOutsideSquare(n1, h) : probOutsideBand(n1, n2, g, h);
  // NaN fails this test too, as in scipy.
  const ok = pValue >= 0 && pValue <= 1;
  return { ok, statistic, pValue: ok ? pValue : NaN };
}

/**
 * P(D ≥ h/n) for two samples of n: 2·Σ_k (−1)^(k+1) C(2n, n − kh) / C(2n, n), evaluated as scipy does, in a
 * Horner-like nest of ratios (each A_k a product of h ratios), which avoids the alternating sum's
 * cancellation.
 */
function probOutsideSquare(n: number, h: number): number {
  let p = 0;
  for (let k = Math.floor(n / h); k >= 0; k--) {
    let p1 = 1;
    for (let j = 0; j < h; j++) p1 = ((n - k * h - j) * p1) / (n + k * h + j + 1);
    p = p1 * (1 - p);
  }
  return 2 * p;
}

/**
 * The share of paths from (0, 0) to (m, n) that touch the lines |x·ng − y·mg| = h (m ≥ n after swapping,
 * mg = m/g, ng = n/g), by a sliding window over one column of the path-count table; each entry is kept as
 * a probability, mixing its two neighbours with weights i/(i + j) and j/(i + j).
 */
function probOutsideBand(m0: number, n0: number, g: number, h: number): number {
  const m = Math.max(m0, n0);
  const n = Math.min(m0, n0);
  const mg = m / g;
  const ng = n / g;
  let minj = 0;
  let maxj = Math.min(Math.ceil(h / mg), n + 1);
  let curlen = maxj - minj;
  const a = new Float64Array(Math.min(2 * maxj + 2, n + 1)).fill(1);
  a.fill(0, minj, maxj);
  for (let i = 1; i <= m; i++) {
    const lastminj = minj;
    const lastlen = curlen;
    minj = Math.min(Math.max(Math.floor((ng * i - h) / mg) + 1, 0), n);
    maxj = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (maxj <= minj) return 1;
    let value = minj === 0 ? 0 : 1;
    for (let jj = 0; jj < maxj - minj; jj++) {
      const j = jj + minj;
      value = (a[jj + minj - lastminj]! * i + value * j) / (i + j);
      a[jj] = value;
    }
    curlen = maxj - minj;
    // Entries the window left behind stand for paths already outside: probability 1.
    if (lastlen > curlen) a.fill(1, curlen, curlen + (lastlen - curlen));
  }
  return a[maxj - minj - 1]!;
}

/** Greatest common divisor of two positive integers (Euclid). */
export function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/**
 * numpy's `round`: to the nearest integer, halves to even (`np.round(2.5)` is 2, `Math.round` gives 3).
 *
 * @example
 * roundHalfEven(2.5); // 2
 */
export function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}
