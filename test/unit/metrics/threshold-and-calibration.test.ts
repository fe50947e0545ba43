import { describe, expect, it } from 'vitest';
import { calibrationCurve, thresholdSummary } from '../../../src/core/metrics/index.ts';

describe('thresholdSummary', () => {
  // Rows (truth, score): (1, .9) (0, .6) (1, .4) (0, .1) (1, .75) (0, .75).
  const y = [1, 0, 1, 0, 1, 0];
  const s = [0.9, 0.6, 0.4, 0.1, 0.75, 0.75];

  it('counts by hand at 0.5: TP 2 (.9, .75), FP 2 (.6, .75), FN 1 (.4), TN 1 (.1)', () => {
    const t = thresholdSummary(y, s, 0.5);
    expect([t.tp, t.fp, t.fn, t.tn]).toEqual([2, 2, 1, 1]);
    expect(t.precision).toBe(0.5);
    expect(t.recall).toBe(2 / 3);
    expect(t.f1).toBeCloseTo((2 * 0.5 * (2 / 3)) / (0.5 + 2 / 3), 15);
    expect(t.accuracy).toBe(0.5);
    expect(t.selectionRate).toBe(4 / 6);
  });

  it('counts a score equal to the threshold as positive, and predicts nothing above the top score', () => {
    expect(thresholdSummary(y, s, 0.75)).toMatchObject({ tp: 2, fp: 1 });
    expect(thresholdSummary(y, s, 0.95)).toMatchObject({ tp: 0, fp: 0, precision: 0, recall: 0, f1: 0 });
  });
});

describe('calibrationCurve', () => {
  it('bins uniformly and reports mean prediction and observed share per non-empty bin', () => {
    const bins = calibrationCurve([0, 1, 1, 0, 1], [0.1, 0.8, 0.9, 0.3, 1], 2);
    expect(bins).toEqual([
      { lower: 0, upper: 0.5, rows: 2, meanPredicted: 0.2, observed: 0 },
      { lower: 0.5, upper: 1, rows: 3, meanPredicted: (0.8 + 0.9 + 1) / 3, observed: 1 },
    ]);
  });
});
