/**
 * The retrain loop's training (LIFECYCLE §8, step 2): the champion's configuration with the champion's seed,
 * then optionally a few configurations around it, within a time budget; the best by validation score wins.
 */
import type { EnsembleMember } from '../core/models/model-artifact.ts';
import type { ModelParams } from '../core/models/model-params.ts';
import { scoreToMetric } from '../core/models/evaluate-output.ts';
import type { TrainingData } from '../core/models/training-data.ts';
import type { TrialResult } from '../core/models/trial-result.ts';
import type { MetricName } from '../core/problem/problem-card.ts';
import { neighbourParams } from '../core/retrain/neighbour-params.ts';
import { retrainRun } from './retrain-run.ts';
import { bestIndex, trialSeed } from './search-models.ts';

export interface RetrainSearchRequest {
  /** The champion's params and seed: trial 0. */
  params: ModelParams;
  seed: number;
  metric: MetricName;
  /** Configurations to try around the champion's, after it (0: the champion's configuration only). */
  trials: number;
  /** No trial starts once this much time has passed since the first began; trial 0 always runs. */
  budgetMs: number;
  /** Seeds the neighbours and their training seeds. */
  searchSeed: number;
  /** Cap every trial's epochs (quick runs, tests). */
  maxEpochs?: number;
  /** An ensemble champion's members: retrained each from its own configuration, with the same weights. */
  members?: readonly EnsembleMember[];
  /** The champion's decision threshold (chosen on out-of-fold predictions), kept by its challengers. */
  threshold?: number;
  now?: () => number;
}

export interface RetrainSearchOutcome {
  results: TrialResult[];
  /** Index into results of the best trial by validation score. */
  best: number;
  /** Trials the budget left out. */
  skipped: number;
}

/** Caps a configuration's epochs. */
export function withEpochCap(params: ModelParams, maxEpochs: number | undefined): ModelParams {
  return maxEpochs === undefined ? params : { ...params, epochs: Math.min(params.epochs, maxEpochs) };
}

/**
 * Trains trial 0 (the champion's params and seed) and up to `trials` neighbours (`neighbourParams`, each
 * with `trialSeed(searchSeed, i)`), each with early stopping on the validation rows. Deterministic for a
 * seed on the cpu and wasm backends, as long as the budget does not cut the list short.
 */
export async function retrainSearch(
  data: TrainingData,
  request: RetrainSearchRequest,
): Promise<RetrainSearchOutcome> {
  const now = request.now ?? (() => performance.now());
  // An ensemble's neighbourhood is its members' own; it is retrained as it is.
  const neighbours = request.params.family === 'ensemble' ? 0 : request.trials;
  const configs = [
    { params: request.params, seed: request.seed },
    ...neighbourParams(request.params, neighbours, request.searchSeed).map((params, i) => ({
      params,
      seed: trialSeed(request.searchSeed, i + 1),
    })),
  ];
  const started = now();
  const results: TrialResult[] = [];
  for (const [trial, config] of configs.entries()) {
    if (trial > 0 && now() - started >= request.budgetMs) break;
    const params = withEpochCap(config.params, request.maxEpochs);
    const begun = now();
    const run = await retrainRun(
      data,
      params,
      config.seed,
      params.epochs,
      request.metric,
      undefined,
      request.members,
    );
    const artifact =
      request.threshold === undefined ? run.artifact : { ...run.artifact, threshold: request.threshold };
    results.push({
      trial,
      params,
      seed: config.seed,
      history: run.history,
      bestEpoch: run.bestEpoch,
      // The search's score is higher-is-better: the metric itself, negated for a loss (as metricScorer).
      score: scoreToMetric(request.metric, run.validation[request.metric] ?? NaN),
      validation: run.validation,
      trainMs: now() - begun,
      pruned: false,
      rung: 0,
      artifact,
    });
  }
  return { results, best: Math.max(0, bestIndex(results)), skipped: configs.length - results.length };
}
