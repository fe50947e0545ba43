import { fitLinear } from '../core/models/fit-linear.ts';
import type { ModelArtifact } from '../core/models/model-artifact.ts';
import type { ModelOutput } from '../core/models/model-output.ts';
import type { ModelParams } from '../core/models/model-params.ts';
import { predictArtifact } from '../core/models/predict-artifact.ts';
import type { EpochRecord, TrainingData } from '../core/models/training-data.ts';
import { outputLoss } from './output-loss.ts';
import type { TrainerOptions } from './network-trainer.ts';

/**
 * A linear model solved to its optimum (`fitLinear`: L-BFGS logistic regression or ridge) behind the same
 * face as NetworkTrainer, so the search treats it like any family. A convex fit has no epochs to continue:
 * the first `trainTo` solves it and reports one "epoch" with the train and validation losses.
 */
export class LinearTrainer {
  history: EpochRecord[] = [];
  bestEpoch = 0;
  done = false;
  #artifact: ModelArtifact | null = null;
  #bestScore = NaN;
  readonly #data: TrainingData;
  readonly #params: ModelParams;
  readonly #options: TrainerOptions;

  constructor(data: TrainingData, params: ModelParams, options: TrainerOptions) {
    this.#data = data;
    this.#params = params;
    this.#options = options;
  }

  get bestScore(): number {
    return this.#bestScore;
  }

  async trainTo(_resource: number): Promise<void> {
    if (this.done) return;
    const data = this.#data;
    const started = performance.now();
    const signal = this.#options.signal;
    const artifact = fitLinear({
      task: data.task,
      classes: data.classes,
      cols: data.cols,
      train: data.train,
      params: this.#params,
      ...(signal ? { signal } : {}),
    });
    this.#artifact = artifact;
    const sd = artifact.targetScale?.sd ?? 1;
    const trainOut = predictArtifact(artifact, data.train.x, data.train.rows);
    const validationOut = predictArtifact(artifact, data.validation.x, data.validation.rows);
    this.#bestScore = this.#options.score(validationOut, data.validation.y);
    const record: EpochRecord = {
      epoch: 1,
      trainLoss: outputLoss(trainOut, data.train.y, sd),
      validationLoss: data.validation.rows ? outputLoss(validationOut, data.validation.y, sd) : NaN,
      trainMetric: this.#options.score(trainOut, data.train.y),
      validationMetric: this.#bestScore,
      elapsedMs: performance.now() - started,
    };
    this.history.push(record);
    this.#options.onEpoch?.(record);
    this.bestEpoch = 1;
    this.done = true;
    // A turn of the event loop after a long synchronous fit, so queued messages (cancel, progress) land.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }

  async finish(): Promise<void> {
    if (!this.done) await this.trainTo(Infinity);
  }

  async predict(x: Float32Array, rows: number): Promise<ModelOutput> {
    return predictArtifact(this.#require(), x, rows);
  }

  async artifact(): Promise<ModelArtifact> {
    return this.#require();
  }

  dispose(): void {
    this.#artifact = null;
  }

  #require(): ModelArtifact {
    if (!this.#artifact) throw new Error('The linear model is not fitted yet.');
    return this.#artifact;
  }
}
