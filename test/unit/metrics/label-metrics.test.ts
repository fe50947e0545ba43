import { describe, expect, it } from 'vitest';
import {
  accuracy,
  balancedAccuracy,
  cohenKappa,
  confusionMatrix,
  f1Score,
  matthewsCorrcoef,
  perClassScores,
  precisionRecallF1,
  precisionScore,
  recallScore,
} from '../../../src/core/metrics/index.ts';

// Truth 0, 0, 1, 1 and prediction 0, 1, 1, 1: confusion [[1, 1], [0, 2]] (tn 1, fp 1, fn 0, tp 2).
const yTrue = [0, 0, 1, 1];
const yPred = [0, 1, 1, 1];

describe('confusionMatrix', () => {
  it('puts the truth in rows and the prediction in columns', () => {
    expect(confusionMatrix(yTrue, yPred, 2)).toEqual([
      [1, 1],
      [0, 2],
    ]);
  });

  it('keeps a row and a column for classes that never occur', () => {
    expect(confusionMatrix([0], [0], 3)).toEqual([
      [1, 0, 0],
      [0, 0, 0],
      [0, 0, 0],
    ]);
  });

  it('names the row of a bad label and refuses different lengths', () => {
    expect(() => confusionMatrix([0, 1], [0, 1.5], 2)).toThrow(
      'yPred[1] is 1.5, but class indices run from 0 to 1.',
    );
    expect(() => confusionMatrix([0, 1], [0], 2)).toThrow('yTrue has 2 rows but yPred has 1.');
  });
});

describe('label metrics', () => {
  it('computes accuracy, precision, recall and F1 of the positive class', () => {
    expect(accuracy(yTrue, yPred)).toBe(0.75);
    expect(precisionScore(yTrue, yPred)).toBeCloseTo(2 / 3, 15);
    expect(recallScore(yTrue, yPred)).toBe(1);
    expect(f1Score(yTrue, yPred)).toBeCloseTo(0.8, 15);
    // Class 0 as the positive class: tp 1, fp 0, fn 1.
    expect(precisionRecallF1(yTrue, yPred, { positiveClass: 0 })).toEqual({
      precision: 1,
      recall: 0.5,
      f1: 2 / 3,
    });
  });

  it('averages per-class scores by macro, weighted and micro', () => {
    // per class: precision 1, 2/3; recall 1/2, 1; F1 2/3, 4/5; support 2, 2.
    const perClass = perClassScores(yTrue, yPred);
    expect(perClass.precision).toEqual([1, 2 / 3]);
    expect(perClass.recall).toEqual([0.5, 1]);
    expect(perClass.f1[0]).toBeCloseTo(2 / 3, 15);
    expect(perClass.f1[1]).toBeCloseTo(0.8, 15);
    expect(perClass.support).toEqual([2, 2]);
    const macro = precisionRecallF1(yTrue, yPred, { average: 'macro' });
    expect(macro.f1).toBeCloseTo((2 / 3 + 0.8) / 2, 15);
    // Micro pools the counts: tp 3 of 4 predictions and of 4 true rows, so all three equal accuracy.
    expect(precisionRecallF1(yTrue, yPred, { average: 'micro' })).toEqual({
      precision: 0.75,
      recall: 0.75,
      f1: 0.75,
    });
    // Truth 0, 0, 0, 1, prediction 0, 0, 1, 1: F1 per class 4/5 (support 3) and 2/3 (support 1).
    expect(precisionRecallF1([0, 0, 0, 1], [0, 0, 1, 1], { average: 'weighted' }).f1).toBeCloseTo(
      (3 * 0.8 + 2 / 3) / 4,
      15,
    );
  });

  it('counts a class that is never predicted as precision 0, and one never true as recall 0 (zero_division=0)', () => {
    const scores = perClassScores([0, 0, 1], [0, 0, 0], 3);
    expect(scores.precision).toEqual([2 / 3, 0, 0]);
    expect(scores.recall).toEqual([1, 0, 0]);
    expect(scores.f1).toEqual([0.8, 0, 0]);
  });

  it('leaves classes absent from the truth out of balanced accuracy', () => {
    // class 0 recall 1/2, class 1 recall 1; class 2 only predicted.
    expect(balancedAccuracy([0, 0, 1], [0, 2, 1], 3)).toBe(0.75);
    expect(balancedAccuracy([], [], 2)).toBeNaN();
  });

  it('computes MCC and kappa, with sklearn’s answers when one side is constant', () => {
    // MCC: (tp·tn − fp·fn) / √((tp+fp)(tp+fn)(tn+fp)(tn+fn)) = (2 − 0) / √(3·2·2·1).
    expect(matthewsCorrcoef(yTrue, yPred)).toBeCloseTo(2 / Math.sqrt(12), 15);
    // Kappa: observed agreement 3/4, chance (2·1 + 2·3) / 16 = 1/2 -> (3/4 − 1/2) / (1 − 1/2).
    expect(cohenKappa(yTrue, yPred)).toBeCloseTo(0.5, 15);
    expect(matthewsCorrcoef([0, 1], [1, 1])).toBe(0);
    expect(cohenKappa([1, 1], [1, 1])).toBeNaN();
  });
});
