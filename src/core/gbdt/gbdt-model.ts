import type { TaskType } from '../problem/problem-card.ts';
import type { GbdtParams } from './gbdt-params.ts';

/**
 * One regression tree as flat arrays indexed by node (node 0 is the root). Plain JSON: numbers and booleans
 * only, so it goes into a model bundle as it is and predicts without the bins it was trained on.
 *
 * A row goes left at an internal node when its feature value is missing (NaN) and `missingLeft` is true, or
 * when it is present and `value <= threshold`. The threshold {@link ALL_PRESENT_THRESHOLD} sends every
 * present value left: that split separates missing from present values.
 */
export interface GbdtTree {
  /** The feature a node splits on; −1 for a leaf. */
  feature: number[];
  /** The split's threshold on raw feature values (a bin's upper edge); 0 for a leaf. */
  threshold: number[];
  /** Where rows with a missing value go: learned from the training rows, or the larger child if none. */
  missingLeft: boolean[];
  /** Child node indices; −1 for a leaf. */
  left: number[];
  right: number[];
  /**
   * A leaf's output (already multiplied by the learning rate). Internal nodes hold the value they would
   * have as a leaf, −G / (H + λ) × learning rate, which the path contributions (Saabas) are made of.
   */
  value: number[];
  /** The split's loss reduction G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ); 0 for a leaf. */
  gain: number[];
  /** Training rows (of the iteration's row subsample) that reached the node. */
  count: number[];
}

/**
 * A trained gradient-boosted trees model as data. The raw score of output k for a row is
 * `baseScore[k]` plus the leaf values of the trees `trees[t]` with `t % outputs === k`, added in order of t:
 * trees are stored iteration by iteration, one per output each.
 *
 * - binary: one output, the log-odds of class 1;
 * - multiclass: one output per class, softmax logits;
 * - regression: one output, the prediction itself.
 */
export interface GbdtModel {
  format: 'looplab-gbdt@1';
  task: TaskType;
  /** Number of classes (classification), or 0. */
  classes: number;
  /** Features per row. */
  inputDim: number;
  /** Raw scores per row: 1 for binary and regression, the class count for multiclass. */
  outputs: number;
  params: GbdtParams;
  /** The raw score before any tree: the prior's log-odds, the classes' log priors, or the mean. */
  baseScore: number[];
  trees: GbdtTree[];
  /** Iterations kept (trees.length / outputs): the best validation iteration under early stopping. */
  bestIteration: number;
}

/**
 * The threshold of a split that sends every present value left and missing values right. It is the largest
 * double, which no bin edge can be (edges lie between float32 values); +Infinity goes left too.
 */
export const ALL_PRESENT_THRESHOLD = Number.MAX_VALUE;
