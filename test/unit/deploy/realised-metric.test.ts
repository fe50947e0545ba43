import { describe, expect, it } from 'vitest';
import { realisedMetric } from '../../../src/core/deploy/index.ts';

describe('realisedMetric', () => {
  it('regression: RMSE of served values against numeric labels, by hand; non-numbers are skipped', () => {
    const outcomes = [
      { output: { value: 1 }, truth: '2' },
      { output: { value: 5 }, truth: '3' },
      { output: { value: 0 }, truth: '' },
      { output: { value: 0 }, truth: 'n/a' },
    ];
    // Errors −1 and 2: sqrt((1 + 4) / 2).
    expect(realisedMetric({ task: 'regression', metric: 'rmse', classes: [] }, outcomes)).toEqual({
      value: Math.sqrt(2.5),
      n: 2,
      skipped: 2,
    });
  });

  it('multiclass: accuracy from the served probabilities; an unknown class is skipped', () => {
    const classes = ['a', 'b', 'c'];
    const at = (k: number) => ({ proba: classes.map((_, j) => (j === k ? 0.8 : 0.1)) });
    const outcomes = [
      { output: at(0), truth: 'a' },
      { output: at(1), truth: 'b' },
      { output: at(2), truth: 'a' },
      { output: at(2), truth: 'c' },
      { output: at(0), truth: 'zebra' },
    ];
    expect(realisedMetric({ task: 'multiclass', metric: 'accuracy', classes }, outcomes)).toEqual({
      value: 0.75,
      n: 4,
      skipped: 1,
    });
  });

  it('binary AUC with one class present is undefined, not a number', () => {
    const outcomes = [0.2, 0.7].map((score) => ({ output: { score }, truth: 'yes' }));
    expect(
      realisedMetric({ task: 'binary', metric: 'roc_auc', classes: ['no', 'yes'] }, outcomes).value,
    ).toBeUndefined();
  });
});
