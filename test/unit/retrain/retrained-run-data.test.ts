// Issue 15, point 3: a run the retrain stores must evaluate, pass the serving-parity check and score like
// its bundle. The retrained sample challenger could not: evaluation rebuilt its data from the old dataset
// alone, so the refitted pipeline had other columns ("the tensor should have 10395 values but has 9801")
// and 11,742 feature values differed from the serving path. Here the new batch brings a category the old
// rows never had, which is what changes the one-hot columns; the run's data is rebuilt from what its
// lineage names, with the same code the train worker's runData uses.
import { beforeAll, describe, expect, it } from 'vitest';
import { initNodeBackend } from '../../../src/cli/tf-node.ts';
import { scoreBundleTable, type ModelBundle } from '../../../src/core/bundle/index.ts';
import { buildExperimentData, serveFeatures } from '../../../src/core/experiment/index.ts';
import { pipelineVersion, type FeatureSpec } from '../../../src/core/features/index.ts';
import { evaluateOutput } from '../../../src/core/models/evaluate-output.ts';
import { predictArtifact } from '../../../src/core/models/predict-artifact.ts';
import { challengerBundle, challengerRun } from '../../../src/core/retrain/challenger-records.ts';
import { buildAppendedData, pickRows, type RetrainOutcome } from '../../../src/core/retrain/index.ts';
import type { RawTable } from '../../../src/core/table/raw-table.ts';
import { runRetrainLoop } from '../../../src/ml/retrain-loop.ts';
import { syntheticTable, trainChampion, type Champion } from './champion-fixture.ts';

beforeAll(async () => {
  await initNodeBackend('cpu');
});

function completed(outcome: RetrainOutcome) {
  if (outcome.status !== 'completed') throw new Error(`expected a completed loop, got ${outcome.status}`);
  return outcome;
}

const bits = (x: Float32Array) => Array.from(new Uint32Array(x.buffer, x.byteOffset, x.length));

/** What the worker stores after a completed retrain: the run, then the bundle built from it. */
function stored(outcome: Extract<RetrainOutcome, { status: 'completed' }>, champion: ModelBundle, n: number) {
  const run = challengerRun({
    challenger: outcome.challenger,
    champion,
    championVersion: n,
    batch: { datasetId: `batch-${n}`, datasetSha256: `${n}`.repeat(64) },
    id: `retrained-${n}`,
    projectId: 'project-1',
    sweepId: `sweep-${n}`,
    createdAt: 1,
    finishedAt: 2,
    environment: {},
  });
  return { run, bundle: challengerBundle(run, champion, outcome.challenger, `bundle-${n + 1}`, 2) };
}

/**
 * The checks every stored retrained run must pass, on data rebuilt from its lineage: the same pipeline
 * version and matrix as the retrain's, predictions that give its stored test metrics, serving features equal
 * to the training matrix bit for bit, and the bundle scoring the test rows as the model does.
 */
function checkRebuilt(
  run: ReturnType<typeof challengerRun>,
  bundle: ModelBundle,
  outcome: Extract<RetrainOutcome, { status: 'completed' }>,
  base: Champion,
  batches: RawTable[],
) {
  const { challenger } = outcome;
  const rebuilt = buildAppendedData({
    features: challenger.pipeline.spec as FeatureSpec,
    recipe: { steps: challenger.recipe.steps },
    split: base.split,
    testRowsHash: run.lineage!.testRowsHash,
    base: base.table,
    batches,
  });
  const { data, table } = rebuilt;
  expect(pipelineVersion(data.fitted)).toBe(run.lineage!.pipelineVersion);
  expect(data.cols).toBe(challenger.pipeline.outputs.length);
  expect(bits(data.train.x)).toEqual(bits(challenger.train.x));
  expect([...data.rowIds.test]).toEqual([...challenger.rowIds.test]);

  // Evaluate: the artifact on the rebuilt sealed test rows gives the metrics stored with the run.
  const output = predictArtifact(challenger.artifact, data.test.x, data.test.rows);
  expect(evaluateOutput('binary', output, data.test.y)).toEqual(run.test);

  // Parity: raw training rows through the serving path give the training matrix, bit for bit.
  const records = Array.from(data.rowIds.train, (r) =>
    Object.fromEntries(table.names.map((name, c) => [name, table.columns[c]![r]!])),
  );
  const served = serveFeatures(
    { recipe: challenger.recipe, recipeFitted: challenger.recipeFitted, pipeline: challenger.pipeline },
    records,
    table.names,
  );
  expect(served.rows).toBe(data.train.rows);
  expect(bits(served.values)).toEqual(bits(data.train.x));

  // The bundle scores the raw test rows as the model scored the matrix.
  const scored = scoreBundleTable(bundle, pickRows(table, data.rowIds.test)).output;
  expect(Array.from(scored.values)).toEqual(Array.from(output.values));
  return rebuilt;
}

describe('a retrained run rebuilt from its lineage', () => {
  it('evaluates, passes parity and scores like its bundle, also when retrained twice', async () => {
    const champion = await trainChampion(syntheticTable(500, 1), { seed: 7 });
    // New rows bring segment D, which the old rows never had: the one-hot columns grow.
    const batch = syntheticTable(400, 2, { segments: ['A', 'B', 'C', 'D'] });
    const first = completed(
      await runRetrainLoop({
        champion: champion.bundle,
        oldTable: champion.table,
        split: champion.split,
        batch,
        seed: 11,
        championSeed: champion.runSeed,
      }),
    );
    const one = stored(first, champion.bundle, 1);
    expect(one.run.lineage!.appended).toEqual([{ datasetId: 'batch-1', datasetSha256: '1'.repeat(64) }]);

    // What evaluation did before: the pipeline refitted on the old dataset alone has fewer columns than
    // the model reads, so its predictions could not even be computed.
    const oldWay = buildExperimentData(champion.table, {
      recipe: { steps: champion.bundle.recipe.steps },
      split: champion.split,
      features: first.challenger.pipeline.spec as FeatureSpec,
    });
    expect(oldWay.cols).toBeLessThan(first.challenger.pipeline.outputs.length);
    expect(pipelineVersion(oldWay.fitted)).not.toBe(one.run.lineage!.pipelineVersion);

    checkRebuilt(one.run, one.bundle, first, champion, [batch]);

    // The retrained version becomes the champion and is retrained again: the next batch joins the old rows
    // and the first batch, and the second run's lineage names both batches.
    const batch2 = syntheticTable(300, 3, { segments: ['A', 'B', 'C', 'D', 'E'] });
    const second = completed(
      await runRetrainLoop({
        champion: one.bundle,
        oldTable: champion.table,
        earlierBatches: [batch],
        split: champion.split,
        batch: batch2,
        seed: 12,
        championSeed: one.run.seed,
      }),
    );
    expect(second.newRows.batch).toBe(300);
    const two = stored(second, one.bundle, 2);
    expect(two.run.lineage!.appended!.map((b) => b.datasetId)).toEqual(['batch-1', 'batch-2']);
    const rebuilt = checkRebuilt(two.run, two.bundle, second, champion, [batch, batch2]);
    // Old rows, then the first batch's, then the second's: 500 + 400 + 300, none left out.
    expect(rebuilt.table.columns[0]!.length).toBe(1200);
    // The champion of the second retrain is scored on the same sealed rows as the first champion.
    expect([...second.challenger.rowIds.test]).toEqual([...champion.testRows]);
  });
});
