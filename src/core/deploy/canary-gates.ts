/** What a canary step observed for the challenger (and its agreement with the champion). */
export interface CanaryObservation {
  requests: number;
  errors: number;
  p95Ms: number;
  /** Share of requests where the challenger's decision equals the champion's (both scored). */
  agreement: number;
  /** The realised metric from labels that arrived, when there are enough of them. */
  realisedMetric?: number;
}

export interface CanaryGates {
  /** Most errors per request. */
  maxErrorRate: number;
  maxP95Ms: number;
  minAgreement: number;
  /** The problem card's bar for the realised metric, and its direction. */
  metricBar?: { value: number; higherIsBetter: boolean };
  /** Requests needed before a step is judged. */
  minRequests: number;
}

export const DEFAULT_GATES: CanaryGates = {
  maxErrorRate: 0.01,
  maxP95Ms: 50,
  minAgreement: 0.8,
  minRequests: 100,
};

/** The verdict of a canary step: advance, wait for more requests, or roll back (with the failed gates). */
export function judgeCanaryStep(
  observed: CanaryObservation,
  gates: CanaryGates = DEFAULT_GATES,
): { verdict: 'advance' | 'wait' | 'rollback'; failed: string[] } {
  const failed: string[] = [];
  const errorRate = observed.requests ? observed.errors / observed.requests : 0;
  // An error storm fails at once; the other gates need enough requests to mean something.
  if (errorRate > gates.maxErrorRate && observed.errors >= 3)
    failed.push(`error rate ${(errorRate * 100).toFixed(1)}% > ${(gates.maxErrorRate * 100).toFixed(1)}%`);
  if (observed.requests >= gates.minRequests) {
    if (observed.p95Ms > gates.maxP95Ms)
      failed.push(`p95 latency ${observed.p95Ms.toFixed(1)} ms > ${gates.maxP95Ms} ms`);
    if (observed.agreement < gates.minAgreement)
      failed.push(
        `agreement with the champion ${(observed.agreement * 100).toFixed(1)}% < ${(gates.minAgreement * 100).toFixed(0)}%`,
      );
    const bar = gates.metricBar;
    if (bar && observed.realisedMetric !== undefined) {
      const ok = bar.higherIsBetter
        ? observed.realisedMetric >= bar.value
        : observed.realisedMetric <= bar.value;
      if (!ok)
        failed.push(`realised metric ${observed.realisedMetric.toFixed(4)} misses the bar ${bar.value}`);
    }
  }
  if (failed.length) return { verdict: 'rollback', failed };
  return { verdict: observed.requests >= gates.minRequests ? 'advance' : 'wait', failed };
}
