/**
 * A hyperparameter search over model families (LIFECYCLE §4): grid or random configurations, trained with
 * successive halving under a time budget, every trial on the same shared training tensors. The baseline is
 * always trained first: it is the floor the leaderboard is read against.
 */
import { evaluateOutput, metricScorer } from '../core/models/evaluate-output.ts';
import { fitBaseline } from '../core/models/fit-baseline.ts';
import { columnsWithMissing, familiesForData } from '../core/models/missing-features.ts';
import type { ModelArtifact } from '../core/models/model-artifact.ts';
import type { ModelFamily, ModelParams } from '../core/models/model-params.ts';
import type { ModelOutput } from '../core/models/model-output.ts';
import { predictArtifact } from '../core/models/predict-artifact.ts';
import { paramsFromConfig } from '../core/models/search-spaces.ts';
import { searchConfigs } from '../core/models/search-configs.ts';
import type { EpochRecord, MatrixSet, TrainingData } from '../core/models/training-data.ts';
import type { TrialResult } from '../core/models/trial-result.ts';
import type { MetricName } from '../core/problem/problem-card.ts';
import { createRng } from '../core/random.ts';
import type { SearchChoice } from '../core/models/search-configs.ts';
import { successiveHalving, type ParamValue } from '../core/search/index.ts';
import { GbdtTrainer } from './gbdt-trainer.ts';
import { NetworkTrainer } from './network-trainer.ts';
import { TrainTensors } from './train-tensors.ts';

export interface SearchRequest extends SearchChoice {
  /** Stop starting trials after this long; the best so far is kept. */
  budgetMs: number;
  seed: number;
  metric: MetricName;
  /** Successive halving (eta 3, from `minEpochs`); off: every configuration trains to its epoch limit. */
  halving: boolean;
  minEpochs?: number;
  /** Override every trial's epoch limit (the speed bench and tests use few). */
  maxEpochs?: number;
  /**
   * The stop rule's metric bar (LIFECYCLE §4), as a score (higher is better): once a trial's validation score
   * reaches it, no further trial starts.
   */
  targetScore?: number;
  /** Score the test set for every finished trial ('all', the CLI), only the best ('best', the app), or none. */
  scoreTest: 'all' | 'best' | 'none';
}

export interface SearchEvents {
  onTrialStart?: (trial: number, params: ModelParams, seed: number) => void;
  onEpoch?: (trial: number, record: EpochRecord) => void;
  onStep?: (trial: number, done: number, total: number) => void;
  onTrialEnd?: (result: TrialResult) => void;
  signal?: AbortSignal;
  now?: () => number;
}

export interface SearchOutcome {
  results: TrialResult[];
  /** Index into results of the best trial by validation score. */
  best: number;
  stoppedByBudget: boolean;
  /** The best validation score reached the target, so the search stopped early. */
  reachedTarget: boolean;
  skipped: number;
  /** Families left out because features keep missing values they cannot take (see `familiesForData`). */
  refusedFamilies: ModelFamily[];
}

export interface SearchData extends TrainingData {
  test: MatrixSet;
  /** The feature names, for errors that name a column. */
  featureNames?: readonly string[];
}

/** The seed of trial `i` of an experiment: recorded, so a rerun needs nothing else. */
export function trialSeed(experimentSeed: number, trial: number): number {
  return createRng(experimentSeed).fork(`trial ${trial}`).uint32();
}

export async function searchModels(
  data: SearchData,
  request: SearchRequest,
  events: SearchEvents = {},
): Promise<SearchOutcome> {
  const clock = events.now ?? (() => performance.now());
  // The scheduler stops when its clock passes the budget; reaching the target stops it the same way.
  let reachedTarget = false;
  const now = () => (reachedTarget ? Infinity : clock());
  const reached = (score: number) => {
    if (request.targetScore !== undefined && score >= request.targetScore) reachedTarget = true;
  };
  const score = metricScorer(data.task, request.metric);
  // Features that keep missing values (impute 'keep') are for trees: the networks are left out, or, when
  // nothing else was asked for, the search is refused with the columns named.
  const allowed = familiesForData(
    request.families,
    columnsWithMissing([data.train, data.validation, data.test], data.cols),
    data.featureNames,
  );
  request = { ...request, families: allowed.families };
  const results: TrialResult[] = [];
  // Test predictions are made while each trainer is alive, and scored afterwards for the trials asked for.
  const testOutputs = new Map<number, ModelOutput>();

  if (request.families.includes('baseline')) {
    const started = clock();
    const artifact = fitBaseline(data.task, data.train.y, data.classes, data.cols);
    events.onTrialStart?.(0, artifact.params, request.seed);
    const output = predictArtifact(artifact, data.validation.x, data.validation.rows);
    const result: TrialResult = {
      predictMsPerRow: predictionTime(artifact, data.validation, clock),
      trial: 0,
      params: artifact.params,
      seed: request.seed,
      history: [],
      bestEpoch: 0,
      score: score(output, data.validation.y),
      validation: evaluateOutput(data.task, output, data.validation.y),
      trainMs: clock() - started,
      pruned: false,
      rung: 0,
      artifact,
    };
    if (request.scoreTest !== 'none')
      testOutputs.set(0, predictArtifact(artifact, data.test.x, data.test.rows));
    results.push(result);
    events.onTrialEnd?.(result);
  }

  const configs = searchConfigs(request);
  const tensors = new TrainTensors(data);
  const trainers = new Map<
    number,
    { trainer: NetworkTrainer | GbdtTrainer; params: ModelParams; seed: number; ms: number }
  >();
  const maxEpochs = (params: ModelParams) => request.maxEpochs ?? params.epochs;
  let outcome: Awaited<ReturnType<typeof successiveHalving>>;
  try {
    const withIds = configs.map((c) => ({ ...c.config, family: c.family }) as Record<string, ParamValue>);
    const limit = Math.max(...configs.map((c) => maxEpochs(paramsFromConfig(c.family, c.config))), 1);
    outcome = await successiveHalving(
      withIds,
      {
        eta: 3,
        minResource: request.halving ? Math.min(request.minEpochs ?? 3, limit) : limit,
        maxResource: limit,
      },
      request.budgetMs,
      {
        now,
        train: async (trial, resource) => {
          const id = trial.id + 1;
          let entry = trainers.get(id);
          if (!entry) {
            const family = trial.config.family as ModelFamily;
            const params = paramsFromConfig(family, trial.config);
            if (request.maxEpochs !== undefined) params.epochs = request.maxEpochs;
            const seed = trialSeed(request.seed, id);
            events.onTrialStart?.(id, params, seed);
            const options = {
              score,
              onEpoch: (record: EpochRecord) => events.onEpoch?.(id, record),
              onStep: (done: number, total: number) => events.onStep?.(id, done, total),
              ...(events.signal ? { signal: events.signal } : {}),
            };
            const trainer =
              family === 'gbdt'
                ? new GbdtTrainer(data, params, seed, options)
                : new NetworkTrainer(tensors, params, seed, options);
            entry = { trainer, params, seed, ms: 0 };
            trainers.set(id, entry);
          }
          const started = clock();
          await entry.trainer.trainTo(resource);
          entry.ms += clock() - started;
          reached(entry.trainer.bestScore);
          return entry.trainer.bestScore;
        },
      },
    );
    for (const r of outcome.results) {
      const id = r.trial.id + 1;
      const entry = trainers.get(id)!;
      await entry.trainer.finish();
      const output = await entry.trainer.predict(data.validation.x, data.validation.rows);
      const artifact = await entry.trainer.artifact();
      const result: TrialResult = {
        trial: id,
        params: entry.params,
        seed: entry.seed,
        history: entry.trainer.history,
        bestEpoch: entry.trainer.bestEpoch,
        score: r.score,
        validation: evaluateOutput(data.task, output, data.validation.y),
        trainMs: entry.ms,
        pruned: r.pruned,
        rung: r.rung,
        artifact,
        predictMsPerRow: predictionTime(artifact, data.validation, clock),
      };
      if (request.scoreTest !== 'none')
        testOutputs.set(id, await entry.trainer.predict(data.test.x, data.test.rows));
      results.push(result);
      events.onTrialEnd?.(result);
    }
  } finally {
    for (const { trainer } of trainers.values()) trainer.dispose();
    tensors.dispose();
  }
  const best = bestIndex(results);
  for (const [i, r] of results.entries()) {
    const output = testOutputs.get(r.trial);
    if (output && (request.scoreTest === 'all' || i === best))
      r.test = evaluateOutput(data.task, output, data.test.y);
  }
  return {
    results,
    best,
    stoppedByBudget: outcome.stoppedByBudget && !reachedTarget,
    reachedTarget,
    skipped: outcome.skipped.length,
    refusedFamilies: allowed.refused,
  };
}

/**
 * The best trial by validation score (NaN never wins). Small validation sets tie often (every model gets
 * macro F1 1.0 on 21 wine rows), so ties go to the lower validation loss (log loss, or RMSE), then to the
 * earlier trial.
 */
export function bestIndex(results: TrialResult[]): number {
  const loss = (r: TrialResult) => r.validation.log_loss ?? r.validation.rmse ?? Infinity;
  let best = -1;
  for (let i = 0; i < results.length; i++) {
    const r = results[i]!;
    if (Number.isNaN(r.score)) continue;
    if (best < 0) {
      best = i;
      continue;
    }
    const b = results[best]!;
    if (r.score > b.score || (r.score === b.score && loss(r) < loss(b))) best = i;
  }
  return best;
}

/**
 * Milliseconds per row for the artifact to predict a set (at least 1,000 rows' worth, repeating a small
 * set), timed with the search's clock. A figure for the leaderboard, never asserted.
 */
export function predictionTime(
  artifact: ModelArtifact,
  set: { x: Float32Array; rows: number },
  clock: () => number,
): number {
  if (set.rows === 0) return 0;
  const repeats = Math.max(1, Math.ceil(1000 / set.rows));
  const started = clock();
  for (let i = 0; i < repeats; i++) predictArtifact(artifact, set.x, set.rows);
  return (clock() - started) / (repeats * set.rows);
}
