export { METRICS, describeMetric, metricInfo, validateProblemCard } from './problem-card.ts';
export type { MetricName, ProblemCard, SuccessMetric, TaskType } from './problem-card.ts';
