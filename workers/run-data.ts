/**
 * A stored run's data, rebuilt from its lineage: the one way evaluation, the parity check, probes,
 * stability, reruns and packaging get the matrices a run trained on. A run from an experiment is its
 * dataset, recipe and split; a retrained run also names the batches appended to that dataset, and its data
 * is rebuilt with them (`buildAppendedData`), since its pipeline was fitted on old and new rows together.
 * Rebuilding it from the dataset alone gave a pipeline with other columns (the retrained sample
 * challenger's 35 features against 33), so it could be neither evaluated nor checked for parity.
 */
import type { ExperimentData } from '../src/core/experiment/index.ts';
import type { FeatureSpec, FittedPipeline } from '../src/core/features/index.ts';
import type { RunRecord } from '../src/core/records.ts';
import { recipeVersion, type Recipe } from '../src/core/recipe/index.ts';
import { buildAppendedData } from '../src/core/retrain/index.ts';
import type { RawTable } from '../src/core/table/raw-table.ts';
import { loadTable } from './load-table.ts';
import { experimentData, loadInputs, type Inputs } from './run-experiment.ts';
import { workerStorage } from './worker-storage.ts';

export interface RunData {
  inputs: Inputs;
  data: ExperimentData;
  /** The raw rows the data's row ids index: the dataset, plus the appended batches' rows for a retrained run. */
  table: RawTable;
}

/** The last retrained run's data, by its lineage and spec: the Evaluate tab asks for it several times. */
let lastAppended: { key: string; value: RunData } | undefined;

/** The run's data, rebuilt from its lineage (see the module comment). */
export async function runData(run: RunRecord): Promise<RunData> {
  const lineage = run.lineage;
  if (!lineage || !run.pipeline) throw new Error('Only a finished run has the lineage to rebuild its data.');
  const inputs = await loadInputs({ problemId: lineage.problemId, recipeId: lineage.recipeId });
  const spec = (run.pipeline as unknown as FittedPipeline).spec as FeatureSpec;
  const appended = lineage.appended ?? [];
  if (appended.length === 0) {
    const data = await experimentData(inputs, spec);
    return { inputs, data, table: await loadTable(inputs.dataset.id) };
  }
  const key = JSON.stringify([inputs.dataset.id, inputs.recipe.id, lineage.testRowsHash, appended, spec]);
  if (lastAppended?.key === key) return lastAppended.value;
  const steps = inputs.recipe.steps as unknown as Recipe['steps'];
  if (recipeVersion({ steps }) !== lineage.recipeHash)
    throw new Error(
      `The recipe version ${lineage.recipeVersion} stored now is not the one this run was trained with.`,
    );
  const storage = await workerStorage();
  const base = await loadTable(inputs.dataset.id);
  const batches: RawTable[] = [];
  for (const { datasetId, datasetSha256 } of appended) {
    const dataset = await storage.getDataset(datasetId);
    if (!dataset)
      throw new Error('A batch this run was retrained on is no longer stored (its dataset was deleted).');
    if (dataset.sha256 !== datasetSha256)
      throw new Error(`The batch "${dataset.name}" stored now is not the one this run was retrained on.`);
    batches.push(await loadTable(datasetId));
  }
  const built = buildAppendedData({
    features: spec,
    recipe: { steps },
    split: inputs.split.request,
    testRowsHash: lineage.testRowsHash,
    base,
    batches,
  });
  const value = { inputs, data: built.data, table: built.table };
  lastAppended = { key, value };
  return value;
}
