// Data drift (LIFECYCLE.md §7): two-sample statistics that agree with scipy 1.10 / numpy 1.24 on the drift
// oracle's fixtures (test/fixtures/drift, from ../shared/data/oracles/drift_oracle.py), Evidently's per-feature
// test choice, and the dataset verdict. Pure TypeScript: runs in workers, the page and Node (`looplab drift`,
// `looplab drift-stats`).
export { categoryCounts } from './category-counts.ts';
export type { CategoryCounts } from './category-counts.ts';
export { categoricalDriftStats } from './categorical-drift-stats.ts';
export type { CategoricalDriftStats } from './categorical-drift-stats.ts';
export { chiSquareSf, chiSquareTwoSample } from './chi-square.ts';
export type { ChiSquareResult } from './chi-square.ts';
export {
  chooseDriftTest,
  DISCRETE_MAX_DISTINCT,
  DISTANCE_THRESHOLD,
  isDrift,
  P_VALUE_THRESHOLD,
  SMALL_REFERENCE_ROWS,
} from './choose-drift-test.ts';
export type { DriftTest } from './choose-drift-test.ts';
export { DATASET_DRIFT_SHARE, datasetDrift } from './dataset-drift.ts';
export type { DatasetDrift } from './dataset-drift.ts';
export { driftKind } from './drift-kind.ts';
export type { DriftKind } from './drift-kind.ts';
export { featureDrift, MIN_WINDOW_VALUES } from './feature-drift.ts';
export type { FeatureDrift, FeatureDriftOptions, MaybeNumber, MaybeString } from './feature-drift.ts';
export { jensenShannonBoth, jensenShannonDistance } from './jensen-shannon.ts';
export { kolmogorovCdfDurbin } from './kolmogorov-durbin.ts';
export { kolmogorovCdfPelzGood } from './kolmogorov-pelz-good.ts';
export { kolmogorovCdfPomeranz } from './kolmogorov-pomeranz.ts';
export { kolmogorovSf } from './kolmogorov-sf.ts';
export { gcd, ksExactPValue, roundHalfEven } from './ks-exact.ts';
export type { KsExactResult } from './ks-exact.ts';
export { KS_MAX_EXACT_N, ksTwoSample } from './ks-two-sample.ts';
export type { KsMethod, KsResult } from './ks-two-sample.ts';
export { numericDriftStats } from './numeric-drift-stats.ts';
export type { NumericDriftStats } from './numeric-drift-stats.ts';
export { driftReport, parseDriftInput } from './oracle-report.ts';
export type { CategoricalDriftReport, DriftInput, DriftReport, NumericDriftReport } from './oracle-report.ts';
export { pairwiseMean, pairwiseSum, standardDeviation } from './pairwise-sum.ts';
export { psi, psiBand, PSI_EPSILON, PSI_MODERATE, PSI_SIGNIFICANT } from './psi.ts';
export type { PsiBand, PsiResult } from './psi.ts';
export { binCounts, binEdges } from './quantile-bins.ts';
export { smirnovSf } from './smirnov-sf.ts';
export { tableDrift } from './table-drift.ts';
export type { TableDriftOptions } from './table-drift.ts';
export { normedWasserstein, WASSERSTEIN_STD_FLOOR, wassersteinDistance } from './wasserstein-distance.ts';
export type { NormedWasserstein } from './wasserstein-distance.ts';
