// Every metric of every oracle fixture, against scikit-learn 1.2.1. The fixtures were written by
// ../shared/data/oracles/make_metrics_fixtures.py (with metrics_oracle.py, which records exactly which sklearn
// call and options give each value) and are copied into test/fixtures/oracles/metrics so that they travel with
// the repository. Each expected key is mapped to our function; a key with no mapping fails the test, so a new
// metric in a regenerated fixture cannot be skipped silently.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  accuracy,
  averagePrecision,
  balancedAccuracy,
  brierScore,
  classificationMetrics,
  cohenKappa,
  confusionMatrix,
  explainedVarianceScore,
  logLoss,
  matthewsCorrcoef,
  maxError,
  meanAbsoluteError,
  meanAbsolutePercentageError,
  meanSquaredError,
  medianAbsoluteError,
  perClassScores,
  precisionRecallF1,
  predictedClasses,
  r2Score,
  regressionMetrics,
  rocAuc,
  rocAucOneVsRest,
  rocCurve,
  rootMeanSquaredError,
} from '../../../src/core/metrics/index.ts';
import { compareToOracle, TOLERANCE } from './compare-to-oracle.ts';

const here = dirname(fileURLToPath(import.meta.url));
const FIXTURE_DIR = resolve(here, '../../fixtures/oracles/metrics');

interface Fixture {
  name: string;
  input: {
    task: 'binary' | 'multiclass' | 'regression';
    y_true: (number | string)[];
    y_pred: (number | string)[];
    y_score?: number[] | number[][];
    labels?: (number | string)[];
  };
  expected: Record<string, unknown>;
}

const fixtures: Fixture[] = readdirSync(FIXTURE_DIR)
  .filter((file) => file.endsWith('.json'))
  .sort()
  .map((file) => JSON.parse(readFileSync(resolve(FIXTURE_DIR, file), 'utf8')) as Fixture);

/** Labels as class indices, in the order of the oracle's `labels` (sorted, as sklearn orders them). */
function encode(fx: Fixture) {
  const labels = fx.expected.labels as (number | string)[];
  const index = (label: number | string) => {
    const i = labels.indexOf(label);
    if (i < 0) throw new Error(`${fx.name}: label ${label} is not in labels`);
    return i;
  };
  return { k: labels.length, yTrue: fx.input.y_true.map(index), yPred: fx.input.y_pred.map(index), labels };
}

/** Probabilities rows × K: [1 − p, p] per row for a binary score, else the score rows as given. */
function probaOf(fx: Fixture, k: number): Float64Array | undefined {
  const score = fx.input.y_score;
  if (score === undefined) return undefined;
  if (fx.input.task === 'binary') return Float64Array.from((score as number[]).flatMap((p) => [1 - p, p]));
  const rows = score as number[][];
  expect(rows.every((row) => row.length === k)).toBe(true);
  return Float64Array.from(rows.flat());
}

/** Each expected key computed by the standalone metric functions, from the fixture's y_pred and y_score. */
function fromFunctions(fx: Fixture): Record<string, unknown> {
  if (fx.input.task === 'regression') {
    const yTrue = fx.input.y_true as number[];
    const yPred = fx.input.y_pred as number[];
    return {
      mae: meanAbsoluteError(yTrue, yPred),
      mse: meanSquaredError(yTrue, yPred),
      rmse: rootMeanSquaredError(yTrue, yPred),
      r2: r2Score(yTrue, yPred),
      r2_force_finite_false: r2Score(yTrue, yPred, { forceFinite: false }),
      explained_variance: explainedVarianceScore(yTrue, yPred),
      median_absolute_error: medianAbsoluteError(yTrue, yPred),
      mape: meanAbsolutePercentageError(yTrue, yPred),
      max_error: maxError(yTrue, yPred),
    };
  }
  const { k, yTrue, yPred, labels } = encode(fx);
  const averaged = (average: 'binary' | 'macro' | 'weighted' | 'micro') =>
    precisionRecallF1(yTrue, yPred, { average, classes: k });
  const out: Record<string, unknown> = {
    accuracy: accuracy(yTrue, yPred),
    balanced_accuracy: balancedAccuracy(yTrue, yPred, k),
    mcc: matthewsCorrcoef(yTrue, yPred, k),
    confusion_matrix: confusionMatrix(yTrue, yPred, k),
  };
  for (const average of ['macro', 'weighted', 'micro'] as const) {
    const scores = averaged(average);
    out[`precision_${average}`] = scores.precision;
    out[`recall_${average}`] = scores.recall;
    out[`f1_${average}`] = scores.f1;
  }
  const proba = probaOf(fx, k);
  if (fx.input.task === 'binary') {
    Object.assign(out, averaged('binary'));
    if (proba) {
      const score = fx.input.y_score as number[];
      Object.assign(out, {
        roc_auc: rocAuc(yTrue, score),
        average_precision: averagePrecision(yTrue, score),
        log_loss: logLoss(yTrue, proba, 2),
        brier: brierScore(yTrue, score),
        roc_curve: rocCurve(yTrue, score),
      });
    }
    return out;
  }
  const perClass = perClassScores(yTrue, yPred, k);
  out.per_class = Object.fromEntries(
    labels.map((label, c) => [
      String(label),
      {
        precision: perClass.precision[c],
        recall: perClass.recall[c],
        f1: perClass.f1[c],
        support: perClass.support[c],
      },
    ]),
  );
  out.cohen_kappa = cohenKappa(yTrue, yPred, k);
  if (proba) {
    const top1 = predictedClasses({ proba, classes: k }, 'multiclass');
    Object.assign(out, {
      roc_auc_ovr_macro: rocAucOneVsRest(yTrue, proba, k, 'macro'),
      roc_auc_ovr_weighted: rocAucOneVsRest(yTrue, proba, k, 'weighted'),
      log_loss: logLoss(yTrue, proba, k),
      top_1_from_scores_accuracy: accuracy(yTrue, top1),
    });
  }
  return out;
}

/**
 * The expected keys that the one-call summaries (`classificationMetrics`, `regressionMetrics`) report, under
 * the oracle's names. A fixture without scores gets one-hot probabilities of its y_pred, so that the label
 * metrics of the summary are still checked.
 */
function fromSummary(fx: Fixture): Record<string, unknown> {
  if (fx.input.task === 'regression') {
    const { mae, mse, rmse, r2, mape, explained_variance, median_absolute_error, max_error } =
      regressionMetrics(fx.input.y_true as number[], fx.input.y_pred as number[]);
    return { mae, mse, rmse, r2, mape, explained_variance, median_absolute_error, max_error };
  }
  const { k, yTrue, yPred } = encode(fx);
  const proba =
    probaOf(fx, k) ??
    Float64Array.from(yPred.flatMap((p) => Array.from({ length: k }, (_, c) => +(c === p))));
  const m = classificationMetrics(yTrue, { proba, classes: k }, fx.input.task as 'binary' | 'multiclass');
  const out: Record<string, unknown> = {
    accuracy: m.accuracy,
    balanced_accuracy: m.balanced_accuracy,
    precision_macro: m.precision_macro,
    recall_macro: m.recall_macro,
    f1_macro: m.f1_macro,
    precision_weighted: m.precision_weighted,
    recall_weighted: m.recall_weighted,
    f1_weighted: m.f1_weighted,
    mcc: m.mcc,
  };
  if (fx.input.task === 'binary') {
    Object.assign(out, {
      precision: m.precision,
      recall: m.recall,
      f1: m.f1,
      roc_auc: m.roc_auc,
      average_precision: m.average_precision,
      log_loss: m.log_loss,
      brier: m.brier,
    });
  } else {
    out.cohen_kappa = m.cohen_kappa;
    if (fx.input.y_score !== undefined) {
      Object.assign(out, {
        roc_auc_ovr_macro: m.roc_auc,
        roc_auc_ovr_weighted: m.roc_auc_weighted,
        log_loss: m.log_loss,
        top_1_from_scores_accuracy: m.accuracy,
      });
    }
  }
  return out;
}

describe('metrics agree with scikit-learn 1.2.1 on every oracle fixture', () => {
  it('finds the fixtures', () => {
    expect(fixtures.map((fx) => fx.name)).toEqual([
      'binary_all_negative_predictions',
      'binary_random_seed101',
      'binary_single_class_truth',
      'binary_tied_scores',
      'multiclass_class_never_predicted',
      'multiclass_string_labels_pred_only_class',
      'regression_constant_target',
      'regression_with_outliers',
    ]);
  });

  for (const fx of fixtures) {
    describe(fx.name, () => {
      it(`computes every expected metric with the standalone functions, within ${TOLERANCE}`, () => {
        const report = compareToOracle(fx.expected, fromFunctions(fx));
        expect(report.mismatches).toEqual([]);
        expect(report.compared).toBeGreaterThan(0);
      });

      it(`reports the same values from the one-call summary`, () => {
        const report = compareToOracle(fx.expected, fromSummary(fx), { partial: true });
        expect(report.mismatches).toEqual([]);
      });

      if ('roc_curve_error' in fx.expected) {
        it('gives a ROC curve of NaN rates where sklearn refuses one (a single class in the truth)', () => {
          const { yTrue } = encode(fx);
          const curve = rocCurve(yTrue, fx.input.y_score as number[]);
          const rates = yTrue.includes(1) ? curve.fpr : curve.tpr;
          expect(rates.length).toBeGreaterThan(0);
          expect(rates.every(Number.isNaN)).toBe(true);
        });
      }

      if (fx.input.task !== 'regression' && fx.input.y_score !== undefined) {
        it('predicts the fixture’s y_pred from its scores (binary: score ≥ 0.5; multiclass: argmax)', () => {
          const { k, yPred } = encode(fx);
          const task = fx.input.task as 'binary' | 'multiclass';
          expect(Array.from(predictedClasses({ proba: probaOf(fx, k)!, classes: k }, task))).toEqual(yPred);
        });
      }
    });
  }
});
