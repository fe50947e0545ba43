/**
 * Trains a dense network (linear/logistic regression is the network with no hidden layer) with tfjs, on
 * whichever backend the caller initialised. The loop is Looplab's own rather than `model.fit`, because:
 * - every random choice (initial weights, batch order, dropout masks) comes from the run's seed, so a rerun
 *   from the record reproduces it (tfjs's initialisers and fit shuffling use their own generators);
 * - it can continue from where it stopped, which successive halving needs (train 3 epochs, keep the best
 *   third, train those on to 9, ...);
 * - it does fewer tensor ops per step (gradients written out in `mlpGradients`, no callbacks, no per-batch
 *   loss read-back), which matters on wasm and cpu, where the per-op overhead bounds the speed.
 */
import * as tf from '@tensorflow/tfjs';
import type { ModelArtifact, WeightTensor } from '../core/models/model-artifact.ts';
import type { ModelOutput } from '../core/models/model-output.ts';
import type { ModelParams } from '../core/models/model-params.ts';
import { outputFromLogits } from '../core/models/predict-artifact.ts';
import { createRng, type Rng } from '../core/random.ts';
import { glorotUniform } from './glorot-uniform.ts';
import { Adam } from './adam.ts';
import { mlpGradients, type NetworkShape } from './mlp-gradients.ts';
import { outputLoss } from './output-loss.ts';
import type { EpochRecord, MatrixSet, TrainingData } from '../core/models/training-data.ts';
import type { TrainTensors } from './train-tensors.ts';

/** Training rows scored each epoch for the train curve; enough for a smooth curve, cheap next to an epoch. */
const TRAIN_CURVE_ROWS = 5000;
/** Rows per forward pass when predicting, so a large validation set never needs one huge tensor. */
const PREDICT_CHUNK = 8192;

export interface TrainerOptions {
  /** The problem's metric on predictions, higher is better (negate RMSE and the like). */
  score: (output: ModelOutput, y: Float64Array) => number;
  onEpoch?: (record: EpochRecord) => void;
  /** Steps done and total steps of the current epoch; called every few steps. */
  onStep?: (done: number, total: number) => void;
  /** Read before every step; an AbortSignal fits, and so does a deadline's getter. */
  signal?: { readonly aborted: boolean };
}

export class NetworkTrainer {
  readonly history: EpochRecord[] = [];
  /** Epoch (1-based) whose weights are kept: the lowest validation loss. */
  bestEpoch = 0;
  /** True once early stopping fired or the epoch limit was reached. */
  done = false;

  readonly #data: TrainingData;
  readonly #params: ModelParams;
  readonly #options: TrainerOptions;
  readonly #rng: Rng;
  readonly #variables: tf.Variable[] = [];
  readonly #optimizer: Adam;
  readonly #shape: NetworkShape;
  readonly #tensors: TrainTensors;
  readonly #targetScale: { mean: number; sd: number } | undefined;
  readonly #curveRows: MatrixSet;
  readonly #started = performance.now();
  #best: { loss: number; weights: Float32Array[] } = { loss: Infinity, weights: [] };
  #sinceBest = 0;

  constructor(tensors: TrainTensors, params: ModelParams, seed: number, options: TrainerOptions) {
    const data = tensors.data;
    this.#data = data;
    this.#params = params;
    this.#options = options;
    this.#rng = createRng(seed);
    const outputs = data.task === 'multiclass' ? data.classes : 1;
    const widths = [data.cols, ...params.hidden, outputs];
    const init = this.#rng.fork('weights');
    for (let l = 0; l + 1 < widths.length; l++) {
      const [fanIn, fanOut] = [widths[l]!, widths[l + 1]!];
      // tf.variable copies its initial value, so the initial tensors are disposed at once.
      const [w, b] = [tf.tensor2d(glorotUniform(init, fanIn, fanOut), [fanIn, fanOut]), tf.zeros([fanOut])];
      this.#variables.push(tf.variable(w), tf.variable(b));
      w.dispose();
      b.dispose();
    }
    this.#optimizer = new Adam(this.#variables, params.learningRate);
    this.#shape = { task: data.task, activation: params.activation, l2: params.l2, dropout: params.dropout };
    this.#tensors = tensors;
    this.#targetScale = tensors.targetScale;
    const { train } = data;
    this.#curveRows = sampleRows(train, data.cols, TRAIN_CURVE_ROWS, this.#rng.fork('curve'));
  }

  /**
   * Trains on until `epochs` epochs in total, or until early stopping. Training continues from the last
   * epoch's weights and optimiser state, exactly as if it had never paused.
   */
  async trainTo(epochs: number): Promise<void> {
    const limit = Math.min(epochs, this.#params.epochs);
    while (!this.done && this.history.length < limit) {
      await this.#epoch();
      if (this.history.length >= this.#params.epochs) this.done = true;
    }
  }

  /** The validation metric of the best epoch so far (NaN before the first). */
  get bestScore(): number {
    return this.history[this.bestEpoch - 1]?.validationMetric ?? NaN;
  }

  /** Ends training: the best epoch's weights become current (early stopping keeps the best, not the last). */
  async finish(): Promise<void> {
    this.done = true;
    if (!this.#params.refit) await this.#restoreBest();
  }

  async #epoch(): Promise<void> {
    const epoch = this.history.length + 1;
    const rows = this.#data.train.rows;
    const batch = Math.max(1, Math.min(this.#params.batchSize, rows));
    const order = Int32Array.from(
      this.#rng.fork(`epoch ${epoch}`).shuffle(Array.from({ length: rows }, (_, i) => i)),
    );
    const dropoutRng = this.#rng.fork(`dropout ${epoch}`);
    const steps = Math.ceil(rows / batch);
    const every = Math.max(1, Math.floor(steps / 20));
    for (let s = 0; s < steps; s++) {
      if (this.#options.signal?.aborted) throw abortError();
      const seed = dropoutRng.uint32();
      tf.tidy(() => {
        const { x, y } = this.#tensors.batch(order, s * batch, Math.min(rows, (s + 1) * batch));
        this.#optimizer.apply(mlpGradients(this.#variables, x, y, this.#shape, seed));
      });
      if (s % every === 0) this.#options.onStep?.(s + 1, steps);
    }
    this.#options.onStep?.(steps, steps);
    const validation = this.#data.validation;
    const valOutput = await this.predict(validation.x, validation.rows);
    const trainOutput = await this.predict(this.#curveRows.x, this.#curveRows.rows);
    const sd = this.#targetScale?.sd ?? 1;
    const record: EpochRecord = {
      epoch,
      trainLoss: outputLoss(trainOutput, this.#curveRows.y, sd),
      validationLoss: outputLoss(valOutput, validation.y, sd),
      trainMetric: this.#options.score(trainOutput, this.#curveRows.y),
      validationMetric: this.#options.score(valOutput, validation.y),
      elapsedMs: performance.now() - this.#started,
    };
    this.history.push(record);
    this.#options.onEpoch?.(record);
    // On wasm and cpu, reading a tensor resolves as a microtask, so the loop above never gives the event
    // loop a turn: IndexedDB writes, lock grants and messages queued as tasks would wait until training
    // ends. One macrotask turn per epoch lets them through.
    await new Promise((resolve) => setTimeout(resolve, 0));
    // A refit trains for exactly its epoch count and keeps the last weights: its validation rows are
    // training rows, so their loss says nothing about when to stop.
    if (this.#params.refit) {
      this.bestEpoch = epoch;
      return;
    }
    // A diverged network (NaN loss) never becomes the best; patience then ends it.
    if (record.validationLoss < this.#best.loss - 1e-9) {
      this.#best = { loss: record.validationLoss, weights: await this.#readWeights() };
      this.bestEpoch = epoch;
      this.#sinceBest = 0;
    } else if (++this.#sinceBest >= this.#params.patience) {
      this.done = true;
    }
  }

  /** Logits for a batch (no dropout: this is the prediction path). */
  #forward(x: tf.Tensor2D): tf.Tensor2D {
    const layers = this.#variables.length / 2;
    let h = x;
    for (let l = 0; l < layers; l++) {
      const last = l === layers - 1;
      h = tf.fused.matMul({
        a: h,
        b: this.#variables[2 * l] as tf.Tensor2D,
        bias: this.#variables[2 * l + 1],
        activation: last || this.#params.activation === 'tanh' ? 'linear' : 'relu',
      }) as tf.Tensor2D;
      if (!last && this.#params.activation === 'tanh') h = tf.tanh(h);
    }
    return h;
  }

  /** Predictions of the current weights for a block of rows, read back asynchronously (WebGPU needs it). */
  async predict(x: Float32Array, rows: number): Promise<ModelOutput> {
    const outputs = this.#data.task === 'multiclass' ? this.#data.classes : 1;
    const logits = new Float32Array(rows * outputs);
    for (let start = 0; start < rows; start += PREDICT_CHUNK) {
      const end = Math.min(rows, start + PREDICT_CHUNK);
      const t = tf.tidy(() =>
        this.#forward(
          tf.tensor2d(x.subarray(start * this.#data.cols, end * this.#data.cols), [
            end - start,
            this.#data.cols,
          ]),
        ),
      );
      logits.set(await t.data(), start * outputs);
      t.dispose();
    }
    return outputFromLogits(this.#artifactShell(), logits, rows);
  }

  /** The trained model as data: the current (after trainTo, the best) weights. */
  async artifact(): Promise<ModelArtifact> {
    const values = await this.#readWeights();
    const weights: WeightTensor[] = this.#variables.map((v, i) => ({
      // Variable names are global in tfjs; the artifact names layers by position instead.
      name: `${i % 2 === 0 ? 'w' : 'b'}${Math.floor(i / 2)}`,
      shape: [...v.shape],
      values: Array.from(values[i]!),
    }));
    return { ...this.#artifactShell(), weights };
  }

  #artifactShell(): ModelArtifact {
    const { task, classes, cols } = this.#data;
    return {
      format: 'looplab-model@1',
      task,
      params: this.#params,
      inputDim: cols,
      outputDim: task === 'multiclass' ? classes : 1,
      classes: task === 'regression' ? 0 : classes,
      weights: [],
      ...(this.#targetScale ? { targetScale: this.#targetScale } : {}),
    };
  }

  async #readWeights(): Promise<Float32Array[]> {
    return Promise.all(this.#variables.map(async (v) => Float32Array.from(await v.data())));
  }

  async #restoreBest(): Promise<void> {
    if (!this.#best.weights.length) return;
    const current = await this.#readWeights();
    // Assign only when different, so an epoch that was itself the best costs nothing.
    this.#variables.forEach((v, i) => {
      const best = this.#best.weights[i]!;
      if (sameValues(best, current[i]!)) return;
      const value = tf.tensor(best, v.shape);
      v.assign(value);
      value.dispose();
    });
  }

  dispose(): void {
    for (const v of this.#variables) v.dispose();
    this.#optimizer.dispose();
  }
}

function sampleRows(set: MatrixSet, cols: number, limit: number, rng: Rng): MatrixSet {
  if (set.rows <= limit) return set;
  const picked = rng
    .shuffle(Array.from({ length: set.rows }, (_, i) => i))
    .slice(0, limit)
    .sort((a, b) => a - b);
  const x = new Float32Array(limit * cols);
  const y = new Float64Array(limit);
  picked.forEach((r, i) => {
    x.set(set.x.subarray(r * cols, (r + 1) * cols), i * cols);
    y[i] = set.y[r]!;
  });
  return { x, y, rows: limit };
}

function sameValues(a: Float32Array, b: Float32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

function abortError(): Error {
  const error = new Error('Training was cancelled.');
  error.name = 'AbortError';
  return error;
}
