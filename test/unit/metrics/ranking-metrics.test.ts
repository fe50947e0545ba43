import { describe, expect, it } from 'vitest';
import {
  averagePrecision,
  precisionRecallCurve,
  rocAuc,
  rocAucOneVsRest,
  rocCurve,
  thresholdCounts,
} from '../../../src/core/metrics/index.ts';

describe('rocAuc', () => {
  it('counts a tie between a positive and a negative as half a pair won', () => {
    // positives 0.8, 0.4; negatives 0.4, 0.1: pairs won 3, tied 1 of 4.
    expect(rocAuc([1, 1, 0, 0], [0.8, 0.4, 0.4, 0.1])).toBe(0.875);
    // every score tied: no ranking at all.
    expect(rocAuc([1, 0, 1, 0, 0], [0.3, 0.3, 0.3, 0.3, 0.3])).toBe(0.5);
  });

  it('depends only on the order of the scores, not their scale or the order of rows', () => {
    const y = [0, 1, 1, 0, 1, 0];
    const s = [0.2, 0.9, 0.35, 0.4, 0.35, 0.1];
    const auc = rocAuc(y, s);
    expect(
      rocAuc(
        y,
        s.map((v) => Math.log(v / (1 - v))),
      ),
    ).toBe(auc);
    expect(rocAuc([...y].reverse(), [...s].reverse())).toBe(auc);
    expect(
      rocAuc(
        y,
        s.map((v) => -v),
      ),
    ).toBeCloseTo(1 - auc, 15);
  });

  it('is NaN when the truth has a single class or no rows', () => {
    expect(rocAuc([1, 1], [0.2, 0.4])).toBeNaN();
    expect(rocAuc([0, 0], [0.2, 0.4])).toBeNaN();
    expect(rocAuc([], [])).toBeNaN();
  });

  it('refuses a truth other than 0/1 and a NaN score, naming the row', () => {
    expect(() => rocAuc([0, 2], [0.1, 0.2])).toThrow('yTrue01[1] is 2; expected 0 or 1.');
    expect(() => rocAuc([0, 1], [0.1, NaN])).toThrow('score[1] is NaN');
  });

  it('averages one-vs-rest areas by macro or by support', () => {
    const proba = Float64Array.of(0.8, 0.1, 0.1, 0.2, 0.7, 0.1, 0.3, 0.3, 0.4, 0.5, 0.1, 0.4);
    // class 0: 0.8 (+) vs 0.2, 0.3, 0.5 -> 1; class 1: 0.7 (+) vs 0.1, 0.3, 0.1 -> 1;
    // class 2: 0.4, 0.4 (+) vs 0.1, 0.1 -> 1. All perfect.
    expect(rocAucOneVsRest([0, 1, 2, 2], proba, 3)).toBe(1);
    expect(rocAucOneVsRest([0, 1, 2, 2], proba, 3, 'weighted')).toBe(1);
  });
});

describe('rocCurve', () => {
  it('gives one point per distinct score after (0, 0), with max + 1 as the first threshold (sklearn 1.2)', () => {
    expect(rocCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toEqual({
      fpr: [0, 0, 0.5, 0.5, 1],
      tpr: [0, 0.5, 0.5, 1, 1],
      thresholds: [1.8, 0.8, 0.4, 0.35, 0.1],
    });
  });

  it('drops the points on straight segments when asked', () => {
    // scores high to low: +, +, +, −: the two middle points lie on the vertical segment fpr = 0.
    const curve = rocCurve([1, 1, 1, 0], [0.9, 0.8, 0.7, 0.1], { dropIntermediate: true });
    expect(curve).toEqual({ fpr: [0, 0, 0, 1], tpr: [0, 1 / 3, 1, 1], thresholds: [1.9, 0.9, 0.7, 0.1] });
  });

  it('treats a block of tied scores as one step', () => {
    expect(thresholdCounts([0, 1, 1, 0], [0.5, 0.5, 0.9, 0.1])).toEqual({
      thresholds: Float64Array.of(0.9, 0.5, 0.1),
      tps: Float64Array.of(1, 2, 2),
      fps: Float64Array.of(0, 1, 2),
    });
  });
});

describe('precision–recall', () => {
  it('computes the curve with thresholds increasing and a final (recall 0, precision 1) point', () => {
    const curve = precisionRecallCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]);
    expect(curve.thresholds).toEqual([0.1, 0.35, 0.4, 0.8]);
    expect(curve.recall).toEqual([1, 1, 0.5, 0.5, 0]);
    expect(curve.precision).toEqual([0.5, 2 / 3, 0.5, 1, 1]);
  });

  it('computes average precision as the recall-weighted sum of precisions (no interpolation)', () => {
    // 0.8 (+): P 1, R 1/2; 0.4 (−); 0.35 (+): P 2/3, R 1 -> 1/2 + 1/2 · 2/3.
    expect(averagePrecision([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBeCloseTo(5 / 6, 15);
    // No positives: sklearn 1.2 gives 0.
    expect(averagePrecision([0, 0], [0.1, 0.4])).toBe(0);
    expect(averagePrecision([1, 1], [0.1, 0.4])).toBe(1);
  });
});
