import { explainedVarianceScore, r2Score } from './r2-score.ts';
import {
  maxError,
  meanAbsoluteError,
  meanAbsolutePercentageError,
  meanSquaredError,
  medianAbsoluteError,
} from './regression-errors.ts';

/**
 * Every regression metric of one prediction, keyed by the names runs record: `rmse`, `mae`, `r2`, `mape`
 * (a fraction, sklearn's `mean_absolute_percentage_error`), plus `mse`, `median_absolute_error`, `max_error`
 * and `explained_variance`. A constant target gives `r2` 0 (1 if every prediction is exact), as sklearn's
 * default `force_finite=True`.
 *
 * @throws RangeError for different lengths or a non-finite value (naming the row).
 * @example
 * regressionMetrics([1, 2, 3, 4], [1, 3, 3, 2]); // { rmse: 1.118…, mae: 0.75, r2: 0, mape: 0.25, … }
 */
export function regressionMetrics(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
): Record<string, number> {
  const mse = meanSquaredError(yTrue, yPred);
  return {
    rmse: Math.sqrt(mse),
    mae: meanAbsoluteError(yTrue, yPred),
    r2: r2Score(yTrue, yPred),
    mape: meanAbsolutePercentageError(yTrue, yPred),
    mse,
    median_absolute_error: medianAbsoluteError(yTrue, yPred),
    max_error: maxError(yTrue, yPred),
    explained_variance: explainedVarianceScore(yTrue, yPred),
  };
}
