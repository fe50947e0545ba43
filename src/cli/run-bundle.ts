import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import {
  buildBundle,
  cellsOfRows,
  driftReference,
  encodeBundle,
  type BundleSignature,
} from '../core/bundle/index.ts';
import type { AutoExperiment } from '../core/experiment/auto-experiment.ts';
import type { ExperimentData } from '../core/experiment/build-experiment-data.ts';
import { pipelineVersion } from '../core/features/index.ts';
import { higherIsBetter } from '../core/metrics/higher-is-better.ts';
import { predictArtifact } from '../core/models/predict-artifact.ts';
import type { TrialResult } from '../core/models/trial-result.ts';
import type { ProblemCard } from '../core/problem/problem-card.ts';
import { RECORD_SCHEMA_VERSION, type RunLineage, type RunRecord } from '../core/records.ts';
import { recipeVersion } from '../core/recipe/index.ts';
import type { RawTable } from '../core/table/raw-table.ts';

/**
 * `looplab run --bundle <out.zip>`: the winning model packaged exactly as the app packages a run (LIFECYCLE
 * §6): weights, fitted pipeline, recipe and what it learned, problem card, signature and an example row,
 * threshold, drift reference from the training rows, lineage and metrics.
 */
export async function writeRunBundle(
  path: string,
  plan: AutoExperiment,
  data: ExperimentData,
  best: TrialResult,
  table: RawTable,
  dataset: { file: string; sha256: string; appVersion: string; backend: string },
  selection?: RunLineage['selection'],
): Promise<string> {
  const target = plan.features.target;
  const types = new Map(plan.analysis.profile.columns.map((c) => [c.name, c.type]));
  const inputs = new Set(data.fitted.inputs);
  const signature: BundleSignature = {
    target,
    columns: table.names
      .filter((name) => name !== target)
      .map((name) => ({ name, type: types.get(name) ?? 'text', required: inputs.has(name) })),
  };
  const rawRow = (r: number) =>
    Object.fromEntries(table.names.map((name, c) => [name, table.columns[c]![r]!]));
  const cells = cellsOfRows(table, signature.columns, data.rowIds.train);
  const reference = driftReference(
    signature.columns,
    cells,
    predictArtifact(best.artifact, data.train.x, data.train.rows),
  );
  const problem: ProblemCard = {
    datasetId: basename(dataset.file),
    datasetSha256: dataset.sha256,
    target,
    taskType: plan.task,
    guessedTaskType: plan.analysis.target?.guessedTaskType ?? plan.task,
    ...(data.fitted.target.kind === 'classes' && data.fitted.target.positiveClass
      ? { positiveClass: data.fitted.target.positiveClass }
      : {}),
    // The CLI is given no target: the card's bar is one every model meets (0 for a score, the largest
    // finite number for an error), so a retrain compared against it is judged on the champion alone.
    metric: { name: plan.metric, target: higherIsBetter(plan.metric) ? 0 : Number.MAX_VALUE },
    usage: 'batch',
    costNote: '',
    excludedRows: data.excluded.missingTarget,
    warnings: [],
  };
  const run: RunRecord = {
    schemaVersion: RECORD_SCHEMA_VERSION,
    id: `cli-${best.trial}`,
    projectId: 'cli',
    createdAt: Date.now(),
    status: 'finished',
    name: best.params.family,
    params: { ...best.params },
    seed: best.seed,
    history: best.history.map((h) => ({ ...h })),
    metrics: best.validation,
    environment: { backend: dataset.backend, app: dataset.appVersion },
    lineage: {
      datasetId: basename(dataset.file),
      datasetSha256: dataset.sha256,
      problemId: 'cli',
      problemVersion: 0,
      recipeId: 'cli',
      recipeVersion: 0,
      recipeHash: recipeVersion(plan.recipe),
      pipelineVersion: pipelineVersion(data.fitted),
      testRowsHash: data.split.testRowsHash,
      rows: { train: data.train.rows, validation: data.validation.rows, test: data.test.rows },
      ...(selection ? { selection } : {}),
    },
    metric: plan.metric,
    score: best.score,
    ...(best.test ? { test: best.test } : {}),
    artifact: best.artifact as unknown as Record<string, unknown>,
    pipeline: data.fitted as unknown as Record<string, unknown>,
    recipeFitted: data.recipeFitted as unknown as Record<string, unknown>,
  };
  const bundle = buildBundle({
    run,
    problem,
    recipeSteps: plan.recipe.steps,
    signature,
    example: rawRow(data.rowIds.train[0]!),
    reference,
    id: crypto.randomUUID(),
    createdAt: Date.now(),
    name: `${basename(dataset.file)} ${best.params.family}`,
  });
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, encodeBundle(bundle, { appVersion: dataset.appVersion }));
  return path;
}
