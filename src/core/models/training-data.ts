import type { TaskType } from '../problem/problem-card.ts';

/** A block of rows as the network sees them: row-major float32 features and float64 targets. */
export interface MatrixSet {
  /** rows × cols, row-major. */
  x: Float32Array;
  /** Class index (classification) or target value (regression) per row; never NaN here. */
  y: Float64Array;
  rows: number;
}

/** Everything a trainer needs: the task, the feature width, and the train and validation rows. */
export interface TrainingData {
  task: TaskType;
  /** Number of classes (classification), or 0. */
  classes: number;
  cols: number;
  train: MatrixSet;
  validation: MatrixSet;
}

/** One epoch of a run's history (LIFECYCLE §4: per-epoch train and validation loss and metric). */
export interface EpochRecord {
  epoch: number;
  trainLoss: number;
  validationLoss: number;
  trainMetric: number;
  validationMetric: number;
  /** Milliseconds since the run started, when this epoch ended. */
  elapsedMs: number;
}
