import { fitGbdt, predictGbdt, type GbdtModel } from '../core/gbdt/index.ts';
import type { GbdtParams } from '../core/gbdt/gbdt-params.ts';
import { balancedWeights } from '../core/models/fit-linear.ts';
import type { ModelArtifact } from '../core/models/model-artifact.ts';
import type { ModelParams } from '../core/models/model-params.ts';
import type { ModelOutput } from '../core/models/model-output.ts';
import type { EpochRecord, TrainingData } from '../core/models/training-data.ts';
import type { TrainerOptions } from './network-trainer.ts';

/** A run's model params as the GBDT learner's: `epochs` is the most iterations, `patience` early stopping's. */
export function gbdtParamsOf(params: ModelParams): Partial<GbdtParams> {
  return {
    maxIter: params.epochs,
    learningRate: params.learningRate,
    l2: params.l2,
    earlyStopping: params.patience > 0 ? { patience: params.patience, tol: 1e-7 } : null,
    ...(params.maxLeafNodes !== undefined ? { maxLeafNodes: params.maxLeafNodes } : {}),
    ...(params.maxDepth !== undefined ? { maxDepth: params.maxDepth } : {}),
    ...(params.growth !== undefined ? { growth: params.growth } : {}),
    ...(params.minSamplesLeaf !== undefined ? { minSamplesLeaf: params.minSamplesLeaf } : {}),
    ...(params.rowSubsample !== undefined ? { rowSubsample: params.rowSubsample } : {}),
    ...(params.colSubsample !== undefined ? { colSubsample: params.colSubsample } : {}),
    ...(params.maxBins !== undefined ? { maxBins: params.maxBins } : {}),
  };
}

/**
 * Gradient-boosted trees behind the same face as NetworkTrainer, so the search (successive halving, the
 * budget, events) treats them like any family. Boosting has no epochs to continue across rungs: the first
 * `trainTo` fits to the end (early stopping on the validation rows decides how far), later calls return at
 * once. Each iteration is reported as an "epoch" for the live curves.
 */
export class GbdtTrainer {
  history: EpochRecord[] = [];
  bestEpoch = 0;
  done = false;
  #model: GbdtModel | null = null;
  #bestScore = -Infinity;
  readonly #data: TrainingData;
  readonly #params: ModelParams;
  readonly #seed: number;
  readonly #options: TrainerOptions;

  constructor(data: TrainingData, params: ModelParams, seed: number, options: TrainerOptions) {
    this.#data = data;
    this.#params = params;
    this.#seed = seed;
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
    const result = fitGbdt({
      train: data.train,
      validation: data.validation,
      cols: data.cols,
      task: data.task,
      classes: data.classes,
      params: gbdtParamsOf(this.#params),
      seed: this.#seed,
      ...(signal ? { signal } : {}),
      ...(this.#params.classWeight === 'balanced' && data.task !== 'regression'
        ? { sampleWeight: balancedWeights(data.train.y, data.classes) }
        : {}),
      onIteration: (record) => {
        const epoch: EpochRecord = {
          epoch: record.iteration,
          trainLoss: record.trainLoss,
          validationLoss: record.validationLoss ?? NaN,
          trainMetric: NaN,
          validationMetric: NaN,
          elapsedMs: performance.now() - started,
        };
        this.history.push(epoch);
        this.#options.onEpoch?.(epoch);
      },
    });
    if (result.cancelled && signal?.aborted) throw new DOMException('Training was cancelled.', 'AbortError');
    this.#model = result.model;
    this.bestEpoch = result.bestIteration;
    this.#bestScore = this.#options.score(
      predictGbdt(result.model, data.validation.x, data.validation.rows),
      data.validation.y,
    );
    this.done = true;
    // A turn of the event loop after a long synchronous fit, so queued messages (cancel, progress) land.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }

  async finish(): Promise<void> {
    if (!this.done) await this.trainTo(Infinity);
  }

  async predict(x: Float32Array, rows: number): Promise<ModelOutput> {
    return predictGbdt(this.#requireModel(), x, rows);
  }

  async artifact(): Promise<ModelArtifact> {
    const model = this.#requireModel();
    return {
      format: 'looplab-model@1',
      task: this.#data.task,
      params: { ...this.#params },
      inputDim: this.#data.cols,
      outputDim: model.outputs,
      classes: this.#data.classes,
      weights: [],
      gbdt: model,
    };
  }

  dispose(): void {
    this.#model = null;
  }

  #requireModel(): GbdtModel {
    if (!this.#model) throw new Error('The trees are not trained yet.');
    return this.#model;
  }
}
