export { BundleError, type BundleErrorKind } from './bundle-error.ts';
export { bundleColumns, missingRequiredColumns } from './bundle-columns.ts';
export {
  BUNDLE_DATA_FILE,
  BUNDLE_MANIFEST_FILE,
  bundleManifestSchema,
  type BundleManifest,
} from './bundle-manifest.ts';
export { modelBundleSchema } from './bundle-schema.ts';
export { buildBundle, type BuildBundleInput } from './build-bundle.ts';
export { decodeBundle, DEFAULT_MAX_BUNDLE_BYTES, type DecodeBundleOptions } from './decode-bundle.ts';
export {
  DRIFT_NUMERIC_BINS,
  DRIFT_PROBABILITY_BINS,
  DRIFT_TOP_CATEGORIES,
  cellsOfRows,
  driftReference,
  type CategoricalColumnReference,
  type ColumnReference,
  type DriftReference,
  type NumericColumnReference,
  type PredictionReference,
} from './drift-reference.ts';
export { encodeBundle, type EncodeBundleOptions } from './encode-bundle.ts';
export { explainPrediction, type Contribution, type PredictionExplanation } from './explain-prediction.ts';
export { inputIssues, type InputIssue, type InputIssueKind } from './input-issues.ts';
export {
  BUNDLE_FORMAT,
  BUNDLE_SCHEMA_VERSION,
  DEFAULT_THRESHOLD,
  type BundleColumn,
  type BundleMetrics,
  type BundleSignature,
  type ModelBundle,
} from './model-bundle.ts';
export { parseBundle } from './parse-bundle.ts';
export { predictionsCsvHeader, predictionsCsvLines } from './predictions-csv.ts';
export { scoreBundle, scoreBundleTable, type BundlePrediction, type BundleScores } from './score-bundle.ts';
