import { describe, expect, it } from 'vitest';
import { classificationMetrics, predictedClasses } from '../../../src/core/metrics/index.ts';

describe('classificationMetrics, binary', () => {
  // Worked by hand. Truth 0, 0, 1, 1; P(positive) 0.1, 0.6, 0.4, 0.8; predicted (P ≥ 0.5) 0, 1, 0, 1.
  // Confusion [[tn 1, fp 1], [fn 1, tp 1]]:
  //   accuracy 2/4; precision 1/2; recall 1/2; F1 1/2; balanced accuracy (1/2 + 1/2) / 2; MCC (1·1 − 1·1)/… = 0.
  // ROC AUC: positive scores 0.4, 0.8 vs negative 0.1, 0.6: pairs won (0.4>0.1), (0.8>0.1), (0.8>0.6) = 3 of 4.
  // Average precision, scores high to low: 0.8 (+) P 1 R 1/2; 0.6 (−); 0.4 (+) P 2/3 R 1 -> 1/2·1 + 1/2·2/3.
  // Log loss: −(ln 0.9 + ln 0.4 + ln 0.4 + ln 0.8) / 4, the probability given to each row's true class.
  // Brier: (0.1² + 0.6² + 0.6² + 0.2²) / 4 = 0.77 / 4.
  const yTrue = [0, 0, 1, 1];
  const proba = Float64Array.of(0.9, 0.1, 0.4, 0.6, 0.6, 0.4, 0.2, 0.8);
  const m = classificationMetrics(yTrue, { proba, classes: 2 }, 'binary');

  it('computes the metrics of a 4-row case worked by hand', () => {
    expect(m.accuracy).toBe(0.5);
    expect(m.balanced_accuracy).toBe(0.5);
    expect(m.precision).toBe(0.5);
    expect(m.recall).toBe(0.5);
    expect(m.f1).toBe(0.5);
    expect(m.mcc).toBe(0);
    expect(m.roc_auc).toBe(0.75);
    expect(m.average_precision).toBeCloseTo(0.5 + 0.5 * (2 / 3), 15);
    expect(m.log_loss).toBeCloseTo(-(Math.log(0.9) + 2 * Math.log(0.4) + Math.log(0.8)) / 4, 15);
    expect(m.brier).toBeCloseTo(0.1925, 15);
  });

  it('reports every MetricName of a binary problem card, and the extra keys', () => {
    expect(Object.keys(m).sort()).toEqual(
      [
        'accuracy',
        'average_precision',
        'balanced_accuracy',
        'brier',
        'f1',
        'f1_macro',
        'f1_weighted',
        'log_loss',
        'mcc',
        'precision',
        'precision_macro',
        'precision_weighted',
        'recall',
        'recall_macro',
        'recall_weighted',
        'roc_auc',
      ].sort(),
    );
  });

  it('predicts the positive class at exactly 0.5, and follows a chosen threshold', () => {
    const tie = { proba: Float64Array.of(0.5, 0.5, 0.51, 0.49), classes: 2 };
    expect(Array.from(predictedClasses(tie, 'binary'))).toEqual([1, 0]);
    // Threshold 0.7: only the 0.8 row is predicted positive -> precision 1, recall 1/2.
    const strict = classificationMetrics(yTrue, { proba, classes: 2 }, 'binary', { threshold: 0.7 });
    expect([strict.precision, strict.recall, strict.accuracy]).toEqual([1, 0.5, 0.75]);
    // Score metrics do not depend on the threshold.
    expect(strict.roc_auc).toBe(m.roc_auc);
  });

  it('gives 0 (not NaN) for precision and F1 when the positive class is never predicted', () => {
    const none = classificationMetrics(
      [0, 1, 1],
      { proba: Float64Array.of(0.9, 0.1, 0.8, 0.2, 0.7, 0.3), classes: 2 },
      'binary',
    );
    expect([none.precision, none.recall, none.f1]).toEqual([0, 0, 0]);
    expect(none.roc_auc).toBe(1);
  });

  it('gives NaN ROC AUC when the truth has a single class, while the other metrics stay defined', () => {
    const one = classificationMetrics(
      [1, 1],
      { proba: Float64Array.of(0.3, 0.7, 0.6, 0.4), classes: 2 },
      'binary',
    );
    expect(one.roc_auc).toBeNaN();
    expect(one.accuracy).toBe(0.5);
    expect(one.recall).toBe(0.5);
    expect(one.log_loss).toBeCloseTo(-(Math.log(0.7) + Math.log(0.4)) / 2, 15);
  });

  it('accepts float32 probabilities', () => {
    const m32 = classificationMetrics(yTrue, { proba: Float32Array.from(proba), classes: 2 }, 'binary');
    expect(m32.roc_auc).toBe(0.75);
    expect(m32.log_loss).toBeCloseTo(m.log_loss!, 6);
  });

  it('refuses a class index out of range, a proba of the wrong size and a binary task with 3 classes', () => {
    expect(() =>
      classificationMetrics([0, 2], { proba: Float64Array.of(1, 0, 0, 1), classes: 2 }, 'binary'),
    ).toThrow('yTrue[1] is 2');
    expect(() =>
      classificationMetrics([0, 1], { proba: Float64Array.of(1, 0, 0), classes: 2 }, 'binary'),
    ).toThrow('proba has 3 values; expected 2 rows × 2 classes');
    expect(() =>
      classificationMetrics([0], { proba: Float64Array.of(1, 0, 0), classes: 3 }, 'binary'),
    ).toThrow('needs 2 classes');
  });
});

describe('classificationMetrics, multiclass', () => {
  // Worked by hand. Truth 0, 1, 2, 2; rows of P (classes 0, 1, 2):
  //   [0.7 0.2 0.1] -> 0   [0.3 0.4 0.3] -> 1   [0.2 0.5 0.3] -> 1   [0.1 0.1 0.8] -> 2
  // Confusion [[1 0 0], [0 1 0], [0 1 1]]: accuracy 3/4.
  //   precision 1, 1/2, 1; recall 1, 1, 1/2; F1 1, 2/3, 2/3 -> macro F1 7/9; balanced accuracy (1 + 1 + 1/2) / 3.
  // One-vs-rest AUC: class 0 scores 0.7 (+) above 0.3, 0.2, 0.1 -> 1;
  //   class 1: 0.4 (+) vs 0.2, 0.5, 0.1 -> 2/3; class 2: 0.3, 0.8 (+) vs 0.1, 0.3 (−) -> (1 + 1/2 + 1 + 1) / 4.
  //   macro: (1 + 2/3 + 7/8) / 3; weighted by support 1, 1, 2: (1 + 2/3 + 2·7/8) / 4.
  // Log loss: −(ln 0.7 + ln 0.4 + ln 0.3 + ln 0.8) / 4.
  const yTrue = [0, 1, 2, 2];
  const proba = Float64Array.of(0.7, 0.2, 0.1, 0.3, 0.4, 0.3, 0.2, 0.5, 0.3, 0.1, 0.1, 0.8);
  const m = classificationMetrics(yTrue, { proba, classes: 3 }, 'multiclass');

  it('computes the metrics of a 4-row case worked by hand', () => {
    expect(m.accuracy).toBe(0.75);
    expect(m.f1_macro).toBeCloseTo(7 / 9, 15);
    expect(m.f1).toBe(m.f1_macro);
    expect(m.balanced_accuracy).toBeCloseTo(2.5 / 3, 15);
    expect(m.roc_auc).toBeCloseTo((1 + 2 / 3 + 7 / 8) / 3, 15);
    expect(m.roc_auc_weighted).toBeCloseTo((1 + 2 / 3 + (2 * 7) / 8) / 4, 15);
    expect(m.log_loss).toBeCloseTo(-(Math.log(0.7) + Math.log(0.4) + Math.log(0.3) + Math.log(0.8)) / 4, 15);
    expect(m.precision_macro).toBeCloseTo(2.5 / 3, 15);
    expect(m.recall_macro).toBeCloseTo(2.5 / 3, 15);
  });

  it('reports every MetricName of a multiclass problem card, and the extra keys', () => {
    expect(Object.keys(m).sort()).toEqual(
      [
        'accuracy',
        'balanced_accuracy',
        'cohen_kappa',
        'f1',
        'f1_macro',
        'f1_weighted',
        'log_loss',
        'mcc',
        'precision_macro',
        'precision_weighted',
        'recall_macro',
        'recall_weighted',
        'roc_auc',
        'roc_auc_weighted',
      ].sort(),
    );
  });

  it('breaks an argmax tie towards the lower class index, as numpy does', () => {
    const tie = { proba: Float64Array.of(0.4, 0.4, 0.2, 0.1, 0.45, 0.45), classes: 3 };
    expect(Array.from(predictedClasses(tie, 'multiclass'))).toEqual([0, 1]);
  });

  it('gives NaN ROC AUC when a class never occurs in the truth (sklearn refuses it)', () => {
    const missing = classificationMetrics(
      [0, 1],
      { proba: Float64Array.of(0.8, 0.1, 0.1, 0.2, 0.7, 0.1), classes: 3 },
      'multiclass',
    );
    expect(missing.roc_auc).toBeNaN();
    expect(missing.accuracy).toBe(1);
    // A class that is neither true nor predicted is left out of the macro average, as sklearn's default
    // labels leave it: f1_score([0, 1], [0, 1], average='macro') is 1.0 (it was 2/3 before issue 15).
    expect(missing.f1_macro).toBe(1);
    expect(missing.balanced_accuracy).toBe(1);
  });
});
