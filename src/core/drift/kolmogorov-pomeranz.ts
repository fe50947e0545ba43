import ldexp from '@stdlib/math-base-special-ldexp';

/** Rows are rescaled by 2^±128, as in scipy, so that they neither underflow nor overflow. */
const E128 = 128;
const P128 = 2 ** E128;
const M128 = 2 ** -E128;

/**
 * P(D_n ≤ x) for the two-sided one-sample Kolmogorov–Smirnov statistic by Pomeranz's recursion (1974), as
 * scipy 1.10's `_kolmogn_Pomeranz`: 2n + 1 rows, each the convolution of the previous one with one of three
 * truncated Poisson-like weight vectors, keeping only the band of entries that can be non-zero; the answer
 * is n! times the last entry. The two-sided distribution uses it for n ≤ 140 and 0.754693 < n·x² ≤ 4.
 *
 * @example
 * kolmogorovCdfPomeranz(20, 0.3); // 0.9569329333414838, as scipy: 0.3 is just past D_20's 5% critical value
 */
export function kolmogorovCdfPomeranz(n: number, x: number): number {
  const t = n * x;
  const ll = Math.floor(t);
  const f = t - ll;
  const g = Math.min(f, 1 - f);
  const ceilf = f > 0 ? 1 : 0;
  const roundf = f > 0.5 ? 1 : 0;
  const npwrs = 2 * (ll + 1);
  // (g/n)^m/m!, (2g/n)^m/m! and ((1 − 2g)/n)^m/m!: Poisson weights without their normalising factor.
  const gPower = new Float64Array(npwrs);
  const twoGPower = new Float64Array(npwrs);
  const oneMinusTwoGPower = new Float64Array(npwrs);
  gPower[0] = twoGPower[0] = oneMinusTwoGPower[0] = 1;
  const gOverN = g / n;
  const twoGOverN = (2 * g) / n;
  const oneMinusTwoGOverN = (1 - 2 * g) / n;
  for (let m = 1; m < npwrs; m++) {
    gPower[m] = (gPower[m - 1]! * gOverN) / m;
    twoGPower[m] = (twoGPower[m - 1]! * twoGOverN) / m;
    oneMinusTwoGPower[m] = (oneMinusTwoGPower[m - 1]! * oneMinusTwoGOverN) / m;
  }

  let v0 = new Float64Array(npwrs);
  let v1 = new Float64Array(npwrs);
  v1[0] = 1;
  let v0Start = 0;
  let v1Start = 0;
  let exponent = 0;
  let [j1, j2] = rowBounds(0, n, ll, ceilf, roundf);
  for (let i = 1; i < 2 * n + 2; i++) {
    const k1 = j1;
    [v0, v1] = [v1, v0];
    [v0Start, v1Start] = [v1Start, v0Start];
    v1.fill(0);
    [j1, j2] = rowBounds(i, n, ll, ceilf, roundf);
    const weights = i === 1 || i === 2 * n + 1 ? gPower : i % 2 === 1 ? twoGPower : oneMinusTwoGPower;
    const length = j2 - k1 + 1;
    if (length > 0) {
      // The entries j1 − k1 … j2 − k1 of the full convolution of v0[k1 − v0Start …] with the weights.
      // numpy slices stop at the end of the row, so either factor may be shorter than `length`.
      const from = k1 - v0Start;
      const rowLength = Math.min(length, npwrs - from);
      const weightLength = Math.min(length, npwrs);
      let max = 0;
      for (let c = 0; c <= j2 - j1; c++) {
        const at = c + j1 - k1;
        let sum = 0;
        for (let s = Math.max(0, at - weightLength + 1); s <= Math.min(at, rowLength - 1); s++) {
          sum += v0[from + s]! * weights[at - s]!;
        }
        v1[c] = sum;
        max = Math.max(max, sum);
      }
      if (max > 0 && max < M128) {
        for (let c = 0; c < v1.length; c++) v1[c]! *= P128;
        exponent -= E128;
      }
      v1Start = v0Start + j1 - k1;
    }
  }

  // Times n!.
  let answer = v1[n - v1Start]!;
  for (let m = 1; m <= n; m++) {
    if (Math.abs(answer) > P128) {
      answer *= M128;
      exponent += E128;
    }
    answer *= m;
  }
  if (exponent !== 0) answer = ldexp(answer, exponent);
  return Math.min(Math.max(answer, 0), 1);
}

/** The first and last non-zero entries of row i (scipy's `_pomeranz_compute_j1j2`). */
function rowBounds(i: number, n: number, ll: number, ceilf: number, roundf: number): [number, number] {
  let j1: number;
  let j2: number;
  if (i === 0) {
    j1 = -ll - ceilf - 1;
    j2 = ll + ceilf - 1;
  } else {
    const half = Math.floor((i + 1) / 2);
    if ((i + 1) % 2 === 0) {
      if (half === n + 1) {
        j1 = n - ll - ceilf - 1;
        j2 = n + ll + ceilf - 1;
      } else {
        j1 = half - 1 - ll - roundf - 1;
        j2 = half + ll - 1 + ceilf - 1;
      }
    } else {
      j1 = half - 1 - ll - 1;
      j2 = half + ll + roundf - 1;
    }
  }
  return [Math.max(j1 + 2, 0), Math.min(j2, n)];
}
