/**
 * The retrain loop (LIFECYCLE §8) as one call, shared by the train worker and the CLI (`looplab loop`):
 * validate the new labelled rows against the champion → re-run the champion's recipe and features on the
 * old rows plus the new ones (the sealed test rows stay the champion's) → train the champion's configuration
 * (and optionally a small search around it) → score both models on the sealed test rows → compare by the
 * stage-5 rules → promote or keep. Each step is reported as it finishes; the caller deploys, stores the
 * alert and writes the timeline.
 */
import type { ExperimentData } from '../core/experiment/build-experiment-data.ts';
import { formatNumber } from '../core/evaluate/format-number.ts';
import { metricLabel } from '../core/evaluate/metric-label.ts';
import { pipelineVersion } from '../core/features/index.ts';
import { evaluateOutput } from '../core/models/evaluate-output.ts';
import { describeParams, type ModelParams } from '../core/models/model-params.ts';
import { predictArtifact } from '../core/models/predict-artifact.ts';
import type { TrainingData } from '../core/models/training-data.ts';
import type { MetricName, TaskType } from '../core/problem/problem-card.ts';
import { createRng } from '../core/random.ts';
import { recipeVersion } from '../core/recipe/index.ts';
import type { NewDataReport } from '../core/retrain/new-data-report.ts';
import {
  buildRetrainData,
  championData,
  type RetrainData,
  type RetrainDataInput,
} from '../core/retrain/retrain-data.ts';
import { blockedDecision, decideRetrain } from '../core/retrain/retrain-decision.ts';
import type {
  RetrainComparison,
  RetrainOutcome,
  RetrainStep,
  RetrainStepName,
  RetrainTrial,
} from '../core/retrain/retrain-outcome.ts';
import { scoreSealedTest } from '../core/retrain/score-sealed-test.ts';
import { validateNewData, type ValidateNewDataOptions } from '../core/retrain/validate-new-data.ts';
import { retrainRun } from './retrain-run.ts';
import { retrainSearch, withEpochCap } from './retrain-search.ts';

export interface RetrainLoopInput extends RetrainDataInput {
  /** The seed of the champion's run (its record's `seed`): trial 0 trains with it. Default: `seed`. */
  championSeed?: number;
  /** Seeds the search around the champion and the paired test's seeds. */
  seed: number;
  /** A small search: `trials` configurations around the champion's, started within `budgetMs`. */
  search?: { trials: number; budgetMs: number };
  /** The least improvement worth a promotion (absolute, or relative to the champion's score). */
  minImprovement?: { absolute?: number; relative?: number };
  /** K ≥ 2: retrain both configurations with K seeds and add the corrected paired t-test to the checks. */
  pairedSeeds?: number;
  /** Cap every training's epochs (quick runs, tests). */
  maxEpochs?: number;
  validation?: ValidateNewDataOptions;
  /** Each step's `at`; default Date.now. */
  now?: () => number;
  /** The search budget's clock; default performance.now. */
  clock?: () => number;
}

/**
 * Runs the retrain loop on a new labelled batch. Deterministic for a seed on the cpu and wasm backends
 * (the search budget aside): the same inputs give the same challenger, metrics and decision.
 *
 * @param onStep Called as each step finishes (the same records as `outcome.steps`); a step that throws is
 *   reported as `failed` with the error's message before the error is rethrown.
 * @returns `blocked` when the new data failed validation (nothing trained), else `completed` with the
 *   challenger, both models' test metrics, the comparison and the decision.
 * @throws Error when the champion's saved split no longer gives its sealed test rows, or a step fails.
 * @example
 * const outcome = await runRetrainLoop({ champion, oldTable, split, batch, seed: 42 }, (s) => log(s));
 * if (outcome.decision.action === 'promote') deployAsChallenger(outcome);
 */
export async function runRetrainLoop(
  input: RetrainLoopInput,
  onStep?: (step: RetrainStep) => void,
): Promise<RetrainOutcome> {
  const now = input.now ?? Date.now;
  const steps: RetrainStep[] = [];
  let current: RetrainStepName = 'validate';
  const emit = (status: RetrainStep['status'], message: string, evidence: Record<string, unknown>): void => {
    const step: RetrainStep = { step: current, status, message, at: now(), evidence };
    steps.push(step);
    onStep?.(step);
  };
  try {
    const { champion } = input;
    const validation = validateNewData(champion, input.batch, input.validation);
    emit(validationStatus(validation), validationMessage(validation), validationEvidence(validation));
    if (!validation.ok) {
      const decision = blockedDecision(validation);
      current = 'decide';
      emit('failed', decision.reason, { action: decision.action, blocked: true });
      return { status: 'blocked', validation, steps, decision };
    }

    current = 'prepare';
    const prepared = buildRetrainData(input);
    const { data } = prepared;
    emit('passed', prepareMessage(prepared), {
      oldRows: prepared.oldRows,
      newRows: prepared.newRows,
      rows: { train: data.train.rows, validation: data.validation.rows, test: data.test.rows },
      excluded: data.excluded,
      testRowsHash: data.split.testRowsHash,
      sealedTestRowsMatch: data.split.testRowsHash === champion.lineage.testRowsHash,
    });

    current = 'train';
    const task = champion.problem.taskType;
    const metric = champion.problem.metric.name;
    const search = await retrainSearch(trainingData(task, data), {
      params: champion.model.params,
      ...(champion.model.members ? { members: champion.model.members } : {}),
      ...(champion.model.threshold !== undefined ? { threshold: champion.model.threshold } : {}),
      seed: input.championSeed ?? input.seed,
      metric,
      trials: input.search?.trials ?? 0,
      budgetMs: input.search?.budgetMs ?? Infinity,
      searchSeed: input.seed,
      ...(input.maxEpochs !== undefined ? { maxEpochs: input.maxEpochs } : {}),
      ...(input.clock ? { now: input.clock } : {}),
    });
    const best = search.results[search.best]!;
    const trials: RetrainTrial[] = search.results.map((r) => ({
      trial: r.trial,
      params: r.params,
      seed: r.seed,
      score: r.validation[metric] ?? NaN,
      validation: r.validation,
      epochs: r.history.length,
      bestEpoch: r.bestEpoch,
      trainMs: Math.round(r.trainMs),
    }));
    emit(
      'passed',
      `Trained ${trials.length} configuration${trials.length === 1 ? '' : 's'}` +
        `${search.skipped ? ` (${search.skipped} left out by the budget)` : ''}; best: trial ${best.trial}, ` +
        `${describeParams(best.params)}, validation ${metricLabel(metric)} ${formatNumber(trials[search.best]!.score)}.`,
      { trials, best: best.trial, skipped: search.skipped },
    );

    current = 'evaluate';
    const challengerOutput = predictArtifact(best.artifact, data.test.x, data.test.rows);
    const scores = scoreSealedTest({
      task,
      champion,
      table: prepared.table,
      testRowIds: data.rowIds.test,
      y: data.test.y,
      challengerOutput,
      challengerPipeline: data.fitted,
    });
    const paired =
      (input.pairedSeeds ?? 0) >= 2
        ? await pairedScores(input, prepared, best.params, task, metric, input.pairedSeeds!)
        : undefined;
    const label = metricLabel(metric);
    emit(
      'passed',
      `On the ${scores.rows} sealed test rows: challenger ${label} ${formatNumber(scores.challenger[metric] ?? NaN)}, ` +
        `champion ${formatNumber(scores.champion[metric] ?? NaN)}` +
        `${paired ? `; ${paired.seeds.length} seeds each for the paired test` : ''}.`,
      {
        testRows: scores.rows,
        challenger: { validation: best.validation, test: scores.challenger },
        champion: { test: scores.champion, recorded: champion.metrics.test ?? null },
        ...(paired ? { paired } : {}),
      },
    );

    current = 'compare';
    const { comparison, decision } = decideRetrain({
      problem: champion.problem,
      champion: scores.champion,
      challenger: scores.challenger,
      testRows: scores.rows,
      ...(input.minImprovement ? { minImprovement: input.minImprovement } : {}),
      ...(paired ? { paired } : {}),
    });
    const passed = comparison.checks.filter((c) => c.passed).length;
    emit(
      comparison.promote ? 'passed' : 'warning',
      `${passed} of ${comparison.checks.length} checks passed: ` +
        comparison.checks.map((c) => `${c.passed ? '✓' : '✗'} ${c.detail}`).join('; '),
      { checks: comparison.checks, metric, champion: comparison.champion, challenger: comparison.challenger },
    );

    current = 'decide';
    emit(decision.action === 'promote' ? 'passed' : 'warning', decision.reason, {
      action: decision.action,
      ...(decision.alert ? { alert: decision.alert } : {}),
    });
    return {
      status: 'completed',
      validation,
      steps,
      decision,
      newRows: prepared.newRows,
      testRows: scores.rows,
      champion: {
        bundleId: champion.id,
        test: scores.champion,
        ...(champion.metrics.test ? { recorded: champion.metrics.test } : {}),
      },
      challenger: {
        trial: best.trial,
        params: best.params,
        seed: best.seed,
        history: best.history,
        bestEpoch: best.bestEpoch,
        artifact: best.artifact,
        pipeline: data.fitted,
        recipe: { steps: champion.recipe.steps },
        recipeFitted: data.recipeFitted,
        metrics: { validation: best.validation, test: scores.challenger },
        lineage: {
          championBundleId: champion.id,
          championRunId: champion.lineage.runId,
          recipeHash: recipeVersion({ steps: champion.recipe.steps }),
          pipelineVersion: pipelineVersion(data.fitted),
          testRowsHash: data.split.testRowsHash,
          rows: { train: data.train.rows, validation: data.validation.rows, test: data.test.rows },
        },
        trials,
        table: prepared.table,
        rowIds: data.rowIds,
        train: data.train,
      },
      comparison,
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    emit('failed', message, { error: message });
    throw error;
  }
}

function trainingData(task: TaskType, data: ExperimentData): TrainingData {
  return { task, classes: data.classes, cols: data.cols, train: data.train, validation: data.validation };
}

/**
 * Per-seed test scores for the corrected paired t-test: the champion's configuration retrained on its own
 * data (the old rows, its saved split) and the challenger's on the retrain data, with the same K seeds,
 * each scored on the sealed test rows.
 */
async function pairedScores(
  input: RetrainLoopInput,
  prepared: RetrainData,
  challengerParams: ModelParams,
  task: TaskType,
  metric: MetricName,
  k: number,
): Promise<NonNullable<RetrainComparison['paired']>> {
  const old = championData(input);
  const rng = createRng(input.seed).fork('paired seeds');
  const seeds = Array.from({ length: k }, () => rng.uint32());
  const testScore = async (data: ExperimentData, params: ModelParams, seed: number) => {
    const capped = withEpochCap(params, input.maxEpochs);
    const members = input.champion.model.members;
    const run = await retrainRun(
      trainingData(task, data),
      capped,
      seed,
      capped.epochs,
      metric,
      undefined,
      members,
    );
    const { threshold } = input.champion.model;
    const artifact = threshold === undefined ? run.artifact : { ...run.artifact, threshold };
    const output = predictArtifact(artifact, data.test.x, data.test.rows);
    return evaluateOutput(task, output, data.test.y)[metric] ?? NaN;
  };
  const champion: number[] = [];
  const challenger: number[] = [];
  for (const seed of seeds) {
    champion.push(await testScore(old, input.champion.model.params, seed));
    challenger.push(await testScore(prepared.data, challengerParams, seed));
  }
  const { data } = prepared;
  return { seeds, champion, challenger, testTrainRatio: data.test.rows / Math.max(1, data.train.rows) };
}

function validationStatus(report: NewDataReport): RetrainStep['status'] {
  if (!report.ok) return 'failed';
  return report.warnings.length > 0 ? 'warning' : 'passed';
}

function validationMessage(report: NewDataReport): string {
  const head = `New data: ${report.rows} rows, ${report.labelled} labelled`;
  if (!report.ok) {
    return `${head}; refused, ${report.errors.length} error${report.errors.length === 1 ? '' : 's'}: ${report.errors[0]!.message}`;
  }
  if (report.warnings.length === 0) return `${head}; it matches the champion's schema.`;
  return `${head}; ${report.warnings.length} warning${report.warnings.length === 1 ? '' : 's'}: ${report.warnings[0]!.message}`;
}

function validationEvidence(report: NewDataReport): Record<string, unknown> {
  const brief = (issues: NewDataReport['errors']) =>
    issues.map((i) => ({ kind: i.kind, column: i.column, count: i.count }));
  return {
    rows: report.rows,
    labelled: report.labelled,
    errors: brief(report.errors),
    warnings: brief(report.warnings),
  };
}

function prepareMessage(prepared: RetrainData): string {
  const { data, newRows } = prepared;
  const leftOut = newRows.leftOut.duplicateOfTest + newRows.leftOut.groupInTest;
  return (
    `Recipe and features re-run on ${prepared.oldRows} old and ${newRows.added} new rows: ` +
    `train ${data.train.rows} (${newRows.train} new), validation ${data.validation.rows} (${newRows.validation} new), ` +
    `test ${data.test.rows}, the champion's sealed rows (hash checked)` +
    `${leftOut ? `; ${leftOut} new rows left out so the test set stays unseen` : ''}.`
  );
}
