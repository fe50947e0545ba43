import { describe, expect, it } from 'vitest';
import {
  CANARY_STEPS,
  judgeCanaryStep,
  LatencyTracker,
  nextCanaryStep,
  routeHash,
  routeRequest,
} from '../../../src/core/deploy/index.ts';

describe('canary routing', () => {
  it('gives each step its share of 20,000 keys within binomial tolerance (4 standard errors)', () => {
    const n = 20_000;
    for (const share of CANARY_STEPS) {
      let challenger = 0;
      for (let i = 0; i < n; i++)
        if (routeRequest({ kind: 'canary', share, seed: 7 }, `customer-${i}`).serve === 'challenger')
          challenger++;
      const tolerance = 4 * Math.sqrt((share * (1 - share)) / n);
      expect(Math.abs(challenger / n - share)).toBeLessThanOrEqual(tolerance + 1e-12);
    }
  });

  it('routes the same key the same way every time, and a key in the 5% stays in at 25%', () => {
    for (let i = 0; i < 500; i++) {
      const key = `k${i}`;
      const at5 = routeRequest({ kind: 'canary', share: 0.05, seed: 3 }, key).serve;
      expect(routeRequest({ kind: 'canary', share: 0.05, seed: 3 }, key).serve).toBe(at5);
      if (at5 === 'challenger')
        expect(routeRequest({ kind: 'canary', share: 0.25, seed: 3 }, key).serve).toBe('challenger');
    }
    expect(routeHash('a', 1)).not.toBe(routeHash('a', 2));
  });

  it('shadow always answers with the champion and only shadows the challenger', () => {
    for (let i = 0; i < 100; i++)
      expect(routeRequest({ kind: 'shadow' }, `k${i}`)).toEqual({ serve: 'champion', shadow: 'challenger' });
    expect(routeRequest({ kind: 'blue-green', live: 'challenger' }, 'x').serve).toBe('challenger');
  });

  it('steps 5 → 25 → 50 → 100% and stops there', () => {
    expect([0, 0.05, 0.25, 0.5, 1].map(nextCanaryStep)).toEqual([0.05, 0.25, 0.5, 1, null]);
  });
});

describe('canary gates', () => {
  const ok = { requests: 200, errors: 0, p95Ms: 10, agreement: 0.95 };
  it('advances when every gate passes, waits for enough requests, and rolls back naming the failed gate', () => {
    expect(judgeCanaryStep(ok).verdict).toBe('advance');
    expect(judgeCanaryStep({ ...ok, requests: 50 }).verdict).toBe('wait');
    expect(judgeCanaryStep({ ...ok, p95Ms: 80 })).toEqual({
      verdict: 'rollback',
      failed: ['p95 latency 80.0 ms > 50 ms'],
    });
    expect(judgeCanaryStep({ ...ok, errors: 5 }).failed).toEqual(['error rate 2.5% > 1.0%']);
    expect(judgeCanaryStep({ ...ok, agreement: 0.5 }).verdict).toBe('rollback');
    const withBar = {
      maxErrorRate: 0.01,
      maxP95Ms: 50,
      minAgreement: 0.8,
      minRequests: 100,
      metricBar: { value: 0.8, higherIsBetter: true },
    };
    expect(judgeCanaryStep({ ...ok, realisedMetric: 0.75 }, withBar).failed).toEqual([
      'realised metric 0.7500 misses the bar 0.8',
    ]);
  });
});

describe('LatencyTracker', () => {
  it('reports nearest-rank percentiles of the window', () => {
    const t = new LatencyTracker(100);
    for (let i = 1; i <= 100; i++) t.record(i);
    expect(t.percentiles()).toEqual({ p50: 50, p95: 95, p99: 99 });
    for (let i = 0; i < 100; i++) t.record(1000);
    expect(t.percentiles().p50).toBe(1000);
    expect(t.count).toBe(200);
    expect(new LatencyTracker().percentiles().p50).toBeNaN();
  });
});
