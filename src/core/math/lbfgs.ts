/**
 * Limited-memory BFGS (Nocedal & Wright 2006, algorithm 7.4/7.5) with a backtracking Armijo line search:
 * the solver scikit-learn's LogisticRegression uses by default, so a linear model here converges to the
 * same optimum instead of wherever an SGD schedule happened to stop. Written out rather than taken from
 * npm: the JavaScript packages for it are unmaintained or pull in a matrix library, and this is 80 lines
 * that the sklearn oracle test checks end to end.
 */

export interface LbfgsOptions {
  /** Pairs kept for the inverse-Hessian estimate. */
  memory?: number;
  maxIterations?: number;
  /** Stop when the largest gradient entry is below this (sklearn's `tol` for lbfgs is on the same norm). */
  gradientTolerance?: number;
  /** Stop when the objective improves by less than this, relatively. */
  relativeTolerance?: number;
  signal?: { readonly aborted: boolean };
}

export interface LbfgsResult {
  x: Float64Array;
  value: number;
  iterations: number;
  converged: boolean;
}

/**
 * Minimises `f` from `x0`. `f(x, grad)` returns the value and writes the gradient into `grad`.
 *
 * @example
 * lbfgs((x, g) => { g[0] = 2 * (x[0] - 3); return (x[0] - 3) ** 2; }, new Float64Array(1)).x[0]; // ≈ 3
 */
export function lbfgs(
  f: (x: Float64Array, grad: Float64Array) => number,
  x0: Float64Array,
  options: LbfgsOptions = {},
): LbfgsResult {
  const m = options.memory ?? 10;
  const maxIterations = options.maxIterations ?? 500;
  const gtol = options.gradientTolerance ?? 1e-6;
  const ftol = options.relativeTolerance ?? 1e-10;
  const n = x0.length;
  const x = Float64Array.from(x0);
  const g = new Float64Array(n);
  let value = f(x, g);
  const s: Float64Array[] = [];
  const y: Float64Array[] = [];
  const rho: number[] = [];
  const direction = new Float64Array(n);
  const alpha = new Float64Array(m);
  const xNew = new Float64Array(n);
  const gNew = new Float64Array(n);
  let iterations = 0;
  let converged = maxAbs(g) <= gtol;
  while (!converged && iterations < maxIterations) {
    if (options.signal?.aborted) break;
    iterations++;
    // Two-loop recursion: direction = −H·g.
    direction.set(g);
    for (let i = s.length - 1; i >= 0; i--) {
      alpha[i] = rho[i]! * dot(s[i]!, direction);
      axpy(-alpha[i]!, y[i]!, direction);
    }
    if (s.length > 0) {
      const last = s.length - 1;
      scale(direction, dot(s[last]!, y[last]!) / dot(y[last]!, y[last]!));
    } else {
      // The first step: a unit-length move along the negative gradient.
      scale(direction, 1 / Math.max(norm(g), 1e-12));
    }
    for (let i = 0; i < s.length; i++) {
      const beta = rho[i]! * dot(y[i]!, direction);
      axpy(alpha[i]! - beta, s[i]!, direction);
    }
    scale(direction, -1);
    let slope = dot(g, direction);
    if (!(slope < 0)) {
      // Not a descent direction (curvature estimate broke down): restart from the gradient.
      s.length = y.length = rho.length = 0;
      direction.set(g);
      scale(direction, -1 / Math.max(norm(g), 1e-12));
      slope = dot(g, direction);
    }
    let step = 1;
    let newValue = Infinity;
    for (let tries = 0; tries < 40; tries++) {
      for (let i = 0; i < n; i++) xNew[i] = x[i]! + step * direction[i]!;
      newValue = f(xNew, gNew);
      if (Number.isFinite(newValue) && newValue <= value + 1e-4 * step * slope) break;
      step *= 0.5;
    }
    if (!(newValue < value)) {
      converged = true;
      break;
    }
    const sk = new Float64Array(n);
    const yk = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      sk[i] = xNew[i]! - x[i]!;
      yk[i] = gNew[i]! - g[i]!;
    }
    const sy = dot(sk, yk);
    if (sy > 1e-12) {
      if (s.length === m) {
        s.shift();
        y.shift();
        rho.shift();
      }
      s.push(sk);
      y.push(yk);
      rho.push(1 / sy);
    }
    const improvement = value - newValue;
    x.set(xNew);
    g.set(gNew);
    value = newValue;
    converged = maxAbs(g) <= gtol || improvement <= ftol * Math.max(1, Math.abs(value));
  }
  return { x, value, iterations, converged };
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

function axpy(a: number, x: Float64Array, y: Float64Array): void {
  for (let i = 0; i < y.length; i++) y[i]! += a * x[i]!;
}

function scale(x: Float64Array, a: number): void {
  for (let i = 0; i < x.length; i++) x[i]! *= a;
}

function norm(x: Float64Array): number {
  return Math.sqrt(dot(x, x));
}

function maxAbs(x: Float64Array): number {
  let max = 0;
  for (let i = 0; i < x.length; i++) max = Math.max(max, Math.abs(x[i]!));
  return max;
}
