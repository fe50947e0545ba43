import { describe, expect, it } from 'vitest';
import { evaluateAlerts } from '../../../src/core/monitor/evaluate-alerts.ts';
import { readMonitorSettings, retentionCutoff } from '../../../src/core/monitor/monitor-settings.ts';
import { realisedByWindow } from '../../../src/core/monitor/realised-by-window.ts';
import { retrainTrigger } from '../../../src/core/monitor/retrain-trigger.ts';
import { windowStats } from '../../../src/core/monitor/window-stats.ts';

const MINUTE = 60_000;

describe('windowStats', () => {
  it('buckets requests into aligned windows, empty ones included, with exact percentiles', () => {
    const entries = [
      // Window [0, 1 min): latencies 1..10 ms, one error, 4 of 10 positive.
      ...Array.from({ length: 10 }, (_, i) => ({
        createdAt: i * 1000,
        latencyMs: i + 1,
        error: i === 3,
        positive: i < 4,
      })),
      // Window [2 min, 3 min): one slow request.
      { createdAt: 2 * MINUTE + 5, latencyMs: 250, positive: true },
    ];
    const [first, gap, last] = windowStats(entries, MINUTE);
    expect(first).toEqual({
      start: 0,
      end: MINUTE,
      requests: 10,
      errors: 1,
      throughput: 10 / 60,
      p50: 5,
      p95: 10,
      p99: 10,
      positiveRate: 0.4,
    });
    expect(gap!.requests).toBe(0);
    expect(Number.isNaN(gap!.p95)).toBe(true);
    expect(last).toMatchObject({ start: 2 * MINUTE, requests: 1, p95: 250, positiveRate: 1 });
  });
});

describe('realisedByWindow', () => {
  it('joins labels by request id and scores each window; unlabelled requests do not count', () => {
    const served = [
      { requestId: 'a', createdAt: 10, output: { label: 'yes', score: 0.9 } },
      { requestId: 'b', createdAt: 20, output: { label: 'no', score: 0.2 } },
      { requestId: 'c', createdAt: 30, output: { label: 'yes', score: 0.7 } },
      { requestId: 'd', createdAt: MINUTE + 1, output: { label: 'no', score: 0.4 } },
      { requestId: 'e', createdAt: MINUTE + 2, output: { label: 'no', score: 0.1 } },
    ];
    const labels = new Map([
      ['a', 'yes'],
      ['b', 'no'],
      ['c', 'no'],
      ['d', 'yes'],
    ]);
    const windows = realisedByWindow(
      { task: 'binary', metric: 'accuracy', classes: ['no', 'yes'] },
      served,
      labels,
      MINUTE,
      3,
    );
    // First window: a right, b right, c wrong → 2/3. Second: d wrong (e has no label) → 0/1, too small.
    expect(windows).toEqual([
      { start: 0, end: MINUTE, labelled: 3, value: 2 / 3, tooSmall: false },
      { start: MINUTE, end: 2 * MINUTE, labelled: 1, value: 0, tooSmall: true },
    ]);
  });
});

describe('evaluateAlerts', () => {
  const thresholds = readMonitorSettings({}).alerts;

  it('fires each rule at its default threshold, once per kind and window', () => {
    const fired = evaluateAlerts(thresholds, {
      windowStart: 600,
      p95Ms: 240,
      drift: {
        shareDrifted: 0.5,
        features: [
          { name: 'fee', psi: 0.35, counted: true },
          { name: 'tenure', psi: 0.05, counted: true },
        ],
      },
      positiveRate: { current: 0.38, reference: 0.26 },
      realised: { metric: 'roc_auc', value: 0.71, target: 0.8, higherIsBetter: true },
    });
    expect(fired.map((a) => [a.kind, a.key, a.message])).toEqual([
      ['latency', 'latency:600', 'p95 latency 240.0 ms > 200 ms'],
      ['drift-share', 'drift-share:600', 'Data drift: 50% of features drifted (alert at 50%)'],
      ['feature-psi', 'feature-psi:600:fee', 'PSI of fee is 0.350 > 0.2'],
      ['positive-rate', 'positive-rate:600', 'Positive rate 38.0% vs 26.0% in training (+12.0 points)'],
      ['realised-metric', 'realised-metric:600', 'Realised roc_auc 0.7100 misses the target 0.8'],
    ]);
  });

  it('stays quiet inside every threshold', () => {
    expect(
      evaluateAlerts(thresholds, {
        windowStart: 0,
        p95Ms: 200,
        drift: { shareDrifted: 0.49, features: [{ name: 'x', psi: 0.2, counted: true }] },
        positiveRate: { current: 0.35, reference: 0.26 },
        realised: { metric: 'rmse', value: 3, target: 3, higherIsBetter: false },
      }),
    ).toEqual([]);
  });
});

describe('readMonitorSettings', () => {
  it('fills the spec defaults and keeps valid fields when one is invalid', () => {
    const defaults = readMonitorSettings(undefined);
    expect(defaults.alerts).toMatchObject({ p95LatencyMs: 200, driftShare: 0.5, featurePsi: 0.2 });
    expect(defaults.windowMinutes).toBe(60);
    const mixed = readMonitorSettings({ retentionDays: 7, windowMinutes: -5 });
    expect(mixed.retentionDays).toBe(7);
    expect(mixed.windowMinutes).toBe(60);
  });
});

describe('retrainTrigger', () => {
  const DAY = 24 * 60 * 60 * 1000;
  const off = readMonitorSettings({}).retrain;

  it('fires on a drift alert, on enough new labels, and on the schedule, naming the reason', () => {
    const quiet = { now: 10 * DAY, firedKinds: [] as string[], newLabels: 0 };
    expect(retrainTrigger(off, { ...quiet, firedKinds: ['drift-share'], newLabels: 10_000 })).toBeNull();
    expect(retrainTrigger({ ...off, onDriftAlert: true }, { ...quiet, firedKinds: ['latency'] })).toBeNull();
    expect(retrainTrigger({ ...off, onDriftAlert: true }, { ...quiet, firedKinds: ['feature-psi'] })).toBe(
      'drift alert',
    );
    expect(retrainTrigger({ ...off, newLabels: 500 }, { ...quiet, newLabels: 499 })).toBeNull();
    expect(retrainTrigger({ ...off, newLabels: 500 }, { ...quiet, newLabels: 612 })).toBe(
      '612 new labelled rows',
    );
    const weekly = { ...off, scheduleDays: 7, lastRun: 3 * DAY };
    expect(retrainTrigger(weekly, quiet)).toBe('schedule: every 7 days');
    expect(retrainTrigger(weekly, { ...quiet, now: 9 * DAY })).toBeNull();
  });
});

describe('retentionCutoff', () => {
  it('prunes before now − retention, but never the window in use (the newest entry’s window)', () => {
    const HOUR = 3_600_000;
    const settings = { retentionDays: 1, windowMinutes: 60 };
    const now = 100 * HOUR;
    expect(retentionCutoff(settings, 99.5 * HOUR, now)).toEqual({ before: 76 * HOUR, keepSince: 99 * HOUR });
    // The newest entry is older than the retention: its window is still kept.
    expect(retentionCutoff(settings, 10.2 * HOUR, now).keepSince).toBe(10 * HOUR);
    expect(retentionCutoff(settings, undefined, now).keepSince).toBe(100 * HOUR);
  });
});
