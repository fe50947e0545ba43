export {
  DEFAULT_PARAMS,
  describeParams,
  FAMILY_LABELS,
  MODEL_FAMILIES,
  resolveParams,
} from './model-params.ts';
export type { ModelFamily, ModelParams } from './model-params.ts';
export type { ModelArtifact, WeightTensor } from './model-artifact.ts';
export { predictArtifact } from './predict-artifact.ts';
export { fitBaseline } from './fit-baseline.ts';
export { outputFromLogits } from './predict-artifact.ts';
export type { ModelOutput } from './model-output.ts';
export { evaluateOutput, metricScorer, scoreToMetric } from './evaluate-output.ts';
export type { EpochRecord, MatrixSet, TrainingData } from './training-data.ts';
export { paramsFromConfig, RANDOM_SPACES, SEARCH_SPACES } from './search-spaces.ts';
export type { TrialResult } from './trial-result.ts';
export { searchConfigs } from './search-configs.ts';
export type { SearchChoice } from './search-configs.ts';
export {
  ACCEPTS_MISSING,
  columnsWithMissing,
  familiesForData,
  MissingFeaturesError,
} from './missing-features.ts';
