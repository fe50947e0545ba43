import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeRunBundle } from '../../../src/cli/run-bundle.ts';
import { decodeBundle, parseBundle, type ModelBundle } from '../../../src/core/bundle/index.ts';
import { autoExperiment, buildExperimentData } from '../../../src/core/experiment/index.ts';
import { splitFor } from '../../../src/core/experiment/build-experiment-data.ts';
import { evaluateOutput } from '../../../src/core/models/evaluate-output.ts';
import { DEFAULT_PARAMS, type ModelParams } from '../../../src/core/models/model-params.ts';
import { predictArtifact } from '../../../src/core/models/predict-artifact.ts';
import type { SplitRequest } from '../../../src/core/prepare/prepare-dataset.ts';
import { createRng } from '../../../src/core/random.ts';
import type { RawTable } from '../../../src/core/table/raw-table.ts';
import { retrainRun } from '../../../src/ml/retrain-run.ts';

export const TARGET = 'label';
export const OLD_SHA = 'a1'.repeat(32);

export interface SyntheticOptions {
  /** Share of labels replaced by a coin flip (0: every label follows the signal). */
  noise?: number;
  segments?: readonly string[];
}

/**
 * Seeded binary data with a known signal: P(yes) = sigmoid(2.2·x1 − 1.6·x2 + 0.8·[segment = A]); x3…x6 are
 * noise. Numbers are written with 4 decimals, so every cell is plain text as in a CSV.
 */
export function syntheticTable(rows: number, seed: number, options: SyntheticOptions = {}): RawTable {
  const rng = createRng(seed);
  const segments = options.segments ?? ['A', 'B', 'C'];
  const names = ['x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'segment', TARGET];
  const columns: string[][] = names.map(() => []);
  for (let r = 0; r < rows; r++) {
    const x = Array.from({ length: 6 }, () => rng.normal());
    const segment = rng.pick(segments);
    const logit = 2.2 * x[0]! - 1.6 * x[1]! + (segment === 'A' ? 0.8 : 0);
    const signal = rng.next() < 1 / (1 + Math.exp(-logit));
    const label = rng.next() < (options.noise ?? 0) ? rng.next() < 0.5 : signal;
    x.forEach((v, c) => columns[c]!.push(v.toFixed(4)));
    columns[6]!.push(segment);
    columns[7]!.push(label ? 'yes' : 'no');
  }
  return { names, columns };
}

/** Seeded regression data: value = 3·x1 − 2·x2 + N(0, 0.5), with the same columns as syntheticTable. */
export function syntheticRegression(rows: number, seed: number): RawTable {
  const table = syntheticTable(rows, seed);
  const rng = createRng(seed).fork('value');
  const x1 = table.columns[0]!.map(Number);
  const x2 = table.columns[1]!.map(Number);
  const value = x1.map((v, r) => (3 * v - 2 * x2[r]! + rng.normal(0, 0.5)).toFixed(4));
  return { names: [...table.names.slice(0, 7), 'value'], columns: [...table.columns.slice(0, 7), value] };
}

/** The table with its target column's cells shuffled (labels that carry no signal). */
export function shuffledLabels(table: RawTable, seed: number): RawTable {
  const at = table.names.indexOf(TARGET);
  const labels = createRng(seed).shuffle([...table.columns[at]!]);
  return { names: table.names, columns: table.columns.map((c, i) => (i === at ? labels : c)) };
}

export interface ChampionOptions {
  seed: number;
  /** Default: the binary `label`; `value` for syntheticRegression. */
  target?: string;
  params?: ModelParams;
  /** The problem card's bar on its metric (ROC AUC, or RMSE for regression). Default 0.6. */
  bar?: number;
  /** Replace the labels of the training and validation rows (not the test rows) by coin flips. */
  noisyTraining?: boolean;
}

export interface Champion {
  bundle: ModelBundle;
  /** The dataset as stored (with the noisy labels, when asked for). */
  table: RawTable;
  split: SplitRequest;
  runSeed: number;
  runId: string;
  /** The champion's training and sealed test rows (0-based rows of `table`). */
  trainRows: Uint32Array;
  testRows: Uint32Array;
}

/** A random (unstratified) 60/20/20 split, so that changing labels does not move rows between sets. */
export function splitRequest(seed: number): SplitRequest {
  return { method: 'random', seed, fractions: [0.6, 0.2, 0.2] };
}

/**
 * Trains a champion as the app would and packages it with the CLI's `run --bundle` code: the suggested
 * recipe and features, the split request, one configuration trained with its seed, the bundle built,
 * encoded and decoded again. Its lineage names the records `projectSnapshot` writes.
 */
export async function trainChampion(source: RawTable, options: ChampionOptions): Promise<Champion> {
  const { seed } = options;
  const target = options.target ?? TARGET;
  const plan = autoExperiment(source, {
    target,
    seed,
    ...(target === TARGET ? { positiveClass: 'yes' } : {}),
  });
  const split = splitRequest(seed);
  let table = source;
  if (options.noisyTraining) {
    const rows = splitFor(source, { recipe: plan.recipe, split, features: plan.features }, []);
    const test = new Set(rows.test);
    const rng = createRng(seed).fork('noise');
    const at = source.names.indexOf(target);
    const labels = source.columns[at]!.map((cell, r) =>
      test.has(r) ? cell : rng.next() < 0.5 ? 'yes' : 'no',
    );
    table = { names: source.names, columns: source.columns.map((c, i) => (i === at ? labels : c)) };
  }
  const data = buildExperimentData(table, { recipe: plan.recipe, split, features: plan.features });
  const params = options.params ?? DEFAULT_PARAMS.linear;
  const { classes, cols, train, validation } = data;
  const run = await retrainRun(
    { task: plan.task, classes, cols, train, validation },
    params,
    seed,
    params.epochs,
    plan.metric,
  );
  const test = evaluateOutput(
    plan.task,
    predictArtifact(run.artifact, data.test.x, data.test.rows),
    data.test.y,
  );
  const best = {
    trial: 1,
    params,
    seed,
    history: run.history,
    bestEpoch: run.bestEpoch,
    score: run.validation[plan.metric]!,
    validation: run.validation,
    test,
    trainMs: 0,
    pruned: false,
    rung: 0,
    artifact: run.artifact,
  };
  const path = join(mkdtempSync(join(tmpdir(), 'looplab-champion-')), 'champion.zip');
  await writeRunBundle(path, plan, data, best, table, {
    file: 'old.csv',
    sha256: OLD_SHA,
    appVersion: 'test',
    backend: 'cpu',
  });
  const decoded = decodeBundle(new Uint8Array(readFileSync(path)));
  const runId = 'run-1';
  const bundle = parseBundle({
    ...decoded,
    id: 'bundle-1',
    problem: {
      ...decoded.problem,
      datasetId: 'dataset-1',
      metric: { name: plan.metric, target: options.bar ?? 0.6 },
    },
    lineage: {
      ...decoded.lineage,
      datasetId: 'dataset-1',
      problemId: 'problem-1',
      recipeId: 'recipe-1',
      runId,
    },
  });
  const testRows = splitFor(table, { recipe: plan.recipe, split, features: plan.features }, []).test;
  return { bundle, table, split, runSeed: seed, runId, trainRows: data.rowIds.train, testRows };
}
