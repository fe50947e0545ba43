import type { MonitorSettings } from './monitor-defaults.ts';

/** What the alert rules look at: the newest judged window's figures (any may be absent). */
export interface AlertInputs {
  /** Start of the window the figures come from: an alert fires once per kind and window. */
  windowStart: number;
  p95Ms?: number;
  drift?: { shareDrifted: number; features: { name: string; psi: number; counted: boolean }[] };
  /** Binary tasks: the window's positive rate and the training one. */
  positiveRate?: { current: number; reference: number };
  /** The realised metric, the problem card's target, and the metric's direction. */
  realised?: { metric: string; value: number; target: number; higherIsBetter: boolean };
}

export interface FiredAlert {
  kind: 'latency' | 'drift-share' | 'feature-psi' | 'positive-rate' | 'realised-metric';
  message: string;
  /** Deduplication key: one alert per kind and window. */
  key: string;
  data: Record<string, unknown>;
}

/**
 * The alerts the user's thresholds call for (LIFECYCLE §7): p95 latency, drift share, any feature's PSI,
 * a moved positive rate, and a realised metric below the card's target. Pure; the caller drops the ones
 * whose key already fired and stores the rest.
 */
export function evaluateAlerts(thresholds: MonitorSettings['alerts'], inputs: AlertInputs): FiredAlert[] {
  const fired: FiredAlert[] = [];
  const at = inputs.windowStart;
  const add = (kind: FiredAlert['kind'], message: string, data: Record<string, unknown>, suffix = '') =>
    fired.push({ kind, message, key: `${kind}:${at}${suffix}`, data: { ...data, windowStart: at } });
  if (inputs.p95Ms !== undefined && inputs.p95Ms > thresholds.p95LatencyMs)
    add('latency', `p95 latency ${inputs.p95Ms.toFixed(1)} ms > ${thresholds.p95LatencyMs} ms`, {
      value: inputs.p95Ms,
      threshold: thresholds.p95LatencyMs,
    });
  const drift = inputs.drift;
  if (drift && drift.shareDrifted >= thresholds.driftShare)
    add(
      'drift-share',
      `Data drift: ${(drift.shareDrifted * 100).toFixed(0)}% of features drifted (alert at ${(thresholds.driftShare * 100).toFixed(0)}%)`,
      { value: drift.shareDrifted, threshold: thresholds.driftShare },
    );
  for (const feature of drift?.features ?? []) {
    if (feature.psi > thresholds.featurePsi)
      add(
        'feature-psi',
        `PSI of ${feature.name} is ${feature.psi.toFixed(3)} > ${thresholds.featurePsi}`,
        { feature: feature.name, value: feature.psi, threshold: thresholds.featurePsi },
        `:${feature.name}`,
      );
  }
  const rate = inputs.positiveRate;
  if (rate) {
    const points = (rate.current - rate.reference) * 100;
    if (Math.abs(points) > thresholds.positiveRatePoints)
      add(
        'positive-rate',
        `Positive rate ${(rate.current * 100).toFixed(1)}% vs ${(rate.reference * 100).toFixed(1)}% in training (${points > 0 ? '+' : ''}${points.toFixed(1)} points)`,
        { value: rate.current, reference: rate.reference, threshold: thresholds.positiveRatePoints },
      );
  }
  const realised = inputs.realised;
  if (realised && thresholds.realisedBelowTarget) {
    const misses = realised.higherIsBetter
      ? realised.value < realised.target
      : realised.value > realised.target;
    if (misses)
      add(
        'realised-metric',
        `Realised ${realised.metric} ${realised.value.toFixed(4)} misses the target ${realised.target}`,
        { value: realised.value, threshold: realised.target },
      );
  }
  return fired;
}
