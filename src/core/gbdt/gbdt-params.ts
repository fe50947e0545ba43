/**
 * Hyperparameters of the histogram gradient-boosted trees learner. Plain data: a run records them, and
 * rerunning from the record (with the same seed) rebuilds exactly the same model.
 */

export type GbdtGrowth = 'leaf-wise' | 'depth-wise';

export interface GbdtEarlyStopping {
  /** Stop after this many iterations without a validation loss lower than the best by more than `tol`. */
  patience: number;
  /** The smallest decrease of the validation loss that counts as an improvement. */
  tol: number;
}

export interface GbdtParams {
  /** The most boosting iterations (one tree per output each); early stopping usually ends sooner. */
  maxIter: number;
  /** Shrinkage: every leaf value is multiplied by it. */
  learningRate: number;
  /** The most leaves per tree, or null for no limit. */
  maxLeafNodes: number | null;
  /** The most splits from the root to a leaf (1 = a stump), or null for no limit. */
  maxDepth: number | null;
  /**
   * 'leaf-wise' splits the leaf with the largest gain first (LightGBM, sklearn's HistGradientBoosting);
   * 'depth-wise' finishes each level before the next (XGBoost's default). Both stop at maxLeafNodes and
   * maxDepth.
   */
  growth: GbdtGrowth;
  /** The fewest training rows in a leaf. */
  minSamplesLeaf: number;
  /** L2 penalty λ on leaf values: a leaf predicts −G / (H + λ). */
  l2: number;
  /** Value bins per feature (at most 255); missing values get a bin of their own besides. */
  maxBins: number;
  /** Fraction of the training rows drawn (without replacement) for each iteration. */
  rowSubsample: number;
  /** Fraction of the features drawn for each tree. */
  colSubsample: number;
  /** Early stopping on the validation loss, used when a validation set is given; null to run maxIter. */
  earlyStopping: GbdtEarlyStopping | null;
}

/** sklearn's HistGradientBoosting defaults, with 200 iterations as the ceiling. */
export const DEFAULT_GBDT_PARAMS: GbdtParams = {
  maxIter: 200,
  learningRate: 0.1,
  maxLeafNodes: 31,
  maxDepth: null,
  growth: 'leaf-wise',
  minSamplesLeaf: 20,
  l2: 0,
  maxBins: 255,
  rowSubsample: 1,
  colSubsample: 1,
  earlyStopping: { patience: 10, tol: 1e-7 },
};

/**
 * Fills a partial parameter set from the defaults and checks every value.
 *
 * @throws RangeError naming the first parameter out of range.
 * @example
 * resolveGbdtParams({ maxIter: 50, growth: 'depth-wise', maxDepth: 6, maxLeafNodes: null });
 */
export function resolveGbdtParams(partial: Partial<GbdtParams> = {}): GbdtParams {
  const params: GbdtParams = { ...DEFAULT_GBDT_PARAMS, ...partial };
  if (params.earlyStopping) params.earlyStopping = { ...params.earlyStopping };
  const check = (ok: boolean, name: string, rule: string, value: unknown) => {
    if (!ok) throw new RangeError(`GBDT parameter ${name} must be ${rule}, got ${String(value)}`);
  };
  const isInt = (v: number, min: number) => Number.isInteger(v) && v >= min;
  const isFraction = (v: number) => v > 0 && v <= 1;
  check(isInt(params.maxIter, 0), 'maxIter', 'an integer ≥ 0', params.maxIter);
  check(params.learningRate > 0, 'learningRate', '> 0', params.learningRate);
  const { maxLeafNodes, maxDepth } = params;
  check(
    maxLeafNodes === null || isInt(maxLeafNodes, 2),
    'maxLeafNodes',
    'an integer ≥ 2 or null',
    maxLeafNodes,
  );
  check(maxDepth === null || isInt(maxDepth, 1), 'maxDepth', 'an integer ≥ 1 or null', maxDepth);
  check(
    ['leaf-wise', 'depth-wise'].includes(params.growth),
    'growth',
    'leaf-wise or depth-wise',
    params.growth,
  );
  check(isInt(params.minSamplesLeaf, 1), 'minSamplesLeaf', 'an integer ≥ 1', params.minSamplesLeaf);
  check(params.l2 >= 0, 'l2', '≥ 0', params.l2);
  check(
    Number.isInteger(params.maxBins) && params.maxBins >= 2 && params.maxBins <= 255,
    'maxBins',
    'an integer in [2, 255]',
    params.maxBins,
  );
  check(isFraction(params.rowSubsample), 'rowSubsample', 'in (0, 1]', params.rowSubsample);
  check(isFraction(params.colSubsample), 'colSubsample', 'in (0, 1]', params.colSubsample);
  if (params.earlyStopping) {
    const { patience, tol } = params.earlyStopping;
    check(isInt(patience, 1), 'earlyStopping.patience', 'an integer ≥ 1', patience);
    check(tol >= 0, 'earlyStopping.tol', '≥ 0', tol);
  }
  return params;
}
