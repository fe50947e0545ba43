import { describe, expect, it } from 'vitest';
import { bestThreshold, isThresholdMetric } from '../../../src/core/metrics/best-threshold.ts';
import { classificationMetrics } from '../../../src/core/metrics/classification-metrics.ts';
import { createRng } from '../../../src/core/random.ts';

/** The metric by the full metrics code at a threshold: the second method. */
function metricAt(y: number[], p: number[], metric: 'f1' | 'f1_macro', threshold: number): number {
  const proba = Float64Array.from(p.flatMap((v) => [1 - v, v]));
  return classificationMetrics(y, { proba, classes: 2 }, 'binary', { threshold })[metric]!;
}

describe('bestThreshold', () => {
  it('matches the hand-worked example: the midpoint below the last positive', () => {
    const found = bestThreshold([0, 0, 1, 1], [0.1, 0.3, 0.35, 0.8], 'f1');
    expect(found.threshold).toBeCloseTo(0.325, 12);
    expect(found.value).toBe(1);
  });

  it('finds the best of every labelling, as a brute force over thresholds with classificationMetrics does', () => {
    const rng = createRng(11);
    for (const metric of ['f1', 'f1_macro'] as const) {
      for (let round = 0; round < 20; round++) {
        const n = 30 + round * 7;
        // Imbalanced (about 1 in 5 positive), with scores rounded so that ties occur.
        const y = Array.from({ length: n }, () => (rng.next() < 0.2 ? 1 : 0));
        const p = y.map(
          (c) => Math.round(Math.min(1, Math.max(0, 0.35 + 0.25 * c + 0.2 * rng.normal())) * 50) / 50,
        );
        const found = bestThreshold(y, p, metric);
        // The value reported is the metric at the threshold returned.
        expect(found.value).toBeCloseTo(metricAt(y, p, metric, found.threshold), 12);
        // No threshold does better: every distinct score, and just above the largest, is a candidate cut.
        const cuts = [...new Set(p), Math.max(...p) + 1e-6];
        for (const t of cuts) expect(metricAt(y, p, metric, t)).toBeLessThanOrEqual(found.value + 1e-12);
      }
    }
  });

  it('keeps 0.5 when every cut scores the same, and says which metrics it tunes', () => {
    // All one score: every labelling is "all positive" or "none"; with F1 of the positives "all" wins.
    expect(bestThreshold([0, 1, 0, 1], [0.5, 0.5, 0.5, 0.5], 'f1').value).toBeCloseTo(2 / 3, 12);
    expect(bestThreshold([], [], 'f1')).toEqual({ threshold: 0.5, value: NaN });
    expect(isThresholdMetric('f1')).toBe(true);
    expect(isThresholdMetric('f1_macro')).toBe(true);
    expect(isThresholdMetric('roc_auc')).toBe(false);
  });
});
