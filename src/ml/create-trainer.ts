import type { ModelParams } from '../core/models/model-params.ts';
import type { TrainingData } from '../core/models/training-data.ts';
import { GbdtTrainer } from './gbdt-trainer.ts';
import { LinearTrainer } from './linear-trainer.ts';
import { NetworkTrainer, type TrainerOptions } from './network-trainer.ts';
import { TrainTensors } from './train-tensors.ts';

export type Trainer = NetworkTrainer | GbdtTrainer | LinearTrainer;

/**
 * The trainer for a configuration: trees, a linear model solved exactly (params with C or alpha), or a
 * network trained by SGD on tfjs (MLPs, and linear runs recorded before the exact solver). `tensors` are
 * shared by the networks of one search; without them a network gets its own, disposed with the trainer.
 */
export function createTrainer(
  data: TrainingData,
  params: ModelParams,
  seed: number,
  options: TrainerOptions,
  tensors?: TrainTensors,
): { trainer: Trainer; dispose: () => void } {
  if (params.family === 'gbdt') {
    const trainer = new GbdtTrainer(data, params, seed, options);
    return { trainer, dispose: () => trainer.dispose() };
  }
  if (params.family === 'linear' && (params.C !== undefined || params.alpha !== undefined)) {
    const trainer = new LinearTrainer(data, params, options);
    return { trainer, dispose: () => trainer.dispose() };
  }
  if (params.family !== 'linear' && params.family !== 'mlp')
    throw new Error(`No trainer trains a ${params.family} model.`);
  const own = tensors ? null : new TrainTensors(data);
  const trainer = new NetworkTrainer(tensors ?? own!, params, seed, options);
  return {
    trainer,
    dispose: () => {
      trainer.dispose();
      own?.dispose();
    },
  };
}
