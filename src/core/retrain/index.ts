export { appendRows, pickRows } from './append-rows.ts';
export { neighbourParams } from './neighbour-params.ts';
export type {
  CellExample,
  NewDataIssue,
  NewDataIssueKind,
  NewDataReport,
  ValueCount,
} from './new-data-report.ts';
export { buildAppendedData, buildRetrainData, championData } from './retrain-data.ts';
export type { AppendedDataRequest, NewRowsPlacement, RetrainData, RetrainDataInput } from './retrain-data.ts';
export { blockedDecision, decideRetrain } from './retrain-decision.ts';
export type { RetrainComparisonInput } from './retrain-decision.ts';
export type {
  ChampionScores,
  RetrainChallenger,
  RetrainComparison,
  RetrainDecision,
  RetrainOutcome,
  RetrainStep,
  RetrainStepName,
  RetrainTrial,
} from './retrain-outcome.ts';
export { scoreSealedTest } from './score-sealed-test.ts';
export type { SealedTestInput, SealedTestScores } from './score-sealed-test.ts';
export { DEFAULT_ISSUE_EXAMPLES, DEFAULT_TYPE_CHANGE_SHARE, validateNewData } from './validate-new-data.ts';
export type { ValidateNewDataOptions } from './validate-new-data.ts';
