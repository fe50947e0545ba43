import type { FittedPipeline } from '../src/core/features/index.ts';
import type { FittedValues, Recipe } from '../src/core/recipe/index.ts';
import { runData } from './run-data.ts';
import { workerStorage } from './worker-storage.ts';

/**
 * The first `count` training rows of a run, twice: as raw rows from the file (what a caller would send to
 * the serve worker) and as the rows of the matrix the model trained on. Comparing the two proves the serving
 * path gives bit-identical features (LIFECYCLE §3, the feature store's promise).
 */
export async function parityRows(runId: string, count: number) {
  const storage = await workerStorage();
  const run = await storage.getRun(runId);
  if (!run?.lineage || !run.pipeline || !run.recipeFitted)
    throw new Error('Only a finished run has the fitted pipeline and recipe to check.');
  const { inputs, data, table } = await runData(run);
  const pipeline = run.pipeline as unknown as FittedPipeline;
  const n = Math.min(count, data.train.rows);
  const records = Array.from(data.rowIds.train.subarray(0, n), (r) =>
    Object.fromEntries(table.names.map((name, c) => [name, table.columns[c]![r]!])),
  );
  return {
    columns: table.names,
    records,
    training: data.train.x.slice(0, n * data.cols),
    cols: data.cols,
    model: {
      recipe: { steps: inputs.recipe.steps } as unknown as Recipe,
      recipeFitted: run.recipeFitted as unknown as FittedValues,
      pipeline,
    },
  };
}
