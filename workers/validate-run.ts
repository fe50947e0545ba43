/**
 * Validation of a finished run (LIFECYCLE §5) in the train worker: edge-case probes through the serving
 * path, and stability across seeds. Both rebuild the run's data from its lineage.
 */
import {
  checkProbeOutput,
  edgeCaseProbes,
  probeErrorReport,
  type ProbeColumn,
  type ProbeReport,
} from '../src/core/evaluate/index.ts';
import { serveFeatures } from '../src/core/experiment/index.ts';
import type { FittedPipeline } from '../src/core/features/index.ts';
import { evaluateOutput } from '../src/core/models/evaluate-output.ts';
import type { ModelArtifact } from '../src/core/models/model-artifact.ts';
import type { ModelParams } from '../src/core/models/model-params.ts';
import type { MetricName } from '../src/core/problem/problem-card.ts';
import { createRng } from '../src/core/random.ts';
import type { FittedValues, Recipe } from '../src/core/recipe/index.ts';
import { predictNetwork } from '../src/ml/predict-network.ts';
import { retrainRun } from '../src/ml/retrain-run.ts';
import { runData } from './run-data.ts';
import { workerStorage } from './worker-storage.ts';

async function finishedRun(runId: string) {
  const run = await (await workerStorage()).getRun(runId);
  if (!run?.lineage || !run.pipeline || !run.artifact || !run.recipeFitted)
    throw new Error('Only a finished run can be validated (it has no model).');
  const { inputs, data, table } = await runData(run);
  const pipeline = run.pipeline as unknown as FittedPipeline;
  return { run, inputs, pipeline, data, table, artifact: run.artifact as unknown as ModelArtifact };
}

/**
 * Sends edge-case rows (unseen categories, missing and blank values in each column, values 10 sd outside the
 * training range) through the serving path, one row at a time: each must give a valid prediction or a clear
 * error; NaN is a failure.
 */
export async function probeRun(runId: string): Promise<ProbeReport[]> {
  const { run, inputs, pipeline, data, table, artifact } = await finishedRun(runId);
  const columns: ProbeColumn[] = [];
  for (const t of pipeline.spec.transforms) {
    const index = table.names.indexOf(t.column);
    if (t.kind === 'drop' || index < 0 || columns.some((c) => c.name === t.column)) continue;
    const cells = Array.from(data.rowIds.train, (r) => table.columns[index]![r]!.trim());
    if (t.kind === 'numeric') {
      const numbers = cells
        .filter((c) => c !== '')
        .map(Number)
        .filter(Number.isFinite);
      const mean = numbers.reduce((a, b) => a + b, 0) / Math.max(1, numbers.length);
      const sd = Math.sqrt(numbers.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, numbers.length));
      columns.push({
        name: t.column,
        kind: 'numeric',
        train: { min: Math.min(...numbers), max: Math.max(...numbers), mean, sd },
      });
    } else {
      const kind = t.kind === 'tfidf' ? 'text' : t.kind === 'datetime' ? 'date' : 'categorical';
      columns.push({ name: t.column, kind, train: { values: [...new Set(cells)].slice(0, 1000) } });
    }
  }
  const first = data.rowIds.test[0] ?? data.rowIds.train[0]!;
  const baseRow = Object.fromEntries(table.names.map((name, c) => [name, table.columns[c]![first]!]));
  const model = {
    recipe: { steps: inputs.recipe.steps } as unknown as Recipe,
    recipeFitted: run.recipeFitted as unknown as FittedValues,
    pipeline,
  };
  const reports: ProbeReport[] = [];
  for (const probe of edgeCaseProbes({ columns, baseRow })) {
    try {
      const served = serveFeatures(model, [probe.row], table.names);
      if (served.rows === 0) {
        reports.push(probeErrorReport(probe, new Error('the cleaning recipe drops this row (not scored)')));
        continue;
      }
      reports.push(...checkProbeOutput([probe], await predictNetwork(artifact, served.values, 1)));
    } catch (error) {
      reports.push(probeErrorReport(probe, error));
    }
  }
  return reports;
}

/** One seed of a stability check: its validation and test metrics. */
export interface SeedResult {
  seed: number;
  validation: Record<string, number>;
  test: Record<string, number>;
}

/**
 * Retrains a run's configuration with K seeds (the run's own first) for the epochs it trained, and scores each
 * on the validation and sealed test rows: the spread across seeds is the model's stability, and the per-seed
 * test scores feed the champion/challenger t-test.
 */
export async function stabilityRun(
  runId: string,
  seeds: number,
  onSeed?: (done: number, total: number) => void,
): Promise<{ seeds: SeedResult[]; testTrainRatio: number }> {
  const { run, inputs, data } = await finishedRun(runId);
  const params = run.params as unknown as ModelParams;
  const metric = (run.metric ?? inputs.card.metric.name) as MetricName;
  const rng = createRng(run.seed).fork('stability');
  const list = [run.seed, ...Array.from({ length: Math.max(0, seeds - 1) }, () => rng.uint32())];
  const out: SeedResult[] = [];
  const training = {
    task: inputs.card.taskType,
    classes: data.classes,
    cols: data.cols,
    train: data.train,
    validation: data.validation,
  };
  for (const [i, seed] of list.entries()) {
    const result = await retrainRun(training, params, seed, Math.max(1, run.history.length), metric);
    const test = await predictNetwork(result.artifact, data.test.x, data.test.rows);
    out.push({
      seed,
      validation: result.validation,
      test: evaluateOutput(inputs.card.taskType, test, data.test.y),
    });
    onSeed?.(i + 1, list.length);
  }
  return { seeds: out, testTrainRatio: data.test.rows / Math.max(1, data.train.rows) };
}
