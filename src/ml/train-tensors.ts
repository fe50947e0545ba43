import * as tf from '@tensorflow/tfjs';
import type { TrainingData } from '../core/models/training-data.ts';

/**
 * The training rows uploaded to the backend once and shared by every trial of a search: a search of 30
 * trials must not hold 30 copies of the data on the device.
 */
export class TrainTensors {
  readonly x: tf.Tensor2D;
  /** Targets as the loss wants them: 0/1 (binary), one-hot (multiclass), standardized (regression). */
  readonly y: tf.Tensor2D;
  /** Regression only: the training mean and sd the network's output is scaled by. */
  readonly targetScale: { mean: number; sd: number } | undefined;

  constructor(readonly data: TrainingData) {
    const { train, cols, task, classes } = data;
    this.x = tf.tensor2d(train.x, [train.rows, cols]);
    if (task === 'regression') {
      this.targetScale = meanSd(train.y);
      const { mean, sd } = this.targetScale;
      this.y = tf.tensor2d(
        Float32Array.from(train.y, (v) => (v - mean) / sd),
        [train.rows, 1],
      );
    } else if (task === 'binary') {
      this.y = tf.tensor2d(Float32Array.from(train.y), [train.rows, 1]);
    } else {
      const oneHot = new Float32Array(train.rows * classes);
      for (let r = 0; r < train.rows; r++) oneHot[r * classes + train.y[r]!] = 1;
      this.y = tf.tensor2d(oneHot, [train.rows, classes]);
    }
  }

  dispose(): void {
    this.x.dispose();
    this.y.dispose();
  }
}

/** Mean and population sd; a constant target gets sd 1 so nothing divides by zero. */
function meanSd(y: Float64Array): { mean: number; sd: number } {
  let mean = 0;
  for (const v of y) mean += v;
  mean /= Math.max(1, y.length);
  let ss = 0;
  for (const v of y) ss += (v - mean) ** 2;
  const sd = Math.sqrt(ss / Math.max(1, y.length));
  return { mean, sd: sd > 0 ? sd : 1 };
}
