import { describe, expect, it } from 'vitest';
import {
  explainedVarianceScore,
  maxError,
  meanAbsolutePercentageError,
  medianAbsoluteError,
  r2Score,
  regressionMetrics,
} from '../../../src/core/metrics/index.ts';

describe('regressionMetrics', () => {
  // Worked by hand. y = 1, 2, 3, 4; ŷ = 1, 3, 3, 2; errors y − ŷ = 0, −1, 0, 2.
  //   MAE (0 + 1 + 0 + 2) / 4 = 0.75; MSE (0 + 1 + 0 + 4) / 4 = 1.25; RMSE √1.25.
  //   R²: ȳ = 2.5, Σ(y − ȳ)² = 2.25 + 0.25 + 0.25 + 2.25 = 5, Σ(y − ŷ)² = 5 -> 1 − 5/5 = 0.
  //   MAPE (0 + 1/2 + 0 + 2/4) / 4 = 0.25. Median |error| of 0, 0, 1, 2 = 0.5. Max error 2.
  //   Explained variance: the errors' mean is 0.25, variance (0.0625 + 1.5625 + 0.0625 + 3.0625) / 4 = 1.1875;
  //   Var(y) = 1.25 -> 1 − 0.95 = 0.05.
  it('computes the metrics of a 4-row case worked by hand', () => {
    const m = regressionMetrics([1, 2, 3, 4], [1, 3, 3, 2]);
    expect(m).toEqual({
      rmse: Math.sqrt(1.25),
      mae: 0.75,
      r2: 0,
      mape: 0.25,
      mse: 1.25,
      median_absolute_error: 0.5,
      max_error: 2,
      explained_variance: expect.closeTo(0.05, 15) as number,
    });
  });

  it('gives R² 0 for a constant target (1 when every prediction is exact), or −∞ / NaN without forceFinite', () => {
    expect(r2Score([5, 5, 5], [4, 5, 6])).toBe(0);
    expect(r2Score([5, 5, 5], [5, 5, 5])).toBe(1);
    expect(r2Score([5, 5, 5], [4, 5, 6], { forceFinite: false })).toBe(-Infinity);
    expect(r2Score([5, 5, 5], [5, 5, 5], { forceFinite: false })).toBeNaN();
    expect(explainedVarianceScore([5, 5, 5], [4, 5, 6])).toBe(0);
  });

  it('treats a constant target as constant even where its float mean is not exactly the value', () => {
    // (0.1 + 0.1 + 0.1) / 3 = 0.10000000000000002, which would leave a denominator of ~1e-34.
    expect(r2Score([0.1, 0.1, 0.1], [0.2, 0.1, 0.1])).toBe(0);
  });

  it('floors |y| at ε in MAPE, so a zero target gives a huge finite error as in sklearn', () => {
    expect(meanAbsolutePercentageError([0, 2], [1, 2])).toBe(1 / 2 ** -52 / 2);
  });

  it('takes the middle of the two central errors for an even count', () => {
    expect(medianAbsoluteError([0, 0, 0, 0], [1, -4, 2, 3])).toBe(2.5);
    expect(medianAbsoluteError([0, 0, 0], [1, -4, 2])).toBe(2);
    expect(maxError([0, 0, 0], [1, -4, 2])).toBe(4);
  });

  it('gives NaN for no rows and refuses non-finite values, naming the row', () => {
    expect(regressionMetrics([], []).mae).toBeNaN();
    expect(regressionMetrics([], []).r2).toBeNaN();
    expect(() => regressionMetrics([1, 2], [1, NaN])).toThrow('yPred[1] is NaN; expected a number.');
    expect(() => regressionMetrics([1, 2], [1])).toThrow('yTrue has 2 rows but yPred has 1.');
  });
});
