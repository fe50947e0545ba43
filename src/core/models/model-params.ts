/**
 * The model families Looplab trains (LIFECYCLE §4) and their hyperparameters. Plain data: a run records its
 * params, and rerunning from the record must rebuild exactly the same model.
 */

export type ModelFamily = 'baseline' | 'linear' | 'mlp' | 'gbdt' | 'ensemble';

/** The families a search trains one configuration of at a time (an ensemble is built from their runs). */
export type TrainedFamily = Exclude<ModelFamily, 'baseline' | 'ensemble'>;

// Trees come right after the baseline: on tabular data they are usually the strongest, and a search that runs
// out of budget should have tried them first.
export const MODEL_FAMILIES: readonly ModelFamily[] = ['baseline', 'gbdt', 'linear', 'mlp'];

/** What a family is called in the UI and in the CLI's leaderboard. */
export const FAMILY_LABELS: Record<ModelFamily, string> = {
  baseline: 'Baseline (majority class or mean)',
  linear: 'Linear / logistic regression',
  mlp: 'MLP (neural network)',
  gbdt: 'Gradient-boosted trees (histogram)',
  ensemble: 'Ensemble (greedy selection over the runs)',
};

export interface ModelParams {
  family: ModelFamily;
  /** Units per hidden layer; empty for linear and logistic regression. */
  hidden: number[];
  activation: 'relu' | 'tanh';
  /** Dropout rate after each hidden layer. */
  dropout: number;
  /** L2 penalty on the weights (not the biases): loss + l2 · Σw² / 2. */
  l2: number;
  learningRate: number;
  batchSize: number;
  /** The most epochs to train; early stopping usually ends sooner. */
  epochs: number;
  /** Early stopping: stop after this many epochs without a better validation loss; the best epoch's weights are kept. */
  patience: number;
  /**
   * Gradient-boosted trees only (`epochs` is then the most boosting iterations, `l2` the penalty on leaf
   * values, `learningRate` the shrinkage and `patience` the early-stopping patience in iterations).
   */
  maxLeafNodes?: number;
  maxDepth?: number | null;
  growth?: 'leaf-wise' | 'depth-wise';
  minSamplesLeaf?: number;
  rowSubsample?: number;
  colSubsample?: number;
  maxBins?: number;
  /**
   * Linear only, fitted to the optimum (L-BFGS or Cholesky) instead of by SGD epochs: sklearn's C for
   * logistic regression and alpha for ridge. A linear run without either is an SGD run (older records).
   */
  C?: number;
  alpha?: number;
  /** Weigh rows by n / (K · n_class) in the loss, sklearn's `class_weight='balanced'` (linear and trees). */
  classWeight?: 'balanced';
  /**
   * A refit (LIFECYCLE §4 after selection): trained on all non-test rows for exactly `epochs` epochs or
   * iterations, the count cross-validation found, with no early stopping.
   */
  refit?: boolean;
}

/** Defaults per family, chosen to train well on standardized tabular features in a few seconds. */
export const DEFAULT_PARAMS: Record<ModelFamily, ModelParams> = {
  baseline: {
    family: 'baseline',
    hidden: [],
    activation: 'relu',
    dropout: 0,
    l2: 0,
    learningRate: 0,
    batchSize: 0,
    epochs: 0,
    patience: 0,
  },
  linear: {
    family: 'linear',
    hidden: [],
    activation: 'relu',
    dropout: 0,
    l2: 1e-4,
    learningRate: 0.02,
    batchSize: 128,
    epochs: 60,
    patience: 6,
  },
  mlp: {
    family: 'mlp',
    hidden: [64, 32],
    activation: 'relu',
    dropout: 0.1,
    l2: 1e-4,
    learningRate: 0.003,
    batchSize: 128,
    epochs: 60,
    patience: 6,
  },
  // sklearn's HistGradientBoosting defaults (31 leaves, 20 rows a leaf, lr 0.1, 10 iterations' patience).
  gbdt: {
    family: 'gbdt',
    hidden: [],
    activation: 'relu',
    dropout: 0,
    l2: 0,
    learningRate: 0.1,
    batchSize: 0,
    epochs: 300,
    patience: 10,
    maxLeafNodes: 31,
    maxDepth: null,
    growth: 'leaf-wise',
    minSamplesLeaf: 20,
    rowSubsample: 1,
    colSubsample: 1,
    maxBins: 255,
  },
  ensemble: {
    family: 'ensemble',
    hidden: [],
    activation: 'relu',
    dropout: 0,
    l2: 0,
    learningRate: 0,
    batchSize: 0,
    epochs: 0,
    patience: 0,
  },
};

/** Fills a partial parameter set from its family's defaults. */
export function resolveParams(partial: Partial<ModelParams> & { family: ModelFamily }): ModelParams {
  const base = DEFAULT_PARAMS[partial.family];
  const params = { ...base, ...partial, hidden: [...(partial.hidden ?? base.hidden)] };
  if (params.family !== 'mlp') params.hidden = [];
  return params;
}

/** The parameters that differ from the family's defaults, for a compact leaderboard row. */
export function describeParams(params: ModelParams): string {
  if (params.family === 'baseline') return 'baseline';
  if (params.family === 'ensemble') return 'ensemble';
  if (params.family === 'gbdt')
    return `trees ${params.growth ?? 'leaf-wise'}, leaves ${params.maxLeafNodes}, min leaf ${params.minSamplesLeaf}, L2 ${params.l2}, lr ${params.learningRate}${params.classWeight ? ', balanced' : ''}`;
  if (params.family === 'linear' && (params.C !== undefined || params.alpha !== undefined))
    return `linear, ${params.C !== undefined ? `C ${params.C}` : `alpha ${params.alpha}`}${params.classWeight ? ', balanced' : ''}`;
  const parts = [params.family === 'mlp' ? `layers ${params.hidden.join('-') || 'none'}` : 'linear'];
  if (params.family === 'mlp') parts.push(`dropout ${params.dropout}`);
  parts.push(`L2 ${params.l2}`, `lr ${params.learningRate}`, `batch ${params.batchSize}`);
  return parts.join(', ');
}
