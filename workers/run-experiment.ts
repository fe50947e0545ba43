/**
 * The train worker's experiment: load the dataset, rebuild the saved split, clean with the saved recipe, fit
 * the feature pipeline on the training rows, search the model families, and record every trial as a run.
 *
 * Each run is written `running` when its trial starts (while this worker holds the run's Web Lock), again
 * after every epoch, and finished, all runs in one transaction, at the end. The page cancels by terminating
 * this worker: nothing after the last committed write happens, and the page marks the sweep's running runs
 * cancelled.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendReport } from '../src/core/compute/backend-policy.ts';
import {
  buildExperimentData,
  checkExperimentData,
  type ExperimentData,
  type ExperimentSpec,
  type ExperimentSummary,
  type TrainEvent,
} from '../src/core/experiment/index.ts';
import { permutationImportance, pipelineVersion, type FeatureSpec } from '../src/core/features/index.ts';
import { metricScorer, scoreToMetric } from '../src/core/models/evaluate-output.ts';
import type { ModelArtifact } from '../src/core/models/model-artifact.ts';
import type { ModelParams } from '../src/core/models/model-params.ts';
import type { TrialResult } from '../src/core/models/trial-result.ts';
import type { SplitRequest } from '../src/core/prepare/prepare-dataset.ts';
import type { MetricName, ProblemCard } from '../src/core/problem/problem-card.ts';
import { RECORD_SCHEMA_VERSION, type RunLineage, type RunRecord } from '../src/core/records.ts';
import type { Recipe } from '../src/core/recipe/index.ts';
import { foldLayoutOf } from '../src/core/search/fold-layout-of.ts';
import type { SealedSplit } from '../src/core/split/index.ts';
import { predictNetwork } from '../src/ml/predict-network.ts';
import {
  autoSearch,
  selectionOf,
  type AutoSearchEvents,
  type AutoSearchOutcome,
} from '../src/ml/auto-search.ts';
import { searchModels, type SearchOutcome } from '../src/ml/search-models.ts';
import { runLockName } from '../src/storage/runs.ts';
import { loadTable } from './load-table.ts';
import { barrierArmed, testBarrier } from './test-hooks.ts';
import { workerStorage } from './worker-storage.ts';

/** Code version and environment, recorded with every run (LIFECYCLE §4). */
export function environment(backend: BackendReport): Record<string, string | number> {
  return {
    commit: __GIT_COMMIT__,
    app: __APP_VERSION__,
    tfjs: tf.version.tfjs,
    backend: backend.backend,
    device: backend.attempts.find((a) => a.ok)?.device ?? '',
    userAgent: navigator.userAgent,
    cores: navigator.hardwareConcurrency ?? 0,
  };
}

/** Holds a Web Lock until the returned function is called. */
export function holdLock(name: string): Promise<() => void> {
  return new Promise((acquired) => {
    void navigator.locks.request(name, () => new Promise<void>((release) => acquired(release)));
  });
}

/** What an experiment's inputs are, loaded and checked. */
export async function loadInputs(spec: Pick<ExperimentSpec, 'problemId' | 'recipeId'>) {
  const storage = await workerStorage();
  const problem = await storage.getProblem(spec.problemId);
  if (!problem) throw new Error('The problem card is no longer stored; save it again on the Problem tab.');
  const recipe = await storage.getRecipe(spec.recipeId);
  if (!recipe) throw new Error('The recipe is no longer stored; save it again on the Prepare tab.');
  const card = problem.card as unknown as ProblemCard;
  const dataset = await storage.getDataset(problem.datasetId);
  if (!dataset) throw new Error('The dataset of the problem card is no longer stored.');
  const split = recipe.split as (SealedSplit & { request?: SplitRequest }) | undefined;
  if (!split?.request)
    throw new Error('The recipe has no saved split; save the recipe and split on the Prepare tab.');
  return { storage, problem, recipe, card, dataset, split: split as SealedSplit & { request: SplitRequest } };
}

export type Inputs = Awaited<ReturnType<typeof loadInputs>>;

/**
 * The last experiment data built, by recipe version and feature spec. Evaluating a run, then probing it,
 * comparing it and registering it would otherwise split, clean, fit and transform the whole dataset again
 * for each call; the build is deterministic and its matrices are only read, so one copy serves them all.
 */
let lastData: { key: string; data: ExperimentData } | undefined;

/** The train/validation/test matrices of the inputs, with the sealed test set checked. */
export async function experimentData(inputs: Inputs, features: FeatureSpec): Promise<ExperimentData> {
  const key = JSON.stringify([inputs.dataset.id, inputs.recipe.id, inputs.split.testRowsHash, features]);
  if (lastData?.key === key) return lastData.data;
  const table = await loadTable(inputs.dataset.id);
  const data = buildExperimentData(table, {
    recipe: { steps: inputs.recipe.steps } as unknown as Recipe,
    split: inputs.split.request,
    features,
  });
  if (data.split.testRowsHash !== inputs.split.testRowsHash) {
    throw new Error(
      'The split no longer gives the sealed test rows (the dataset or the split changed); save the recipe and split again.',
    );
  }
  lastData = { key, data };
  return data;
}

export function lineageOf(inputs: Inputs, data: ExperimentData): RunLineage {
  return {
    datasetId: inputs.dataset.id,
    datasetSha256: inputs.dataset.sha256,
    problemId: inputs.problem.id,
    problemVersion: inputs.problem.version,
    recipeId: inputs.recipe.id,
    recipeVersion: inputs.recipe.version,
    recipeHash: inputs.recipe.hash ?? '',
    pipelineVersion: pipelineVersion(data.fitted),
    testRowsHash: data.split.testRowsHash,
    rows: { train: data.train.rows, validation: data.validation.rows, test: data.test.rows },
  };
}

export function runName(params: ModelParams, trial: number): string {
  if (params.family === 'baseline') return 'baseline';
  const family =
    params.family === 'mlp'
      ? `mlp ${params.hidden.join('-')}`
      : params.family === 'gbdt'
        ? 'trees'
        : params.family === 'ensemble'
          ? 'ensemble'
          : 'linear';
  return `${family} #${trial}`;
}

export async function runExperiment(
  spec: ExperimentSpec,
  backend: BackendReport,
  emit: (event: TrainEvent) => void,
): Promise<ExperimentSummary> {
  emit({ type: 'phase', phase: 'loading', message: 'Loading the dataset, problem and recipe…' });
  const inputs = await loadInputs(spec);
  const { storage, card } = inputs;
  emit({ type: 'phase', phase: 'preparing', message: 'Cleaning, splitting and building features…' });
  const data = await experimentData(inputs, spec.features as FeatureSpec);
  // A split with an empty set, or no feature left, is refused here with the sizes named, before any run
  // is stored, rather than failing deep inside the search.
  checkExperimentData(data);
  const lineage = lineageOf(inputs, data);
  const env = environment(backend);
  const metric: MetricName = card.metric.name;
  const { sweepId } = spec;
  const runs = new Map<number, RunRecord>();
  const releases: (() => void)[] = [];
  // Progress writes go one after another, never two for the same run at once, and at most one a second
  // per run: on small data epochs take milliseconds. The final write has every epoch.
  let writes = Promise.resolve();
  const savedAt = new Map<string, number>();
  const save = (run: RunRecord, force = false) => {
    const now = performance.now();
    if (!force && now - (savedAt.get(run.id) ?? -Infinity) < 1000) return;
    savedAt.set(run.id, now);
    const copy = { ...run, history: [...run.history] };
    writes = writes.then(() => storage.putRunProgress(copy).then(() => undefined));
  };

  emit({ type: 'phase', phase: 'training', message: 'Training…' });
  const table = await loadTable(inputs.dataset.id);
  const startedAt = Date.now();
  // Step progress is sent at most ten times a second.
  let lastStep = 0;
  try {
    const searchData = {
      task: card.taskType,
      classes: data.classes,
      cols: data.cols,
      train: data.train,
      validation: data.validation,
      test: data.test,
      featureNames: data.fitted.outputs,
    };
    const targetScore = spec.stopAtTarget ? { targetScore: scoreToMetric(metric, card.metric.target) } : {};
    const maxEpochs = spec.maxEpochs !== undefined ? { maxEpochs: spec.maxEpochs } : {};
    // AutoML (issue 17): cross-validated on the train and validation rows, folded as the split is
    // (time-ordered or by entity), refit, ensembled; the test rows are scored once, for the chosen model.
    const search = (events: AutoSearchEvents): Promise<SearchOutcome | AutoSearchOutcome> => {
      if (spec.strategy !== 'auto')
        return searchModels(
          searchData,
          {
            families: spec.families.filter((f) => f !== 'ensemble'),
            strategy: spec.strategy,
            randomTrials: spec.randomTrials,
            budgetMs: spec.budgetMs,
            seed: spec.seed,
            metric,
            halving: spec.halving,
            ...maxEpochs,
            scoreTest: 'best',
            ...targetScore,
          },
          events,
        );
      const layout = foldLayoutOf(table, inputs.split.request, data.rowIds);
      return autoSearch(
        searchData,
        {
          families: spec.families,
          budgetMs: spec.budgetMs,
          seed: spec.seed,
          metric,
          scoreTest: 'best',
          ...(layout ? { layout } : {}),
          ...maxEpochs,
          ...targetScore,
        },
        events,
      );
    };
    const outcome = await search({
      onTrialStart: (trial, params, seed) => {
        const run: RunRecord = {
          schemaVersion: RECORD_SCHEMA_VERSION,
          id: crypto.randomUUID(),
          projectId: spec.projectId,
          createdAt: Date.now(),
          status: 'running',
          name: runName(params, trial),
          sweepId,
          trial,
          params: { ...params },
          seed,
          history: [],
          metrics: {},
          environment: env,
          lineage,
          metric,
        };
        runs.set(trial, run);
        // The lock is requested before the first write, so a reader never sees a running run without it.
        writes = writes.then(async () => {
          releases.push(await holdLock(runLockName(run.id)));
        });
        save(run);
        emit({
          type: 'trial-start',
          runId: run.id,
          trial,
          name: run.name!,
          params,
          maxEpochs: spec.maxEpochs ?? params.epochs,
        });
      },
      onEpoch: (trial, record) => {
        const run = runs.get(trial)!;
        run.history.push({ ...record });
        if (barrierArmed('train:epoch-stored')) {
          // A fault test holds the writes once a run with an epoch is stored (test builds only).
          save(run, true);
          writes = writes.then(() => testBarrier('train:epoch-stored'));
        } else save(run);
        emit({ type: 'epoch', runId: run.id, trial, record });
      },
      onStep: (trial, done, total) => {
        const now = performance.now();
        if (done < total && now - lastStep < 100) return;
        lastStep = now;
        emit({ type: 'step', runId: runs.get(trial)!.id, trial, done, total });
      },
    });
    await writes;
    const best = outcome.results[outcome.best];
    let importance: RunRecord['importance'];
    if (spec.importance && best) {
      emit({ type: 'phase', phase: 'importance', message: 'Permutation importance of the best model…' });
      importance = await importanceOf(best.artifact, data, card, metric);
    }
    emit({ type: 'phase', phase: 'saving', message: 'Saving the runs…' });
    const selection = 'selection' in outcome ? outcome.selection : undefined;
    const finished = outcome.results.map((result) =>
      finishedRun(
        runs.get(result.trial)!,
        result,
        data,
        result === best ? importance : undefined,
        selectionOf(outcome, result),
      ),
    );
    const bestRun = best && runs.get(best.trial);
    await storage.finishRuns(finished, {
      projectId: spec.projectId,
      kind: 'runs-finished',
      message: `Search finished: ${finished.length} runs${bestRun ? `, best ${bestRun.name} (${metric} ${scoreToMetric(metric, best.score).toFixed(4)} ${selection?.method === 'cv' ? `mean of ${selection.folds} folds` : 'on validation'})` : ''}`,
      data: { sweepId, bestRunId: bestRun?.id, durationMs: Date.now() - startedAt },
    });
    return {
      sweepId,
      runIds: finished.map((r) => r.id),
      bestRunId: bestRun?.id,
      backend: backend.backend,
      stoppedByBudget: outcome.stoppedByBudget,
      reachedTarget: outcome.reachedTarget,
      ...('stopReason' in outcome ? { stopReason: outcome.stopReason } : {}),
      ...(selection ? { selection } : {}),
      skipped: outcome.skipped,
      refusedFamilies: outcome.refusedFamilies,
    };
  } catch (error) {
    await writes.catch(() => undefined);
    const message = error instanceof Error ? error.message : String(error);
    const failed = [...runs.values()].map((run) => ({
      ...run,
      status: 'failed' as const,
      error: message,
      finishedAt: Date.now(),
    }));
    if (failed.length) await storage.finishRuns(failed).catch(() => undefined);
    throw error;
  } finally {
    for (const release of releases) release();
  }
}

function finishedRun(
  run: RunRecord,
  result: TrialResult,
  data: ExperimentData,
  importance: RunRecord['importance'],
  selection?: RunLineage['selection'],
): RunRecord {
  return {
    ...run,
    // A refit changes the params (epochs found in CV, refit: true): the record holds what was trained.
    params: { ...result.params },
    ...(selection && run.lineage ? { lineage: { ...run.lineage, selection } } : {}),
    ...(result.cv ? { cv: result.cv } : {}),
    status: 'finished',
    finishedAt: Date.now(),
    history: result.history.map((h) => ({ ...h })),
    metrics: result.validation,
    score: result.score,
    bestEpoch: result.bestEpoch,
    pruned: result.pruned,
    durationMs: result.trainMs,
    ...(result.predictMsPerRow !== undefined ? { predictMsPerRow: result.predictMsPerRow } : {}),
    artifact: result.artifact as unknown as Record<string, unknown>,
    pipeline: data.fitted as unknown as Record<string, unknown>,
    recipeFitted: data.recipeFitted as unknown as Record<string, unknown>,
    ...(result.test ? { test: result.test } : {}),
    ...(importance ? { importance } : {}),
  };
}

/** Permutation importance of the source columns for a model, on the validation rows. */
export async function importanceOf(
  artifact: ModelArtifact,
  data: ExperimentData,
  card: ProblemCard,
  metric: MetricName,
) {
  const score = metricScorer(card.taskType, metric);
  const { validation, fitted } = data;
  return permutationImportance({
    values: validation.x,
    rows: validation.rows,
    cols: data.cols,
    groups: fitted.groups,
    groupNames: fitted.inputs,
    score: async (values) => score(await predictNetwork(artifact, values, validation.rows), validation.y),
    seed: 7,
  });
}
