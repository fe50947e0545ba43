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
}
