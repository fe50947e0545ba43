import type { GbdtModel } from '../gbdt/gbdt-model.ts';
import type { TaskType } from '../problem/problem-card.ts';
import type { ModelParams } from './model-params.ts';

/**
 * One weight tensor of a trained network, row-major. The values are float32 numbers held in a plain array,
 * so the artifact is plain JSON (stored, exported in project files and bundles, hashed) and still exact: a
 * float32 converts to a double and back without loss.
 */
export interface WeightTensor {
  name: string;
  shape: number[];
  values: number[];
}

/**
 * A trained model as data: enough to predict without the code that trained it. Stored with its run, and
 * later packaged into a bundle with the feature pipeline (stage 6).
 *
 * - baseline: `prior` holds the class shares (classification) or `[mean]` (regression).
 * - gbdt: `gbdt` holds the trees; binary and regression have one output, multiclass K.
 * - linear, mlp: dense layers `w0, b0, w1, b1, …`; the output layer has one unit for binary and regression,
 *   K for multiclass. Regression networks predict a standardized target, undone with `targetScale`.
 */
export interface ModelArtifact {
  format: 'looplab-model@1';
  task: TaskType;
  params: ModelParams;
  inputDim: number;
  outputDim: number;
  /** Number of classes (classification), or 0. */
  classes: number;
  weights: WeightTensor[];
  prior?: number[];
  targetScale?: { mean: number; sd: number };
  /** Gradient-boosted trees: the trees themselves (`weights` is then empty). */
  gbdt?: GbdtModel;
  /**
   * An ensemble (`params.family` 'ensemble'): its members and their weights (summing to 1). It predicts the
   * weighted average of the members' probabilities, or of their values for regression.
   */
  members?: EnsembleMember[];
  /**
   * Binary only: the probability of the positive class from which a row is labelled positive, chosen on
   * out-of-fold predictions for F1-type metrics. Absent means 0.5.
   */
  threshold?: number;
}

/** One model of an ensemble and its weight: how often greedy selection picked it, over the picks. */
export interface EnsembleMember {
  weight: number;
  artifact: ModelArtifact;
  /** The seed the member trained with, and the ensemble's seed then: reproduce retrains from them. */
  seed?: number;
  ensembleSeed?: number;
}
