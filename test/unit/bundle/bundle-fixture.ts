import { fitGbdt } from '../../../src/core/gbdt/index.ts';
import { buildBundle } from '../../../src/core/bundle/build-bundle.ts';
import { driftReference } from '../../../src/core/bundle/drift-reference.ts';
import type { BundleSignature, ModelBundle } from '../../../src/core/bundle/model-bundle.ts';
import { fitFeaturePipeline, tableSource } from '../../../src/core/features/index.ts';
import type { ModelArtifact } from '../../../src/core/models/model-artifact.ts';
import { resolveParams } from '../../../src/core/models/model-params.ts';
import { predictArtifact } from '../../../src/core/models/predict-artifact.ts';
import type { ProblemCard } from '../../../src/core/problem/problem-card.ts';
import { applyRecipe } from '../../../src/core/recipe/index.ts';
import type { RunRecord } from '../../../src/core/records.ts';
import type { RawTable } from '../../../src/core/table/raw-table.ts';

/**
 * A bundle small enough to check by hand: x (a number, unscaled) and city (frequency-encoded: a is 3/4 of
 * the training rows, b 1/4) feed a logistic model with logit = 0.5·x − 2·freq(city) + 0.25.
 */
export const W_X = 0.5;
export const W_CITY = -2;
export const BIAS = 0.25;

export const TRAIN: RawTable = {
  names: ['x', 'city', 'y'],
  columns: [
    ['1', '2', '3', '4'],
    ['a', 'a', 'a', 'b'],
    ['no', 'yes', 'no', 'yes'],
  ],
};

export const PROBLEM: ProblemCard = {
  datasetId: 'd1',
  datasetSha256: 'ab'.repeat(32),
  target: 'y',
  taskType: 'binary',
  guessedTaskType: 'binary',
  positiveClass: 'yes',
  metric: { name: 'roc_auc', target: 0.8 },
  usage: 'real-time',
  costNote: '',
  excludedRows: 0,
  warnings: [],
};

export const SIGNATURE: BundleSignature = {
  columns: [
    { name: 'x', type: 'number', required: true },
    { name: 'city', type: 'category', required: true },
  ],
  target: 'y',
};

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/** A finished run as training would store it, with the artifact, pipeline and fitted recipe as plain JSON. */
export function tinyRun(): RunRecord {
  const recipe = applyRecipe(TRAIN, { steps: [] });
  const pipeline = fitFeaturePipeline(
    {
      target: 'y',
      task: 'binary',
      positiveClass: 'yes',
      transforms: [
        { kind: 'numeric', column: 'x', impute: 'zero', scale: 'none' },
        { kind: 'frequency', column: 'city' },
      ],
    },
    tableSource(recipe.table),
  );
  const artifact: ModelArtifact = {
    format: 'looplab-model@1',
    task: 'binary',
    params: resolveParams({ family: 'linear' }),
    inputDim: 2,
    outputDim: 1,
    classes: 2,
    weights: [
      { name: 'w0', shape: [2, 1], values: [W_X, W_CITY] },
      { name: 'b0', shape: [1], values: [BIAS] },
    ],
  };
  return {
    schemaVersion: 1,
    id: 'run-1',
    projectId: 'p1',
    createdAt: Date.UTC(2026, 0, 1),
    status: 'finished',
    params: { ...artifact.params },
    seed: 42,
    history: [],
    metrics: { roc_auc: 0.75, log_loss: NaN },
    test: { roc_auc: 0.7 },
    environment: { app: 'test' },
    name: 'linear #1',
    lineage: {
      datasetId: 'd1',
      datasetSha256: 'ab'.repeat(32),
      problemId: 'pr1',
      problemVersion: 1,
      recipeId: 'r1',
      recipeVersion: 1,
      recipeHash: recipe.fitted.recipeVersion,
      pipelineVersion: 'pv',
      testRowsHash: 'cd'.repeat(32),
      rows: { train: 4, validation: 0, test: 0 },
    },
    artifact: { ...artifact },
    pipeline: { ...pipeline },
    recipeFitted: { ...recipe.fitted },
  };
}

/** The tiny run packaged, with its drift reference counted on the training rows. */
export function tinyBundle(): ModelBundle {
  const run = tinyRun();
  const x = TRAIN.columns[0]!;
  const freq: Record<string, number> = { a: 0.75, b: 0.25 };
  const features = new Float32Array(x.flatMap((v, r) => [Number(v), freq[TRAIN.columns[1]![r]!]!]));
  const output = predictArtifact(run.artifact as unknown as ModelArtifact, features, x.length);
  return buildBundle({
    run,
    problem: PROBLEM,
    recipeSteps: [],
    signature: SIGNATURE,
    example: { x: '2', city: 'a' },
    reference: driftReference(SIGNATURE.columns, { x, city: TRAIN.columns[1]! }, output),
    id: 'bundle-1',
    createdAt: Date.UTC(2026, 0, 2),
  });
}

/** The fixture's features (x, frequency of city) for rows given as [x, city]. */
export function features(rows: [string, string][]): Float32Array {
  const freq: Record<string, number> = { a: 0.75, b: 0.25 };
  return new Float32Array(rows.flatMap(([x, city]) => [x === '' ? NaN : Number(x), freq[city] ?? 0]));
}

export function gbdtBundle() {
  const run = tinyRun();
  const rows = TRAIN.columns[0]!.map((x, r) => [x, TRAIN.columns[1]![r]!] as [string, string]);
  const y = TRAIN.columns[2]!.map((v) => (v === 'yes' ? 1 : 0));
  const { model } = fitGbdt({
    train: { x: features(rows), y, rows: rows.length },
    cols: 2,
    task: 'binary',
    classes: 2,
    params: { maxIter: 5, minSamplesLeaf: 1, earlyStopping: null },
    seed: 7,
  });
  const artifact: ModelArtifact = {
    format: 'looplab-model@1',
    task: 'binary',
    params: resolveParams({ family: 'gbdt', epochs: 5, minSamplesLeaf: 1 }),
    inputDim: 2,
    outputDim: 1,
    classes: 2,
    weights: [],
    gbdt: model,
  };
  const bundle = buildBundle({
    run: { ...run, artifact: artifact as unknown as Record<string, unknown> },
    problem: PROBLEM,
    recipeSteps: [],
    signature: SIGNATURE,
    example: { x: '2', city: 'a' },
    reference: driftReference(
      SIGNATURE.columns,
      { x: TRAIN.columns[0]!, city: TRAIN.columns[1]! },
      predictArtifact(artifact, features(rows), rows.length),
    ),
    id: 'gbdt-1',
    createdAt: 0,
  });
  return { bundle, model };
}

/** 0.6 × the fixture's logistic model + 0.4 × its trees, as one ensemble bundle. */
export function ensembleBundle(): { bundle: ModelBundle; trees: ModelArtifact } {
  const linear = tinyBundle();
  const { bundle: treeBundle } = gbdtBundle();
  const trees = treeBundle.model;
  const model: ModelArtifact = {
    format: 'looplab-model@1',
    task: 'binary',
    params: resolveParams({ family: 'ensemble' }),
    inputDim: 2,
    outputDim: 1,
    classes: 2,
    weights: [],
    members: [
      { weight: 0.6, artifact: linear.model, seed: 1, ensembleSeed: 9 },
      { weight: 0.4, artifact: trees, seed: 2, ensembleSeed: 9 },
    ],
  };
  return { bundle: { ...linear, id: 'ensemble-1', model }, trees };
}
