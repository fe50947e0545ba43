import { ensembleArtifact } from '../core/models/ensemble-artifact.ts';
import { evaluateOutput, metricScorer } from '../core/models/evaluate-output.ts';
import { fitBaseline } from '../core/models/fit-baseline.ts';
import type { EnsembleMember, ModelArtifact } from '../core/models/model-artifact.ts';
import type { ModelParams } from '../core/models/model-params.ts';
import { predictArtifact } from '../core/models/predict-artifact.ts';
import type { EpochRecord, TrainingData } from '../core/models/training-data.ts';
import type { MetricName } from '../core/problem/problem-card.ts';
import { createRng } from '../core/random.ts';
import { concatSets } from './auto-search.ts';
import { createTrainer } from './create-trainer.ts';

export interface RetrainResult {
  artifact: ModelArtifact;
  history: EpochRecord[];
  bestEpoch: number;
  validation: Record<string, number>;
}

/**
 * Trains one configuration from its recorded params and seed, for `epochs` epochs (the number the original
 * run trained, halving rungs included: continuing a trainer is the same as training straight through). This
 * is how a run is reproduced from its record.
 */
export async function retrainRun(
  data: TrainingData,
  params: ModelParams,
  seed: number,
  epochs: number,
  metric: MetricName,
  onEpoch?: (record: EpochRecord) => void,
  members?: readonly EnsembleMember[],
): Promise<RetrainResult> {
  if (params.family === 'ensemble') return retrainEnsemble(data, params, seed, metric, members);
  // A refit trained on every non-test row: the validation rows too.
  const rows = params.refit ? { ...data, train: concatSets(data.train, data.validation, data.cols) } : data;
  if (params.family === 'baseline') {
    const artifact = fitBaseline(data.task, rows.train.y, data.classes, data.cols);
    const output = predictArtifact(artifact, data.validation.x, data.validation.rows);
    return {
      artifact,
      history: [],
      bestEpoch: 0,
      validation: evaluateOutput(data.task, output, data.validation.y),
    };
  }
  const options = { score: metricScorer(data.task, metric), ...(onEpoch ? { onEpoch } : {}) };
  const { trainer, dispose } = createTrainer(rows, params, seed, options);
  try {
    await trainer.trainTo(epochs);
    await trainer.finish();
    const output = await trainer.predict(data.validation.x, data.validation.rows);
    return {
      artifact: await trainer.artifact(),
      history: trainer.history,
      bestEpoch: trainer.bestEpoch,
      validation: evaluateOutput(data.task, output, data.validation.y),
    };
  } finally {
    dispose();
  }
}

/**
 * An ensemble retrained: every member from its own params and seed (a member's seed is the ensemble's
 * recorded one when `seed` is the ensemble's; otherwise forked from `seed`, for stability across seeds),
 * with the same weights. Reproducing it therefore reproduces every member.
 */
async function retrainEnsemble(
  data: TrainingData,
  params: ModelParams,
  seed: number,
  metric: MetricName,
  members: readonly EnsembleMember[] | undefined,
): Promise<RetrainResult> {
  if (!members?.length) throw new Error('Retraining an ensemble needs its members.');
  const trained: EnsembleMember[] = [];
  for (const [i, member] of members.entries()) {
    const memberSeed =
      member.seed !== undefined && seed === member.ensembleSeed ? member.seed : forkSeed(seed, i);
    const run = await retrainRun(
      data,
      member.artifact.params,
      memberSeed,
      member.artifact.params.epochs,
      metric,
    );
    trained.push({ ...member, seed: memberSeed, artifact: run.artifact });
  }
  const artifact = ensembleArtifact(data, params, trained);
  const output = predictArtifact(artifact, data.validation.x, data.validation.rows);
  return {
    artifact,
    history: [],
    bestEpoch: 0,
    validation: evaluateOutput(data.task, output, data.validation.y),
  };
}

function forkSeed(seed: number, member: number): number {
  return createRng(seed).fork(`member ${member}`).uint32();
}
