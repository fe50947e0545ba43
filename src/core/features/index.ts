export { encodeTarget } from './encode-target.ts';
export { featureSpecSchema, featureTransformSchema, parseFeatureSpec } from './feature-spec-schema.ts';
export { DATE_PARTS } from './feature-spec.ts';
export type { DatePart, FeatureSpec, FeatureTransform, FeatureTransformKind } from './feature-spec.ts';
export {
  fittedPipelineSchema,
  parseFittedPipeline,
  validateFittedPipeline,
} from './feature-pipeline-schema.ts';
export type { FittedPipelineValidation } from './feature-pipeline-schema.ts';
export { recordsSource, tableSource } from './feature-source.ts';
export type { FeatureSource } from './feature-source.ts';
export { FeatureValidationError } from './feature-validation-error.ts';
export type { FeatureIssue } from './feature-validation-error.ts';
export { fitFeaturePipeline } from './fit-feature-pipeline.ts';
export type * from './fitted-pipeline.ts';
export { MissingColumnError } from './missing-column-error.ts';
export { permutationImportance } from './permutation-importance.ts';
export type { ColumnImportance, PermutationImportanceOptions } from './permutation-importance.ts';
export { pipelineVersion } from './pipeline-version.ts';
export {
  DEFAULT_ONEHOT_TOP_K,
  DEFAULT_TFIDF_VOCABULARY,
  suggestedDateParts,
  suggestFeatures,
} from './suggest-features.ts';
export { tokenize } from './tokenize.ts';
export { transform } from './transform.ts';
export type { FeatureMatrix } from './transform.ts';
export { keepMissingNumbers } from './keep-missing.ts';
