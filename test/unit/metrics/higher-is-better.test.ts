import { describe, expect, it } from 'vitest';
import { METRICS } from '../../../src/core/problem/problem-card.ts';
import { classificationMetrics, higherIsBetter, regressionMetrics } from '../../../src/core/metrics/index.ts';

describe('higherIsBetter', () => {
  it('agrees with the problem card for every metric a card can name', () => {
    for (const metrics of Object.values(METRICS)) {
      for (const metric of metrics)
        expect(higherIsBetter(metric.name), metric.name).toBe(metric.higherIsBetter);
    }
  });

  it('knows every key the metric summaries report', () => {
    const keys = [
      ...Object.keys(
        classificationMetrics([0, 1], { proba: Float64Array.of(1, 0, 0, 1), classes: 2 }, 'binary'),
      ),
      ...Object.keys(
        classificationMetrics(
          [0, 1, 2],
          { proba: Float64Array.of(1, 0, 0, 0, 1, 0, 0, 0, 1), classes: 3 },
          'multiclass',
        ),
      ),
      ...Object.keys(regressionMetrics([1, 2], [1, 2])),
    ];
    for (const key of keys) expect(() => higherIsBetter(key), key).not.toThrow();
    expect(['log_loss', 'brier', 'rmse', 'mse', 'mae', 'mape', 'max_error'].map(higherIsBetter)).toEqual(
      Array(7).fill(false),
    );
  });

  it('reads other losses and errors as lower is better, and refuses a name it cannot judge', () => {
    expect(higherIsBetter('val_loss')).toBe(false);
    expect(higherIsBetter('mean_error')).toBe(false);
    expect(() => higherIsBetter('speed')).toThrow('unknown metric "speed"');
  });
});
