import type { ParamSpace, ParamValue } from '../search/index.ts';
import { resolveParams, type ModelFamily, type ModelParams, type TrainedFamily } from './model-params.ts';

/**
 * The hyperparameters searched per family. Grid search takes every combination of the `choice` values;
 * random search samples the ranges. Kept small enough that a grid finishes in minutes on wasm.
 */
export const SEARCH_SPACES: Record<TrainedFamily, ParamSpace> = {
  linear: {
    l2: { kind: 'choice', values: [0, 1e-4, 1e-3] },
    learningRate: { kind: 'choice', values: [0.01, 0.03] },
    batchSize: { kind: 'choice', values: [64] },
  },
  mlp: {
    hidden: { kind: 'choice', values: [[64], [64, 32], [128, 64]] },
    dropout: { kind: 'choice', values: [0, 0.2] },
    l2: { kind: 'choice', values: [1e-5, 1e-4] },
    learningRate: { kind: 'choice', values: [0.001, 0.003] },
    batchSize: { kind: 'choice', values: [128] },
  },
  gbdt: {
    learningRate: { kind: 'choice', values: [0.05, 0.1] },
    maxLeafNodes: { kind: 'choice', values: [15, 31, 63] },
    // 20 is sklearn's default; 10 lets trees on a few hundred rows split finely enough (wine: 121 training
    // rows, 3 classes, where 20 rows a leaf left one test row of 36 wrong).
    minSamplesLeaf: { kind: 'choice', values: [10, 20] },
    l2: { kind: 'choice', values: [0, 1] },
  },
};

/** Random search samples these ranges instead of the grid's few values. */
export const RANDOM_SPACES: Record<TrainedFamily, ParamSpace> = {
  linear: {
    l2: { kind: 'loguniform', min: 1e-6, max: 1e-2 },
    learningRate: { kind: 'loguniform', min: 0.003, max: 0.05 },
    batchSize: { kind: 'choice', values: [32, 64, 128] },
  },
  mlp: {
    hidden: { kind: 'choice', values: [[32], [64], [128], [64, 32], [128, 64], [128, 64, 32]] },
    dropout: { kind: 'uniform', min: 0, max: 0.4 },
    l2: { kind: 'loguniform', min: 1e-6, max: 1e-3 },
    learningRate: { kind: 'loguniform', min: 3e-4, max: 1e-2 },
    batchSize: { kind: 'choice', values: [64, 128, 256] },
  },
  gbdt: {
    learningRate: { kind: 'loguniform', min: 0.03, max: 0.2 },
    maxLeafNodes: { kind: 'choice', values: [15, 31, 63, 127] },
    minSamplesLeaf: { kind: 'choice', values: [5, 10, 20, 40] },
    l2: { kind: 'choice', values: [0, 0.1, 1, 10] },
    colSubsample: { kind: 'uniform', min: 0.6, max: 1 },
  },
};

/** A searched configuration (plain search values) as full model params of a family. */
export function paramsFromConfig(family: ModelFamily, config: Record<string, ParamValue>): ModelParams {
  const partial: Partial<ModelParams> & { family: ModelFamily } = { family };
  for (const [key, value] of Object.entries(config)) {
    if (key === 'family') continue;
    if (key === 'batchSize') partial.batchSize = Math.round(Number(value));
    else if (key === 'maxLeafNodes' || key === 'minSamplesLeaf') partial[key] = Math.round(Number(value));
    else if (key === 'hidden') partial.hidden = (value as number[]).map(Number);
    else (partial as Record<string, unknown>)[key] = value;
  }
  return resolveParams(partial);
}
