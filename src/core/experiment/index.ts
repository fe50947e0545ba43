export { buildExperimentData } from './build-experiment-data.ts';
export type { ExperimentData, ExperimentRequest } from './build-experiment-data.ts';
export { autoExperiment } from './auto-experiment.ts';
export type { AutoExperiment, AutoExperimentOptions } from './auto-experiment.ts';
export { featureColumns } from './feature-columns.ts';
export type { ExperimentSpec, ExperimentSummary, ReproduceSummary, TrainEvent } from './train-events.ts';
export { serveFeatures } from './serve-features.ts';
export type { ServingPreprocess } from './serve-features.ts';
export { checkExperimentData, describeSplitSizes, noScoredModelError } from './check-experiment-data.ts';
