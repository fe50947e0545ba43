/**
 * The training-speed workload, shared by Node (bench/train-speed.ts) and the bench worker, so both train the
 * same seeded data with the same code: a 64-32 relu MLP, Adam, batch 256, 5 epochs, binary log loss, on
 * 100,000 × 30 generated rows (y = 1 when a fixed random linear combination plus noise is above 0).
 */
import * as tf from '@tensorflow/tfjs';
import { createRng } from '../../src/core/random.ts';
import { metricScorer } from '../../src/core/models/evaluate-output.ts';
import { resolveParams } from '../../src/core/models/model-params.ts';
import type { MatrixSet, TrainingData } from '../../src/core/models/training-data.ts';
import { NetworkTrainer } from '../../src/ml/network-trainer.ts';
import { TrainTensors } from '../../src/ml/train-tensors.ts';

export const ROWS = 100_000;
export const COLS = 30;
/** The trainer scores a validation set after every epoch; this one is small so it costs little. */
export const VALIDATION_ROWS = 2_000;
export const EPOCHS = 5;
export const BATCH = 256;
export const SEED = 20_240_601;

export const PARAMS = resolveParams({
  family: 'mlp',
  hidden: [64, 32],
  dropout: 0,
  l2: 0,
  learningRate: 0.001,
  batchSize: BATCH,
  epochs: EPOCHS,
  patience: 100,
});

/** Standard-normal features, y = [w·x + 0.5·noise > 0], w fixed by the seed. */
export function generate(seed = SEED): TrainingData {
  const rng = createRng(seed);
  const wRng = rng.fork('w');
  const w = Array.from({ length: COLS }, () => wRng.normal());
  const block = (label: string, rows: number): MatrixSet => {
    const r = rng.fork(label);
    const x = new Float32Array(rows * COLS);
    const y = new Float64Array(rows);
    for (let i = 0; i < rows; i++) {
      let z = 0;
      for (let j = 0; j < COLS; j++) {
        const v = r.normal();
        x[i * COLS + j] = v;
        z += w[j]! * v;
      }
      y[i] = z + 0.5 * r.normal() > 0 ? 1 : 0;
    }
    return { x, y, rows };
  };
  return {
    task: 'binary',
    classes: 2,
    cols: COLS,
    train: block('train', ROWS),
    validation: block('validation', VALIDATION_ROWS),
  };
}

/** A cheap fingerprint of the data, to show that Node and the browser generated the same rows. */
export function checksum(data: TrainingData): string {
  let h = 0x811c9dc5;
  const bytes = new Uint8Array(data.train.x.buffer, data.train.x.byteOffset, data.train.x.byteLength);
  for (let i = 0; i < bytes.length; i += 97) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  let positives = 0;
  for (const v of data.train.y) positives += v;
  return `${(h >>> 0).toString(16).padStart(8, '0')}/${positives}`;
}

/** The wasm build tfjs picked (SIMD, threads), or undefined on other backends. */
export function wasmFlags(): { simd: boolean; threads: boolean } | undefined {
  if (tf.getBackend() !== 'wasm') return undefined;
  return {
    simd: tf.env().getBool('WASM_HAS_SIMD_SUPPORT'),
    threads: tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT'),
  };
}

export interface TrainResult {
  /** Wall time of trainer.trainTo(EPOCHS), validation passes included. */
  ms: number;
  samplesPerS: number;
  /** Time of each epoch (ms), to show warm-up (shader compilation and the like) in the first. */
  epochMs: number[];
  validationLogLoss: number;
}

/**
 * Looplab's own trainer on the current tfjs backend. Tensor upload and trainer construction are outside the
 * timing; each epoch's validation pass (2,000 rows) and train-curve pass (5,000 rows) are inside it.
 * `onEpoch` reports the samples trained and the time at each epoch's end. Epoch ends, not steps, because on
 * GPU backends a step only queues work: the epoch's validation read-back is what waits for it.
 */
export async function trainLooplab(
  data: TrainingData,
  onEpoch?: (samplesDone: number, ms: number) => void,
): Promise<TrainResult> {
  const tensors = new TrainTensors(data);
  const ends: number[] = [];
  let start = 0;
  const trainer = new NetworkTrainer(tensors, PARAMS, SEED, {
    score: metricScorer('binary', 'log_loss'),
    onEpoch: () => {
      ends.push(performance.now());
      onEpoch?.(ends.length * ROWS, ends.at(-1)! - start);
    },
  });
  try {
    start = performance.now();
    await trainer.trainTo(EPOCHS);
    const ms = performance.now() - start;
    return {
      ms,
      samplesPerS: (EPOCHS * ROWS) / (ms / 1000),
      epochMs: ends.map((t, i) => Math.round(t - (i ? ends[i - 1]! : start))),
      validationLogLoss: trainer.history.at(-1)?.validationLoss ?? NaN,
    };
  } finally {
    trainer.dispose();
    tensors.dispose();
  }
}
