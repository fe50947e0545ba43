import ldexp from '@stdlib/math-base-special-ldexp';

/** Intermediate results are rescaled by 2^±128, as in scipy, to stay clear of overflow and underflow. */
const E128 = 128;
const P128 = 2 ** E128;
const M128 = 2 ** -E128;

/**
 * P(D_n ≤ d) for the two-sided one-sample Kolmogorov–Smirnov statistic by Durbin's matrix method as
 * Marsaglia, Tsang and Wang (2003) compute it, step for step as scipy 1.10's `_kolmogn_DMTW`: write
 * n·d = k − h, build the (2k − 1)² matrix H, raise it to the n-th power by squaring (rescaling as it grows),
 * and take n!/nⁿ times its middle entry. Cost O(k³ log n): the two-sided distribution uses it only where
 * k stays small (n·d² ≤ 0.75, or n·d^1.5 ≤ 1.4 for large n).
 *
 * @example
 * kolmogorovCdfDurbin(10, 0.274); // 0.6284796154565043, as scipy
 */
export function kolmogorovCdfDurbin(n: number, d: number): number {
  if (d >= 1) return 1;
  const nd = n * d;
  if (nd <= 0.5) return 0;
  const k = Math.ceil(nd);
  const h = k - nd;
  const m = 2 * k - 1;

  // v: first column (and, reversed, last row); w[j] = 1/j!.
  const v = new Float64Array(m);
  const w = new Float64Array(m);
  let factorial = 1;
  for (let j = 1; j <= m; j++) {
    w[j - 1] = factorial;
    factorial /= j;
    v[j - 1] = (1 - h ** j) * factorial;
  }
  const tail = Math.max(2 * h - 1, 0) ** m - 2 * h ** m;
  v[m - 1] = (1 + tail) * factorial;

  let hMatrix: Float64Array = new Float64Array(m * m);
  for (let i = 1; i < m; i++) {
    for (let r = i - 1; r < m; r++) hMatrix[r * m + i] = w[r - i + 1]!;
  }
  for (let r = 0; r < m; r++) hMatrix[r * m] = v[r]!;
  for (let c = 0; c < m; c++) hMatrix[(m - 1) * m + c] = v[m - 1 - c]!;

  let power: Float64Array = identity(m);
  let remaining = n;
  let exponent = 0;
  let hExponent = 0;
  const middle = (k - 1) * m + (k - 1);
  while (remaining > 0) {
    if (remaining % 2 === 1) {
      power = multiply(power, hMatrix, m);
      exponent += hExponent;
    }
    hMatrix = multiply(hMatrix, hMatrix, m);
    hExponent *= 2;
    if (Math.abs(hMatrix[middle]!) > P128) {
      for (let i = 0; i < hMatrix.length; i++) hMatrix[i]! /= P128;
      hExponent += E128;
    }
    remaining = Math.floor(remaining / 2);
  }

  let p = power[middle]!;
  // Times n!/nⁿ.
  for (let i = 1; i <= n; i++) {
    p = (i * p) / n;
    if (Math.abs(p) < M128) {
      p *= P128;
      exponent -= E128;
    }
  }
  if (exponent !== 0) p = ldexp(p, exponent);
  return Math.min(Math.max(p, 0), 1);
}

function identity(m: number): Float64Array {
  const out = new Float64Array(m * m);
  for (let i = 0; i < m; i++) out[i * m + i] = 1;
  return out;
}

function multiply(a: Float64Array, b: Float64Array, m: number): Float64Array {
  const out = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let l = 0; l < m; l++) {
      const ail = a[i * m + l]!;
      if (ail === 0) continue;
      for (let j = 0; j < m; j++) out[i * m + j]! += ail * b[l * m + j]!;
    }
  }
  return out;
}
