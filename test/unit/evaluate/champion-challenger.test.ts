import { describe, expect, it } from 'vitest';
import { compareChallenger } from '../../../src/core/evaluate/index.ts';

describe('compareChallenger', () => {
  it('promotes a challenger that beats the champion, reaches the bar and improves enough', () => {
    // Improvement 0.861 − 0.85 = 0.011 ≥ 0.005; relative 0.011 / 0.85 = 1.294% ≥ 1%.
    const d = compareChallenger({
      metric: 'roc_auc',
      higherIsBetter: true,
      champion: 0.85,
      challenger: 0.861,
      absoluteBar: 0.85,
      minImprovement: { absolute: 0.005, relative: 0.01 },
    });
    expect(d.promote).toBe(true);
    expect(d.checks).toEqual([
      {
        name: 'better than champion',
        passed: true,
        detail: 'Challenger ROC AUC 0.861 > champion 0.85',
      },
      { name: 'absolute bar', passed: true, detail: 'Challenger ROC AUC 0.861 ≥ bar 0.85' },
      {
        name: 'minimum absolute improvement',
        passed: true,
        detail: 'Improvement in ROC AUC 0.011 ≥ minimum 0.005',
      },
      {
        name: 'minimum relative improvement',
        passed: true,
        detail: 'Relative improvement in ROC AUC 1.294% ≥ minimum 1%',
      },
    ]);
  });

  it('keeps the champion when any one check fails, saying which', () => {
    const d = compareChallenger({
      metric: 'roc_auc',
      higherIsBetter: true,
      champion: 0.8,
      challenger: 0.84,
      absoluteBar: 0.85,
    });
    expect(d.promote).toBe(false);
    expect(d.checks.find((c) => !c.passed)!.detail).toBe('Challenger ROC AUC 0.84 < bar 0.85');
  });

  it('keeps the champion on a tie', () => {
    const d = compareChallenger({ metric: 'f1', higherIsBetter: true, champion: 0.7, challenger: 0.7 });
    expect(d.promote).toBe(false);
    expect(d.checks[0]!.detail).toBe('Challenger F1 0.7 is not better than champion 0.7');
  });

  it('turns every comparison around for a lower-is-better metric', () => {
    // RMSE 48,000 vs 52,000: improvement 4,000 ≥ 3,000, relative 4,000 / 52,000 = 7.692% < 10%.
    const d = compareChallenger({
      metric: 'rmse',
      higherIsBetter: false,
      champion: 52_000,
      challenger: 48_000,
      absoluteBar: 50_000,
      minImprovement: { absolute: 3_000, relative: 0.1 },
    });
    expect(d.checks.map((c) => [c.passed, c.detail])).toEqual([
      [true, 'Challenger RMSE 48000 < champion 52000'],
      [true, 'Challenger RMSE 48000 ≤ bar 50000'],
      [true, 'Improvement in RMSE 4000 ≥ minimum 3000'],
      [false, 'Relative improvement in RMSE 7.692% < minimum 10%'],
    ]);
    expect(d.promote).toBe(false);
  });

  it('fails the relative check when the champion scored 0', () => {
    const d = compareChallenger({
      metric: 'r2',
      higherIsBetter: true,
      champion: 0,
      challenger: 0.2,
      minImprovement: { relative: 0.1 },
    });
    expect(d.checks[1]).toEqual({
      name: 'minimum relative improvement',
      passed: false,
      detail: 'Relative improvement in R² is undefined: the champion scored 0',
    });
  });

  it('runs the corrected paired t-test across seeds', () => {
    // The first scipy fixture case: t 3.3213, dof 4, one-sided p 0.014671 < 0.05.
    const paired = {
      champion: [0.801, 0.812, 0.795, 0.806, 0.799],
      challenger: [0.815, 0.818, 0.801, 0.82, 0.806],
      testTrainRatio: 0.25,
    };
    const d = compareChallenger({
      metric: 'roc_auc',
      higherIsBetter: true,
      champion: 0.8,
      challenger: 0.81,
      paired,
    });
    expect(d.promote).toBe(true);
    expect(d.checks[1]).toEqual({
      name: 'corrected paired t-test',
      passed: true,
      detail: 'mean improvement 0.0094 over 5 pairs, t = 3.321, dof 4, one-sided p = 0.01467 < α 0.05',
    });
    // A stricter α rejects the same evidence.
    const strict = compareChallenger({
      metric: 'roc_auc',
      higherIsBetter: true,
      champion: 0.8,
      challenger: 0.81,
      paired: { ...paired, alpha: 0.01 },
    });
    expect(strict.promote).toBe(false);
  });

  it('tests improvement, not increase, for a lower-is-better metric', () => {
    // Log loss falls on every seed: the improvements are champion − challenger, the mirror of the case above.
    const d = compareChallenger({
      metric: 'log_loss',
      higherIsBetter: false,
      champion: 0.4,
      challenger: 0.39,
      paired: {
        champion: [0.815, 0.818, 0.801, 0.82, 0.806],
        challenger: [0.801, 0.812, 0.795, 0.806, 0.799],
        testTrainRatio: 0.25,
      },
    });
    expect(d.checks[1]!.passed).toBe(true);
    expect(d.checks[1]!.detail).toContain('t = 3.321');
  });

  it('fails with the reason when the t-test is undefined or a score is NaN', () => {
    const d = compareChallenger({
      metric: 'roc_auc',
      higherIsBetter: true,
      champion: NaN,
      challenger: 0.9,
      paired: { champion: [0.8, 0.8], challenger: [0.8, 0.8], testTrainRatio: 0.2 },
    });
    expect(d.promote).toBe(false);
    expect(d.checks[0]!.passed).toBe(false);
    expect(d.checks[1]!.passed).toBe(false);
    expect(d.checks[1]!.detail).toContain('there is no difference to test');
  });
});
