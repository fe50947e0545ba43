import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import {
  autoExperiment,
  buildExperimentData,
  checkExperimentData,
  noScoredModelError,
} from '../core/experiment/index.ts';
import { keepMissingNumbers } from '../core/features/index.ts';
import type { TaskType } from '../core/problem/problem-card.ts';
import { foldLayoutOf } from '../core/search/fold-layout-of.ts';
import { autoSearch, selectionOf, type AutoSearchOutcome } from '../ml/auto-search.ts';
import { searchModels, type SearchOutcome } from '../ml/search-models.ts';
import { UsageError } from './main.ts';
import { parseOptions } from './profile-command.ts';
import { readTable } from './read-table.ts';
import { writeRunBundle } from './run-bundle.ts';
import { checkEvaluationOptions, runEvaluation } from './run-evaluation.ts';
import { initNodeBackend } from './tf-node.ts';

const USAGE =
  'usage: looplab run <file.csv> --target <col> [--task binary|multiclass|regression] [--positive <value>] ' +
  '[--seed N] [--budget-s N] [--drop <col,col>] [--test-rows <file.json>] [--backend wasm|cpu] ' +
  '[--families gbdt,linear,mlp,ensemble] [--strategy auto|grid|random] [--trials N] [--max-epochs N] [--no-header] [--sensitive <col>] [--seeds K] ' +
  '[--card <out.md|out.html>] [--bundle <out.zip>] [--keep-missing]';

/** The app version from package.json, written into bundles. */
function appVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version?: string;
    };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** The metric names the CLI prints, in this order (f1: positive class for binary, macro for multiclass). */
const CLASSIFICATION_KEYS = ['accuracy', 'f1', 'roc_auc', 'log_loss'];
const REGRESSION_KEYS = ['rmse', 'mae', 'r2'];

/**
 * `looplab run`: the whole headless path from a CSV to a scored leaderboard. Define (task guessed unless
 * given) → the suggested recipe, accepted → split → features → a search over the model families → the
 * test set.
 */
export async function runCommand(args: string[]) {
  const { options, positional } = parseOptions(
    args,
    [
      'target',
      'task',
      'positive',
      'seed',
      'budget-s',
      'drop',
      'test-rows',
      'backend',
      'strategy',
      'families',
      'trials',
      'max-epochs',
      'sensitive',
      'seeds',
      'card',
      'bundle',
    ],
    ['no-header', 'keep-missing'],
  );
  const [file] = positional;
  if (!file || positional.length > 1) throw new UsageError(USAGE);
  const target = options.target as string | undefined;
  if (!target) throw new UsageError(`--target is required. ${USAGE}`);
  const task = options.task as TaskType | undefined;
  if (task !== undefined && !['binary', 'multiclass', 'regression'].includes(task))
    throw new UsageError(`--task must be binary, multiclass or regression. ${USAGE}`);
  const seed = integer(options.seed, 'seed', 42);
  const budgetS = Number(options['budget-s'] ?? 120);
  if (!(budgetS > 0)) throw new UsageError(`--budget-s must be a positive number of seconds. ${USAGE}`);
  const backendName = (options.backend as string | undefined) ?? 'wasm';
  if (backendName !== 'wasm' && backendName !== 'cpu')
    throw new UsageError(`--backend must be wasm or cpu. ${USAGE}`);
  const strategy = (options.strategy as string | undefined) ?? 'auto';
  if (strategy !== 'auto' && strategy !== 'grid' && strategy !== 'random')
    throw new UsageError(`--strategy must be auto, grid or random. ${USAGE}`);
  const families = parseFamilies(options.families);
  const trials = integer(options.trials, 'trials', 8);
  const maxEpochs =
    options['max-epochs'] === undefined ? undefined : integer(options['max-epochs'], 'max-epochs', 0);
  if (trials < 1 || (maxEpochs !== undefined && maxEpochs < 1))
    throw new UsageError(`--trials and --max-epochs must be at least 1. ${USAGE}`);
  const drop =
    typeof options.drop === 'string'
      ? options.drop
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : [];
  const testRows =
    typeof options['test-rows'] === 'string' ? await readTestRows(options['test-rows']) : undefined;
  const seeds = options.seeds === undefined ? undefined : integer(options.seeds, 'seeds', 0);
  if (seeds !== undefined && seeds < 2) throw new UsageError(`--seeds must be at least 2. ${USAGE}`);
  const sensitive = options.sensitive as string | undefined;
  const card = options.card as string | undefined;

  const { table, result } = await readTable(file, { header: options['no-header'] ? false : 'auto' });
  checkEvaluationOptions(table, task, { sensitive }, USAGE);
  const plan = autoExperiment(table, {
    target,
    task,
    positiveClass: options.positive as string | undefined,
    drop,
    seed,
    fractions: testRows ? [0.85, 0.15, 0] : [0.7, 0.15, 0.15],
  });
  checkEvaluationOptions(table, plan.task, { sensitive }, USAGE);
  // --keep-missing: numeric features keep missing values for the trees (the networks are then left out).
  if (options['keep-missing']) plan.features = keepMissingNumbers(plan.features);
  const data = buildExperimentData(table, {
    recipe: plan.recipe,
    split: plan.split,
    features: plan.features,
    testRows,
  });
  checkExperimentData(
    data,
    plan.recipe.steps.flatMap((step) => (step.kind === 'drop-columns' ? step.columns : [])),
  );
  const backend = await initNodeBackend(backendName);
  const searchData = {
    task: plan.task,
    classes: data.classes,
    cols: data.cols,
    train: data.train,
    validation: data.validation,
    test: data.test,
    featureNames: data.fitted.outputs,
  };
  const layout = foldLayoutOf(table, plan.split, data.rowIds);
  const outcome: SearchOutcome | AutoSearchOutcome =
    strategy === 'auto'
      ? await autoSearch(searchData, {
          families: ['baseline', ...families],
          budgetMs: budgetS * 1000,
          seed,
          metric: plan.metric,
          scoreTest: 'all',
          ...(layout ? { layout } : {}),
          ...(maxEpochs !== undefined ? { maxEpochs } : {}),
        })
      : await searchModels(searchData, {
          families: ['baseline', ...families.filter((f) => f !== 'ensemble')],
          strategy,
          randomTrials: trials,
          ...(maxEpochs !== undefined ? { maxEpochs } : {}),
          budgetMs: budgetS * 1000,
          seed,
          metric: plan.metric,
          halving: true,
          scoreTest: 'all',
        });
  if ('stopReason' in outcome) console.error(describeStop(outcome as AutoSearchOutcome, budgetS));
  const keys = plan.task === 'regression' ? REGRESSION_KEYS : CLASSIFICATION_KEYS;
  const pick = (metrics: Record<string, number> | undefined) =>
    Object.fromEntries(keys.map((k) => [k, metrics?.[k] ?? null]));
  const leaderboard = outcome.results
    .map((r) => ({
      model: r.params.family,
      params: r.params.family === 'baseline' ? {} : { ...r.params, family: undefined },
      validation: pick(r.validation),
      test: pick(r.test),
      trainMs: Math.round(r.trainMs),
      ...(r.predictMsPerRow !== undefined
        ? { predictMsPerRow: Number(r.predictMsPerRow.toPrecision(3)) }
        : {}),
      epochs: r.history.length,
      bestEpoch: r.bestEpoch,
      pruned: r.pruned,
      ...(r.cv
        ? { cv: { mean: round(r.cv.mean), std: round(r.cv.std), folds: r.cv.scores.map(round) } }
        : {}),
      ...(r.refit ? { refit: r.refit } : {}),
      ...(r.artifact.members
        ? {
            members: r.artifact.members.map((m) => ({
              model: m.artifact.params.family,
              weight: round(m.weight),
            })),
          }
        : {}),
      score: r.score,
    }))
    .sort((a, b) => (b.score ?? -Infinity) - (a.score ?? -Infinity));
  const best = outcome.results[outcome.best];
  if (!best) throw noScoredModelError(data, plan.metric);
  const bundlePath =
    typeof options.bundle === 'string'
      ? await writeRunBundle(
          options.bundle,
          plan,
          data,
          best,
          table,
          {
            file,
            sha256: result.sha256,
            appVersion: appVersion(),
            backend,
          },
          selectionOf(outcome, best) ?? { method: 'holdout', refit: false },
        )
      : undefined;
  const evaluation = await runEvaluation(plan, data, outcome, table, {
    seed,
    ...(seeds !== undefined ? { seeds } : {}),
    ...(sensitive !== undefined ? { sensitive } : {}),
    ...(card !== undefined ? { card } : {}),
    metricKeys: keys,
    backend,
    dataset: { file, sha256: result.sha256 },
    fixedTestRows: testRows !== undefined,
  });
  return {
    task: plan.task,
    target,
    ...(data.fitted.target.kind === 'classes' ? { classes: data.fitted.target.classes } : {}),
    metric: plan.metric,
    rows: { train: data.train.rows, validation: data.validation.rows, test: data.test.rows },
    excluded: data.excluded,
    features: data.cols,
    backend,
    search: {
      strategy,
      halving: true,
      budgetS,
      stoppedByBudget: outcome.stoppedByBudget,
      ...('stopReason' in outcome
        ? {
            stopReason: (outcome as AutoSearchOutcome).stopReason,
            selection: (outcome as AutoSearchOutcome).selection,
            trials: outcome.results.length,
          }
        : {}),
      skipped: outcome.skipped,
      ...(outcome.refusedFamilies.length ? { refusedFamilies: outcome.refusedFamilies } : {}),
    },
    leaderboard: leaderboard.map(({ score: _score, ...entry }) => entry),
    best: {
      model: best.params.family,
      params: best.params,
      test: pick(best.test),
      ...(best.cv ? { cv: { mean: round(best.cv.mean), std: round(best.cv.std) } } : {}),
      ...(best.refit ? { refit: best.refit } : {}),
      ...(best.artifact.threshold !== undefined ? { threshold: round(best.artifact.threshold) } : {}),
    },
    ...evaluation,
    ...(bundlePath ? { bundle: bundlePath } : {}),
  };
}

/** Why the automatic search stopped, in a line for stderr. */
export function describeStop(outcome: AutoSearchOutcome, budgetS: number): string {
  const why = {
    budget: `the ${budgetS} s budget ran out`,
    'no-improvement': 'the best score did not improve over the last trials',
    target: "the card's target was reached",
    exhausted: 'every candidate was tried',
    'max-trials': 'the trial limit was reached',
  }[outcome.stopReason];
  const how =
    outcome.selection.method === 'cv'
      ? `${outcome.selection.folds}-fold cross-validation on ${outcome.selection.rows} rows`
      : `the ${outcome.selection.rows} validation rows`;
  return `search stopped: ${why} (${outcome.results.length} runs compared by ${how}).`;
}

/** The CLI's metric figures to 4 significant decimals. */
function round(x: number): number {
  return Number(x.toFixed(4));
}

const SEARCHABLE = ['gbdt', 'linear', 'mlp', 'ensemble'] as const;

/** `--families gbdt,linear` (PyCaret's `include=`): the families searched, default all; the baseline always. */
export function parseFamilies(value: string | true | undefined): (typeof SEARCHABLE)[number][] {
  if (value === undefined) return [...SEARCHABLE];
  const names = String(value)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = names.filter((n) => !(SEARCHABLE as readonly string[]).includes(n));
  if (value === true || names.length === 0 || unknown.length)
    throw new UsageError(
      `--families: ${unknown.length ? `unknown ${unknown.map((n) => `"${n}"`).join(', ')}; ` : ''}choose from ${SEARCHABLE.join(', ')}. ${USAGE}`,
    );
  return [...new Set(names)] as (typeof SEARCHABLE)[number][];
}

function integer(value: string | true | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n)) throw new UsageError(`--${name} must be an integer. ${USAGE}`);
  return n;
}

/** A file shaped like ../shared/data/baselines/splits/*.json: `{ "test_rows": [0-based data rows] }`. */
async function readTestRows(path: string): Promise<number[]> {
  const text = await readFile(path, 'utf8').catch(() => {
    throw new Error(`cannot read --test-rows file "${path}".`);
  });
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`--test-rows file "${path}" is not JSON.`);
  }
  const rows = (parsed as { test_rows?: unknown }).test_rows;
  if (!Array.isArray(rows) || !rows.every((r) => Number.isInteger(r) && (r as number) >= 0))
    throw new Error(`--test-rows file "${path}": "test_rows" must be an array of 0-based row numbers.`);
  return rows as number[];
}
