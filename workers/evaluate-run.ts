import type { FeatureSpec, FittedPipeline } from '../src/core/features/index.ts';
import { evaluateOutput } from '../src/core/models/evaluate-output.ts';
import type { ModelArtifact } from '../src/core/models/model-artifact.ts';
import type { ModelOutput } from '../src/core/models/model-output.ts';
import { predictNetwork } from '../src/ml/predict-network.ts';
import type { RawTable } from '../src/core/table/raw-table.ts';
import { loadTable } from './load-table.ts';
import { experimentData, loadInputs } from './run-experiment.ts';
import { workerStorage } from './worker-storage.ts';

/** A run's predictions on one set, with the truth and the metrics: what the Evaluate view plots. */
export interface RunEvaluation {
  runId: string;
  name: string;
  set: 'validation' | 'test';
  task: ModelArtifact['task'];
  /** Class names in index order (binary: [negative, positive]); empty for regression. */
  classNames: string[];
  metric: string;
  rows: number;
  /** Raw row index (0-based data row of the file) of each evaluated row. */
  rowIds: Uint32Array;
  /** Class index or target value per row. */
  y: Float64Array;
  output: ModelOutput;
  metrics: Record<string, number>;
  /**
   * The evaluated rows' raw cells for every source column the model reads (segments and fairness group by
   * them): categorical for one-hot, frequency, ordinal and boolean features, numeric for numeric ones.
   */
  columns: { name: string; kind: 'categorical' | 'numeric'; cells: (string | null)[] }[];
}

/** Rebuilds a run's data from its lineage and predicts a set with its artifact, on this worker's backend. */
export async function evaluateRun(runId: string, set: 'validation' | 'test'): Promise<RunEvaluation> {
  const storage = await workerStorage();
  const run = await storage.getRun(runId);
  if (!run?.lineage || !run.pipeline || !run.artifact)
    throw new Error('Only a finished run can be evaluated (it has no model).');
  const inputs = await loadInputs({ problemId: run.lineage.problemId, recipeId: run.lineage.recipeId });
  const pipeline = run.pipeline as unknown as FittedPipeline;
  const data = await experimentData(inputs, pipeline.spec as FeatureSpec);
  const artifact = run.artifact as unknown as ModelArtifact;
  const rows = data[set];
  const output = await predictNetwork(artifact, rows.x, rows.rows);
  return {
    runId,
    name: run.name ?? run.id,
    set,
    task: artifact.task,
    classNames: data.fitted.target.kind === 'classes' ? data.fitted.target.classes : [],
    metric: run.metric ?? inputs.card.metric.name,
    rows: rows.rows,
    rowIds: data.rowIds[set],
    y: rows.y,
    output,
    metrics: evaluateOutput(artifact.task, output, rows.y),
    columns: segmentColumns(pipeline, await loadTable(inputs.dataset.id), data.rowIds[set]),
  };
}

/** Raw cells of the rows, per source column the pipeline reads, with how a segment should group it. */
function segmentColumns(
  pipeline: FittedPipeline,
  table: RawTable,
  rowIds: Uint32Array,
): RunEvaluation['columns'] {
  const out: RunEvaluation['columns'] = [];
  for (const t of pipeline.spec.transforms) {
    if (t.kind === 'drop' || t.kind === 'tfidf' || t.kind === 'datetime') continue;
    if (out.some((c) => c.name === t.column)) continue;
    const index = table.names.indexOf(t.column);
    if (index < 0) continue;
    const column = table.columns[index]!;
    out.push({
      name: t.column,
      kind: t.kind === 'numeric' ? 'numeric' : 'categorical',
      cells: Array.from(rowIds, (r) => {
        const text = column[r]!.trim();
        return text === '' ? null : text;
      }),
    });
  }
  return out;
}
