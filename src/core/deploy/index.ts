export { DEFAULT_GATES, judgeCanaryStep } from './canary-gates.ts';
export type { CanaryGates, CanaryObservation } from './canary-gates.ts';
export { LatencyTracker } from './latency-tracker.ts';
export { routeHash } from './route-hash.ts';
export { CANARY_STEPS, nextCanaryStep, routeRequest } from './strategy.ts';
export type { Route, Strategy } from './strategy.ts';
export { safeCsvCell } from './safe-csv-cell.ts';
