import { buildBundle, cellsOfRows, driftReference, type ModelBundle } from '../bundle/index.ts';
import { predictArtifact } from '../models/predict-artifact.ts';
import { RECORD_SCHEMA_VERSION, type Id, type RunLineage, type RunRecord } from '../records.ts';
import type { RetrainChallenger } from './retrain-outcome.ts';

export interface ChallengerRunInput {
  challenger: RetrainChallenger;
  champion: ModelBundle;
  /** The champion's version number, for the run's name. */
  championVersion: number;
  /** The batch the challenger was retrained on, as a stored dataset of the project. */
  batch: { datasetId: Id; datasetSha256: string };
  id: Id;
  projectId: Id;
  sweepId: Id;
  createdAt: number;
  finishedAt: number;
  environment: Record<string, string | number>;
}

/**
 * The finished run a retrain stores for its challenger. Its lineage is the champion's dataset, problem and
 * recipe with the challenger's own pipeline, rows and test-rows hash, and every batch appended so far (the
 * champion's own, then this one): what evaluation, the parity check and packaging rebuild its data from.
 */
export function challengerRun(input: ChallengerRunInput): RunRecord {
  const { challenger, champion } = input;
  const metric = champion.problem.metric.name;
  const { runId: _championRunId, ...championLineage } = champion.lineage;
  const lineage: RunLineage = {
    ...championLineage,
    recipeHash: challenger.lineage.recipeHash,
    pipelineVersion: challenger.lineage.pipelineVersion,
    testRowsHash: challenger.lineage.testRowsHash,
    rows: challenger.lineage.rows,
    appended: [...(champion.lineage.appended ?? []), input.batch],
  };
  return {
    schemaVersion: RECORD_SCHEMA_VERSION,
    id: input.id,
    projectId: input.projectId,
    createdAt: input.createdAt,
    sweepId: input.sweepId,
    finishedAt: input.finishedAt,
    status: 'finished',
    params: challenger.params as unknown as Record<string, unknown>,
    seed: challenger.seed,
    history: challenger.history as unknown as Record<string, number>[],
    metrics: challenger.metrics.validation,
    test: challenger.metrics.test,
    environment: input.environment,
    name: `retrained v${input.championVersion} #${challenger.trial}`,
    metric,
    score: challenger.metrics.validation[metric] ?? NaN,
    bestEpoch: challenger.bestEpoch,
    lineage,
    artifact: challenger.artifact as unknown as Record<string, unknown>,
    pipeline: challenger.pipeline as unknown as Record<string, unknown>,
    recipeFitted: challenger.recipeFitted as unknown as Record<string, unknown>,
  };
}

/**
 * The challenger's bundle: the champion's problem, signature, example and threshold, the challenger's
 * recipe, pipeline and weights, and the drift reference of the rows it trained on (old and new). The
 * model's output on its own training matrix is the reference prediction: no second pass of the rows
 * through the recipe and pipeline.
 */
export function challengerBundle(
  run: RunRecord,
  champion: ModelBundle,
  challenger: RetrainChallenger,
  id: Id,
  createdAt: number,
): ModelBundle {
  const columns = champion.signature.columns;
  return buildBundle({
    run,
    problem: champion.problem,
    recipeSteps: challenger.recipe.steps,
    signature: champion.signature,
    example: champion.example,
    threshold: champion.threshold,
    reference: driftReference(
      columns,
      cellsOfRows(challenger.table, columns, challenger.rowIds.train),
      predictArtifact(challenger.artifact, challenger.train.x, challenger.train.rows),
    ),
    id,
    createdAt,
    name: run.name!,
  });
}
