import { evaluateOutput, metricScorer } from '../core/models/evaluate-output.ts';
import { fitBaseline } from '../core/models/fit-baseline.ts';
import type { ModelArtifact } from '../core/models/model-artifact.ts';
import type { ModelParams } from '../core/models/model-params.ts';
import { predictArtifact } from '../core/models/predict-artifact.ts';
import type { EpochRecord, TrainingData } from '../core/models/training-data.ts';
import type { MetricName } from '../core/problem/problem-card.ts';
import { GbdtTrainer } from './gbdt-trainer.ts';
import { NetworkTrainer } from './network-trainer.ts';
import { TrainTensors } from './train-tensors.ts';

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
): Promise<RetrainResult> {
  if (params.family === 'baseline') {
    const artifact = fitBaseline(data.task, data.train.y, data.classes, data.cols);
    const output = predictArtifact(artifact, data.validation.x, data.validation.rows);
    return {
      artifact,
      history: [],
      bestEpoch: 0,
      validation: evaluateOutput(data.task, output, data.validation.y),
    };
  }
  const options = { score: metricScorer(data.task, metric), ...(onEpoch ? { onEpoch } : {}) };
  // Trees need no tensors; they are deterministic for their seed and stop where early stopping says.
  const tensors = params.family === 'gbdt' ? null : new TrainTensors(data);
  const trainer = tensors
    ? new NetworkTrainer(tensors, params, seed, options)
    : new GbdtTrainer(data, params, seed, options);
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
    trainer.dispose();
    tensors?.dispose();
  }
}
