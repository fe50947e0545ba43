import { describe, expect, it } from 'vitest';
import {
  canaryDecision,
  CanaryStepStats,
  STEP_WINDOW,
  DEFAULT_GATES,
  DeploymentError,
  planChange,
  SINGLE,
  type CanaryObservation,
  type DeploymentPlan,
} from '../../../src/core/deploy/index.ts';

const aliases = { champion: 'b1', challenger: 'b2' };
const version = (id: string | null) => (id ? `v${id.slice(1)}` : 'none');
const passing: CanaryObservation = { requests: 150, errors: 0, p95Ms: 2, agreement: 0.97 };

function canaryAt(share: number): DeploymentPlan {
  return { strategy: { kind: 'canary', share, seed: 42 }, gates: DEFAULT_GATES, stepStartedAt: 0 };
}

describe('planChange', () => {
  it('starts a canary at 5% and walks 25, 50, 100, then promotes by swapping the aliases', () => {
    let plan = planChange(SINGLE, aliases, { kind: 'canary', seed: 42 }, 1, version).plan;
    const shares = [(plan.strategy as { share: number }).share];
    for (;;) {
      const decision = canaryDecision(plan, passing)!;
      const change = planChange(plan, aliases, decision, 2, version);
      if (decision.kind === 'canary-promote') {
        expect(change.aliasMoves).toEqual([
          { alias: 'champion', to: 'b2' },
          { alias: 'challenger', to: 'b1' },
        ]);
        expect(change.event.kind).toBe('canary-promoted');
        expect(change.plan).toEqual(SINGLE);
        break;
      }
      expect(change.event.kind).toBe('canary-step');
      plan = change.plan;
      shares.push((plan.strategy as { share: number }).share);
    }
    expect(shares).toEqual([0.05, 0.25, 0.5, 1]);
  });

  it('waits below the request count, and rolls back at once naming the failed gates', () => {
    expect(canaryDecision(canaryAt(0.25), { ...passing, requests: 99 })).toBeNull();
    const decision = canaryDecision(canaryAt(0.25), { ...passing, p95Ms: 80, agreement: 0.5 })!;
    expect(decision.kind).toBe('canary-rollback');
    const change = planChange(canaryAt(0.25), aliases, decision, 3, version);
    expect(change.plan).toEqual(SINGLE);
    expect(change.aliasMoves).toEqual([]);
    expect(change.event.message).toBe(
      'Automatic rollback at 25%: p95 latency 80.0 ms > 50 ms; agreement with the champion 50.0% < 80%. v1 serves every request',
    );
  });

  it('a blue-green switch swaps the aliases so the previous version stays loaded, and rollback swaps back', () => {
    const switched = planChange(SINGLE, aliases, { kind: 'blue-green-switch' }, 1, version);
    expect(switched.aliasMoves).toEqual([
      { alias: 'champion', to: 'b2' },
      { alias: 'challenger', to: 'b1' },
    ]);
    const after = { champion: 'b2', challenger: 'b1' };
    const back = planChange(
      switched.plan,
      after,
      { kind: 'rollback', reason: 'by hand', previousChampion: 'b1' },
      2,
      version,
    );
    expect(back.aliasMoves).toEqual([
      { alias: 'champion', to: 'b1' },
      { alias: 'challenger', to: 'b2' },
    ]);
    expect(back.event.message).toBe(
      'Rollback (by hand): v1 is the champion again; v2 stays loaded as challenger',
    );
  });

  it('rollback during a shadow or canary ends it without moving an alias', () => {
    const shadow = planChange(SINGLE, aliases, { kind: 'shadow' }, 1, version).plan;
    const back = planChange(shadow, aliases, { kind: 'rollback', reason: 'by hand' }, 2, version);
    expect(back.plan).toEqual(SINGLE);
    expect(back.aliasMoves).toEqual([]);
  });

  it('refuses what cannot apply, with the reason', () => {
    expect(() =>
      planChange(SINGLE, { champion: 'b1', challenger: 'b1' }, { kind: 'shadow' }, 1, version),
    ).toThrow(DeploymentError);
    expect(() =>
      planChange(SINGLE, { champion: null, challenger: 'b2' }, { kind: 'canary', seed: 1 }, 1, version),
    ).toThrow(/no champion/);
    expect(() =>
      planChange(SINGLE, aliases, { kind: 'rollback', reason: 'x', previousChampion: null }, 1, version),
    ).toThrow(/no earlier champion/);
  });
});

describe('CanaryStepStats', () => {
  it('judges the last STEP_WINDOW requests, so a long step holds a fixed amount of memory', () => {
    const stats = new CanaryStepStats({ task: 'regression', metric: 'rmse', classes: [] });
    // 3,000 requests: the first 1,000 are off by 10 and take 500 ms, the last 2,000 are exact and take
    // 1..2000 ms. Over the window only the last 2,000 count: RMSE 0, nearest-rank p95 = 1,900.
    for (let i = 0; i < 3000; i++) {
      const late = i >= 1000;
      stats.record({
        latencyMs: late ? i - 999 : 500,
        error: false,
        output: { value: 1 },
        truth: late ? '1' : '11',
      });
    }
    const observed = stats.observation();
    expect(STEP_WINDOW).toBe(2000);
    expect(observed).toMatchObject({ requests: 3000, labelled: 3000, p95Ms: 1900, realisedMetric: 0 });
  });

  it('counts errors, takes the exact p95, the agreement share and the realised metric from labels', () => {
    const stats = new CanaryStepStats({ task: 'binary', metric: 'roc_auc', classes: ['no', 'yes'] });
    // 100 labelled requests, 50 "yes" and 50 "no": every "yes" scores above every "no" except the first,
    // which scores below all 50 "no"s, so AUC = 1 − 50/(50·50) = 0.98 by hand. Latencies 1..100 ms:
    // nearest-rank p95 is 95.
    for (let i = 0; i < 100; i++) {
      const yes = i % 2 === 0;
      let score = yes ? 0.5 + i / 1000 : 0.4 - i / 1000;
      if (i === 0) score = 0.3;
      stats.record({
        latencyMs: i + 1,
        error: false,
        agrees: i % 4 !== 0,
        output: { label: score >= 0.5 ? 'yes' : 'no', score },
        truth: yes ? 'yes' : 'no',
      });
    }
    stats.record({ latencyMs: 0, error: true });
    const observed = stats.observation();
    expect(observed.requests).toBe(101);
    expect(observed.errors).toBe(1);
    expect(observed.p95Ms).toBe(95);
    expect(observed.agreement).toBe(0.75);
    // The "no" scores are 0.399 … 0.301 (i odd): all above 0.3.
    expect(observed.realisedMetric).toBeCloseTo(1 - 50 / 2500, 12);
  });
});
