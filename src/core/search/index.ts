// Hyperparameter search (LIFECYCLE.md §4): grid and random configurations, and successive halving under a
// time budget. Pure, deterministic scheduling; the training itself is a caller-supplied async function.
export { GRID_POINTS_PER_RANGE, gridConfigs, gridValues, MAX_GRID_CONFIGS } from './grid-configs.ts';
export { leaderboard } from './leaderboard.ts';
export type { LeaderboardEntry } from './leaderboard.ts';
export { checkParamSpace } from './param-space.ts';
export type { ParamConfig, ParamSpace, ParamSpec, ParamValue } from './param-space.ts';
export { randomConfigs } from './random-configs.ts';
export { halvingRungs, rungResource, successiveHalving } from './successive-halving.ts';
export type { HalvingOutcome, HalvingPlan, HalvingResult, SearchCallbacks } from './successive-halving.ts';
export { compareByScore } from './trial.ts';
export type { Trial, TrialEvaluation } from './trial.ts';
