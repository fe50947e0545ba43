import * as tf from '@tensorflow/tfjs';
import type { TrainingData } from '../core/models/training-data.ts';

/**
 * The training rows as every trial of a search reads them, prepared once: the features, and the targets as
 * the loss wants them. Batches are copied out of these arrays in JavaScript and uploaded per step: on wasm
 * that is about 15× faster than `tf.gather` or `tf.slice` on one large device tensor (measured), and it
 * costs a GPU backend only a few kilobytes a step.
 */
export class TrainTensors {
  readonly x: Float32Array;
  /** Targets as the loss wants them, row-major rows × `yWidth`: 0/1, one-hot, or standardized. */
  readonly y: Float32Array;
  readonly yWidth: number;
  /** Regression only: the training mean and sd the network's output is scaled by. */
  readonly targetScale: { mean: number; sd: number } | undefined;

  constructor(readonly data: TrainingData) {
    const { train, task, classes } = data;
    this.x = train.x;
    this.yWidth = task === 'multiclass' ? classes : 1;
    if (task === 'regression') {
      this.targetScale = meanSd(train.y);
      const { mean, sd } = this.targetScale;
      this.y = Float32Array.from(train.y, (v) => (v - mean) / sd);
    } else if (task === 'binary') {
      this.y = Float32Array.from(train.y);
    } else {
      this.y = new Float32Array(train.rows * classes);
      for (let r = 0; r < train.rows; r++) this.y[r * classes + train.y[r]!] = 1;
    }
  }

  /** Copies the rows `order[from..to)` into a batch of tensors (the caller disposes them). */
  batch(order: Int32Array, from: number, to: number): { x: tf.Tensor2D; y: tf.Tensor2D } {
    const { cols } = this.data;
    const n = to - from;
    const x = new Float32Array(n * cols);
    const y = new Float32Array(n * this.yWidth);
    for (let i = 0; i < n; i++) {
      const r = order[from + i]!;
      x.set(this.x.subarray(r * cols, (r + 1) * cols), i * cols);
      y.set(this.y.subarray(r * this.yWidth, (r + 1) * this.yWidth), i * this.yWidth);
    }
    return { x: tf.tensor2d(x, [n, cols]), y: tf.tensor2d(y, [n, this.yWidth]) };
  }

  /** Nothing is held on the device; kept so that callers need not know. */
  dispose(): void {}
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
