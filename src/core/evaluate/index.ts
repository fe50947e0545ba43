// Evaluate and validate (LIFECYCLE.md §5): segments, fairness, stability across seeds, champion vs
// challenger with the corrected paired t-test, edge-case probes and the model card. Pure TypeScript: runs in
// the page, the workers and Node.
export type { CardBlock } from './card-blocks.ts';
export { compareChallenger } from './champion-challenger.ts';
export type { ChallengerComparison, ChallengerDecision, ComparisonCheck } from './champion-challenger.ts';
export { correctedPairedTTest } from './corrected-t-test.ts';
export type { CorrectedTTestInput, CorrectedTTestResult } from './corrected-t-test.ts';
export { DIFFERENCE_LIMIT, DISPARATE_IMPACT_LIMIT, fairnessReport } from './fairness.ts';
export type { FairnessFlag, FairnessGroup, FairnessOptions, FairnessReport } from './fairness.ts';
export { evaluationColumn, evaluationColumns } from './evaluation-columns.ts';
export { formatNumber } from './format-number.ts';
export { metricLabel } from './metric-label.ts';
export { metricsForRows, outputRows } from './metrics-for-rows.ts';
export { escapeHtml, escapeMarkdown, modelCardHtml, modelCardMarkdown } from './model-card.ts';
export { modelCardBlocks } from './model-card-blocks.ts';
export type { ModelCardData } from './model-card-data.ts';
export { checkProbeOutput, edgeCaseProbes, FAR_SDS, probeErrorReport, UNSEEN_CATEGORY } from './probes.ts';
export type { Probe, ProbeColumn, ProbeReport } from './probes.ts';
export { binIndex, quantileBins } from './quantile-bins.ts';
export type { QuantileBins } from './quantile-bins.ts';
export { isMissingCell, MISSING_LABEL } from './segment-column.ts';
export type { SegmentColumn } from './segment-column.ts';
export { segmentMetrics, segmentTolerance } from './segments.ts';
export type { Segment, SegmentOptions, SegmentReport } from './segments.ts';
export { summarizeSeeds } from './stability.ts';
export type { SeedSummary } from './stability.ts';
