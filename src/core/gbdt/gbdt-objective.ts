import { softmax } from '../math/logistic.ts';
import { exp, log1p } from '../math/portable-math.ts';
import type { TaskType } from '../problem/problem-card.ts';

/**
 * A boosting objective over raw scores laid out row-major, rows × outputs. Gradients and hessians are laid
 * out output-major (`grad[k * rows + i]`), so each output's tree reads one contiguous block.
 *
 * Math uses the portable exp and log1p (fdlibm), so the same seed trains the same bits in every engine.
 */
export interface GbdtObjective {
  outputs: number;
  /** True when every hessian is 1 (squared error): histograms then count rows instead of summing it. */
  unitHessian: boolean;
  /** The raw score before any tree, per output. */
  baseScore(y: ArrayLike<number>): number[];
  /**
   * The mean loss of the raw scores: log loss (natural log) for classification, mean squared error for
   * regression. With `grad` and `hess`, also writes the gradients and hessians of the loss at those scores,
   * from the same exponentials.
   */
  loss(raw: Float64Array, y: ArrayLike<number>, grad?: Float64Array, hess?: Float64Array): number;
}

/** Priors are clipped away from 0 and 1 so that a class absent from training still has a finite score. */
const PRIOR_EPS = 1e-15;

/** The objective of a task: binary log loss, softmax log loss over `classes`, or squared error. */
export function gbdtObjective(task: TaskType, classes: number): GbdtObjective {
  if (task === 'binary') return binaryLogLoss;
  if (task === 'multiclass') return softmaxLogLoss(classes);
  return squaredError;
}

/**
 * ln(x) for x > 0 from the portable log1p: x is scaled by powers of two (exact) into [0.75, 1.5], where
 * x − 1 is exact, so the result keeps full precision for tiny priors too.
 */
function ln(x: number): number {
  let exponent = 0;
  while (x < 0.75) {
    x *= 2;
    exponent--;
  }
  while (x > 1.5) {
    x /= 2;
    exponent++;
  }
  return log1p(x - 1) + exponent * Math.LN2;
}

const binaryLogLoss: GbdtObjective = {
  outputs: 1,
  unitHessian: false,
  baseScore(y) {
    const p = clipPrior(classShares(y, 2)[1]!);
    // log(p / (1 − p)) = log1p((2p − 1) / (1 − p)).
    return [log1p((2 * p - 1) / (1 - p))];
  },
  loss(raw, y, grad, hess) {
    let sum = 0;
    for (let i = 0; i < raw.length; i++) {
      const z = raw[i]!;
      const yi = y[i]!;
      // log(1 + e^z) − y·z, and the sigmoid, from one exp that never overflows.
      const e = exp(-Math.abs(z));
      sum += Math.max(z, 0) + log1p(e) - yi * z;
      if (grad && hess) {
        const p = z >= 0 ? 1 / (1 + e) : e / (1 + e);
        grad[i] = p - yi;
        hess[i] = p * (1 - p);
      }
    }
    return sum / raw.length;
  },
};

function softmaxLogLoss(classes: number): GbdtObjective {
  const p = new Float64Array(classes);
  return {
    outputs: classes,
    unitHessian: false,
    baseScore: (y) => classShares(y, classes).map((share) => ln(clipPrior(share))),
    loss(raw, y, grad, hess) {
      const rows = y.length;
      let sum = 0;
      for (let i = 0; i < rows; i++) {
        const total = softmax(raw, i * classes, classes, p);
        // log Σ e^z = max + log(total); total ≥ 1 (the max term is 1), so log1p(total − 1) is accurate.
        let max = -Infinity;
        for (let k = 0; k < classes; k++) max = Math.max(max, raw[i * classes + k]!);
        sum += max + log1p(total - 1) - raw[i * classes + y[i]!]!;
        if (!grad || !hess) continue;
        for (let k = 0; k < classes; k++) {
          const pk = p[k]!;
          grad[k * rows + i] = pk - (y[i] === k ? 1 : 0);
          hess[k * rows + i] = pk * (1 - pk);
        }
      }
      return sum / rows;
    },
  };
}

const squaredError: GbdtObjective = {
  outputs: 1,
  unitHessian: true,
  baseScore(y) {
    let sum = 0;
    for (let i = 0; i < y.length; i++) sum += y[i]!;
    return [y.length ? sum / y.length : 0];
  },
  loss(raw, y, grad, hess) {
    let sum = 0;
    for (let i = 0; i < raw.length; i++) {
      const residual = raw[i]! - y[i]!;
      sum += residual * residual;
      if (!grad || !hess) continue;
      grad[i] = residual;
      hess[i] = 1;
    }
    return sum / raw.length;
  },
};

function classShares(y: ArrayLike<number>, classes: number): number[] {
  const counts = new Array<number>(classes).fill(0);
  for (let i = 0; i < y.length; i++) counts[y[i]!]!++;
  return counts.map((c) => (y.length ? c / y.length : 1 / classes));
}

function clipPrior(p: number): number {
  return Math.min(Math.max(p, PRIOR_EPS), 1 - PRIOR_EPS);
}
