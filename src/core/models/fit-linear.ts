import { lbfgs } from '../math/lbfgs.ts';
import { sigmoid } from '../math/logistic.ts';
import type { TaskType } from '../problem/problem-card.ts';
import type { ModelArtifact } from './model-artifact.ts';
import type { ModelParams } from './model-params.ts';
import type { MatrixSet } from './training-data.ts';

export interface FitLinearOptions {
  task: TaskType;
  classes: number;
  cols: number;
  train: MatrixSet;
  params: ModelParams;
  signal?: { readonly aborted: boolean };
}

/**
 * A linear model fitted to its optimum, as scikit-learn fits one, instead of by SGD epochs:
 *
 * - classification: L2-penalised logistic regression, C · Σ sᵢ·lossᵢ + ½‖W‖² (binary: one logit; three or
 *   more classes: multinomial, as sklearn's lbfgs solver), solved with L-BFGS. `params.C` is sklearn's C;
 *   `params.classWeight: 'balanced'` weighs each row by n / (K · n_class), sklearn's `class_weight`.
 * - regression: ridge, ‖y − Xw − b‖² + α‖w‖² with an unpenalised intercept (sklearn's Ridge), solved
 *   exactly by Cholesky on the centred normal equations. `params.alpha` is sklearn's alpha.
 *
 * The result is the same artifact a trained network with no hidden layer gives (w0, b0; float32 values),
 * so serving, explanations and bundles treat it like any linear model.
 */
export function fitLinear(options: FitLinearOptions): ModelArtifact {
  const { task, cols, train, params } = options;
  const classes = task === 'regression' ? 0 : options.classes;
  const outputs = task === 'multiclass' ? classes : 1;
  let w: Float64Array;
  let b: Float64Array;
  let targetScale: { mean: number; sd: number } | undefined;
  if (task === 'regression') {
    const fit = fitRidge(train, cols, params.alpha ?? 1);
    targetScale = fit.targetScale;
    w = fit.w;
    b = Float64Array.of(fit.b);
  } else {
    const fit = fitLogistic(train, cols, outputs, task === 'binary' ? 2 : classes, params, options.signal);
    w = fit.w;
    b = fit.b;
  }
  return {
    format: 'looplab-model@1',
    task,
    params: { ...params, hidden: [] },
    inputDim: cols,
    outputDim: outputs,
    classes,
    weights: [
      { name: 'w0', shape: [cols, outputs], values: Array.from(w, Math.fround) },
      { name: 'b0', shape: [outputs], values: Array.from(b, Math.fround) },
    ],
    ...(targetScale ? { targetScale } : {}),
  };
}

/** sklearn's `class_weight='balanced'`: n / (K · count of the row's class); classes absent weigh nothing. */
export function balancedWeights(y: ArrayLike<number>, classes: number): Float64Array {
  const counts = new Float64Array(classes);
  for (let i = 0; i < y.length; i++) counts[y[i]!]!++;
  const present = counts.filter((c) => c > 0).length;
  const weights = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) weights[i] = y.length / (present * counts[y[i]!]!);
  return weights;
}

function fitLogistic(
  train: MatrixSet,
  cols: number,
  outputs: number,
  classes: number,
  params: ModelParams,
  signal: { readonly aborted: boolean } | undefined,
) {
  const { x, y, rows } = train;
  const C = params.C ?? 1;
  const weights = params.classWeight === 'balanced' ? balancedWeights(y, classes) : null;
  const size = cols * outputs + outputs;
  const z = new Float64Array(outputs);
  // Scaled by 1/n so the line search sees values near 1 whatever the row count; the optimum is sklearn's.
  const objective = (theta: Float64Array, grad: Float64Array) => {
    grad.fill(0);
    let loss = 0;
    for (let r = 0; r < rows; r++) {
      const base = r * cols;
      for (let k = 0; k < outputs; k++) z[k] = theta[cols * outputs + k]!;
      for (let j = 0; j < cols; j++) {
        const v = x[base + j]!;
        if (v === 0) continue;
        for (let k = 0; k < outputs; k++) z[k]! += v * theta[j * outputs + k]!;
      }
      const s = weights ? weights[r]! : 1;
      const label = y[r]!;
      if (outputs === 1) {
        const zz = z[0]!;
        // log(1 + e^z) − y·z, computed without overflow.
        loss += s * ((zz > 0 ? zz + Math.log1p(Math.exp(-zz)) : Math.log1p(Math.exp(zz))) - label * zz);
        z[0] = s * (sigmoid(zz) - label);
      } else {
        let max = -Infinity;
        for (let k = 0; k < outputs; k++) max = Math.max(max, z[k]!);
        let total = 0;
        for (let k = 0; k < outputs; k++) total += Math.exp(z[k]! - max);
        const logTotal = Math.log(total) + max;
        loss += s * (logTotal - z[label]!);
        for (let k = 0; k < outputs; k++) z[k] = s * (Math.exp(z[k]! - logTotal) - (k === label ? 1 : 0));
      }
      for (let j = 0; j < cols; j++) {
        const v = x[base + j]!;
        if (v === 0) continue;
        for (let k = 0; k < outputs; k++) grad[j * outputs + k]! += v * z[k]!;
      }
      for (let k = 0; k < outputs; k++) grad[cols * outputs + k]! += z[k]!;
    }
    let penalty = 0;
    for (let i = 0; i < cols * outputs; i++) {
      penalty += theta[i]! * theta[i]!;
      grad[i]! += theta[i]! / C;
    }
    for (let i = 0; i < size; i++) grad[i]! /= rows;
    return (loss + penalty / (2 * C)) / rows;
  };
  const result = lbfgs(objective, new Float64Array(size), {
    maxIterations: 1000,
    gradientTolerance: 1e-7,
    relativeTolerance: 1e-12,
    ...(signal ? { signal } : {}),
  });
  if (signal?.aborted) throw abortError();
  return { w: result.x.subarray(0, cols * outputs), b: result.x.subarray(cols * outputs) };
}

function fitRidge(train: MatrixSet, cols: number, alpha: number) {
  const { x, y, rows } = train;
  let mean = 0;
  for (let r = 0; r < rows; r++) mean += y[r]!;
  mean /= Math.max(rows, 1);
  let sd = 0;
  for (let r = 0; r < rows; r++) sd += (y[r]! - mean) ** 2;
  sd = Math.sqrt(sd / Math.max(rows, 1)) || 1;
  const xMean = new Float64Array(cols);
  for (let r = 0; r < rows; r++) for (let j = 0; j < cols; j++) xMean[j]! += x[r * cols + j]!;
  for (let j = 0; j < cols; j++) xMean[j]! /= Math.max(rows, 1);
  // A = XcᵀXc + αI and v = Xcᵀyc, in standardised target units (the solution is linear in y).
  const a = new Float64Array(cols * cols);
  const v = new Float64Array(cols);
  const row = new Float64Array(cols);
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < cols; j++) row[j] = x[r * cols + j]! - xMean[j]!;
    const t = (y[r]! - mean) / sd;
    for (let i = 0; i < cols; i++) {
      const ri = row[i]!;
      if (ri === 0) continue;
      v[i]! += ri * t;
      const at = i * cols;
      for (let j = i; j < cols; j++) a[at + j]! += ri * row[j]!;
    }
  }
  for (let i = 0; i < cols; i++) {
    for (let j = 0; j < i; j++) a[i * cols + j] = a[j * cols + i]!;
    // A tiny jitter keeps a zero-variance column (α = 0) from making A singular.
    a[i * cols + i]! += alpha + 1e-10;
  }
  const w = choleskySolve(a, v, cols);
  // Back to "logits" the artifact scales by sd and shifts by mean: pred = (x·w + b)·sd + mean.
  let b = 0;
  for (let j = 0; j < cols; j++) b -= xMean[j]! * w[j]!;
  return { w, b, targetScale: { mean, sd } };
}

/** Solves A·x = v for a symmetric positive-definite A (row-major n×n), in place on a copy of A. */
export function choleskySolve(a: Float64Array, v: Float64Array, n: number): Float64Array {
  const l = Float64Array.from(a);
  for (let j = 0; j < n; j++) {
    let d = l[j * n + j]!;
    for (let k = 0; k < j; k++) d -= l[j * n + k]! ** 2;
    if (!(d > 0)) throw new Error('The ridge system is not positive definite.');
    const root = Math.sqrt(d);
    l[j * n + j] = root;
    for (let i = j + 1; i < n; i++) {
      let s = l[i * n + j]!;
      for (let k = 0; k < j; k++) s -= l[i * n + k]! * l[j * n + k]!;
      l[i * n + j] = s / root;
    }
  }
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = v[i]!;
    for (let k = 0; k < i; k++) s -= l[i * n + k]! * z[k]!;
    z[i] = s / l[i * n + i]!;
  }
  const out = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = z[i]!;
    for (let k = i + 1; k < n; k++) s -= l[k * n + i]! * out[k]!;
    out[i] = s / l[i * n + i]!;
  }
  return out;
}

function abortError(): Error {
  const error = new Error('Training was cancelled.');
  error.name = 'AbortError';
  return error;
}
