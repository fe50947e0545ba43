import { evaluationColumns, type SegmentColumn } from '../src/core/evaluate/index.ts';
import type { FittedPipeline } from '../src/core/features/index.ts';
import { evaluateOutput } from '../src/core/models/evaluate-output.ts';
import type { ModelArtifact } from '../src/core/models/model-artifact.ts';
import type { ModelOutput } from '../src/core/models/model-output.ts';
import { predictNetwork } from '../src/ml/predict-network.ts';
import { runData } from './run-data.ts';
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
   * The evaluated rows' values for every source column the model reads, as segments and fairness group
   * them: after the recipe, with the raw spellings behind each value (see evaluationColumns).
   */
  columns: SegmentColumn[];
}

/** Rebuilds a run's data from its lineage and predicts a set with its artifact, on this worker's backend. */
export async function evaluateRun(runId: string, set: 'validation' | 'test'): Promise<RunEvaluation> {
  const storage = await workerStorage();
  const run = await storage.getRun(runId);
  if (!run?.lineage || !run.pipeline || !run.artifact)
    throw new Error('Only a finished run can be evaluated (it has no model).');
  const { inputs, data, table } = await runData(run);
  const pipeline = run.pipeline as unknown as FittedPipeline;
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
    columns: evaluationColumns(pipeline, data, table, set),
  };
}
