export { DEFAULT_GATES, judgeCanaryStep } from './canary-gates.ts';
export type { CanaryGates, CanaryObservation } from './canary-gates.ts';
export { CanaryStepStats, MIN_LABELS_FOR_METRIC, sameDecision, STEP_WINDOW } from './canary-step.ts';
export type { ChallengerRequest } from './canary-step.ts';
export {
  canaryDecision,
  DeploymentError,
  planChange,
  SINGLE,
  type AliasState,
  type DeploymentAction,
  type DeploymentChange,
  type DeploymentPlan,
} from './deployment-plan.ts';
export { describeAliasMove } from './describe-alias-move.ts';
export { LatencyTracker } from './latency-tracker.ts';
export {
  realisedMetric,
  type LabelledOutput,
  type MetricContext,
  type ServedOutput,
} from './realised-metric.ts';
export { routeHash } from './route-hash.ts';
export { serveRequest, type Arm, type ArmAnswer, type RequestOutcome, type Role } from './serve-request.ts';
export { CANARY_STEPS, nextCanaryStep, routeRequest } from './strategy.ts';
export type { Route, Strategy } from './strategy.ts';
export { safeCsvCell } from './safe-csv-cell.ts';
