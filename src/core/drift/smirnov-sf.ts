// The one-sided Kolmogorov–Smirnov (Smirnov) distribution, P(D⁺_n ≥ x), which the two-sided distribution
// below uses where its tail is simply twice this one. It follows the case analysis of scipy 1.10's
// `scipy.special.smirnov` (cephes kolmogorov.c, van Mulbregt 2018) and its lower Birnbaum–Tingey sum
// (Smirnov 1944):
//
//   P(D⁺_n ≥ x) = x · Σ_{j=0}^{⌊n(1−x)⌋} C(n, j) · (x + j/n)^(j−1) · (1 − x − j/n)^(n−j)
//
// scipy evaluates each term in double-double arithmetic; here each term is evaluated in logarithms, which
// keeps the same structure (every term positive, so no cancellation) at a relative error of about n·2⁻⁵²
// per term: under 1e-10 for the n ≤ 10⁶ it is used for, far inside the 1e-6 that the p-values are held to.
// scipy's alternative upper sum (for small x, where the CDF is wanted) is not needed: the two-sided
// distribution only calls this for n·x² ≥ 2.2 or x ≥ 0.5, where the lower sum is the accurate one.

/** cephes MINLOG, log(2⁻¹⁰⁷⁵): below exp(MINLOG) a double is 0. */
const MINLOG = -745.1332191019412;
/** Beyond this n, scipy (and so this) uses the closed-form approximation instead of the sum. */
const MAX_COMPUTE_N = 1_000_000;
/** 2²⁷ + 1, Veltkamp's splitter for the exact product below. */
const SPLITTER = 134217729;

/**
 * P(D⁺_n ≥ x), the survival function of the one-sided KS statistic for a sample of n (scipy's
 * `smirnov(n, x)`).
 *
 * @example
 * smirnovSf(1, 0.3); // 0.7
 * smirnovSf(5, 0.5); // 0.056 = 0.5 · (0.5⁵/0.5 + 5 · 0.3⁴ + 10 · 0.9 · 0.1³) = 0.5 · 0.112
 */
export function smirnovSf(n: number, x: number): number {
  if (!(n > 0 && x >= 0 && x <= 1)) return NaN;
  if (n === 1) return 1 - x;
  if (x === 0) return 1;
  if (x === 1) return 0;
  const { floor, alpha } = floorOfProduct(n, x);
  // x ≤ 1/n: P(D⁺ < x) = x(1 + x)^(n−1) exactly.
  if (floor === 0 || (floor === 1 && alpha === 0)) return clip(1 - x * Math.exp((n - 1) * Math.log1p(x)));
  if (-2 * n * x * x < MINLOG) return 0;
  // x ≥ 1 − 1/n: only the j = 0 term is left.
  if (floor >= n - 1) return clip(Math.exp(n * Math.log1p(-x)));
  if (n > MAX_COMPUTE_N) {
    const logp = -((6 * n * x + 1) ** 2) / 18 / n;
    return clip(logp < -Math.LN2 ? Math.exp(logp) : 1 + Math.expm1(logp));
  }
  // j runs to ⌊n(1 − x)⌋; when n·x is an integer that last term has base 0 and is left out, as in scipy.
  const terms = n - floor;
  const middle = Math.floor(n / 2);
  let logBinomial = 0;
  let sum = 0;
  for (let j = 0; j < terms; j++) {
    // x + j/n and 1 − x − j/n from the exact integer and fractional parts of n·x, so neither loses digits.
    const above = (floor + j + alpha) / n;
    const below = (n - floor - j - alpha) / n;
    const term = Math.exp(logBinomial + (j - 1) * Math.log(above) + (n - j) * Math.log(below));
    if (Number.isFinite(term)) sum += term;
    // The terms fall away past their peak: stop once the rest cannot move the sum, as scipy does.
    if (term !== 0) {
      if (4 * (terms - j) * term < Number.EPSILON * sum && j !== terms - 1) break;
    } else if (j > middle) {
      break;
    }
    logBinomial += Math.log((n - j) / (j + 1));
  }
  return clip(x * sum);
}

/**
 * ⌊n·x⌋ and the fractional part of n·x, from the exact product (Dekker's two-product), so that an n·x that
 * rounds onto an integer is not mistaken for one (scipy's `modNX`, done in double-double there).
 */
function floorOfProduct(n: number, x: number): { floor: number; alpha: number } {
  const product = n * x;
  const error = exactProductError(n, x, product);
  let floor = Math.floor(product);
  let alpha = product - floor + error;
  if (alpha < 0) {
    floor -= 1;
    alpha += 1;
  }
  if (alpha >= 1) {
    floor += 1;
    alpha = 0;
  }
  return { floor, alpha };
}

/** a·b − p exactly, for p = fl(a·b) (Veltkamp split, Dekker 1971). */
function exactProductError(a: number, b: number, p: number): number {
  const [aHi, aLo] = split(a);
  const [bHi, bLo] = split(b);
  return aHi * bHi - p + aHi * bLo + aLo * bHi + aLo * bLo;
}

function split(a: number): [number, number] {
  const c = SPLITTER * a;
  const hi = c - (c - a);
  return [hi, a - hi];
}

function clip(p: number): number {
  return Math.min(Math.max(p, 0), 1);
}
