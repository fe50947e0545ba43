// The metrics report of `looplab metrics` (LIFECYCLE.md §5): every metric of the sklearn oracle
// (../shared/data/oracles/metrics_oracle.py) for one set of predictions, under the oracle's key names and in
// its structure, so that the CLI output and the oracle's `expected` block can be compared key by key.
//
// Conventions are the oracle's (scikit-learn 1.2.1): labels default to the sorted union of y_true and y_pred;
// precision, recall and F1 with zero_division=0; a metric sklearn refuses is null, with sklearn's error text
// under `<key>_error`; a non-finite value is the string 'inf', '-inf' or 'nan', as the oracle writes it.
import { accuracy } from './accuracy.ts';
import { averagePrecision } from './average-precision.ts';
import { balancedAccuracyFromConfusion } from './balanced-accuracy.ts';
import { brierScore } from './brier-score.ts';
import { cohenKappaFromConfusion } from './cohen-kappa.ts';
import { confusionMatrix } from './confusion-matrix.ts';
import { logLoss } from './log-loss.ts';
import { matthewsCorrcoefFromConfusion } from './matthews-corrcoef.ts';
import { averagedScoresFromConfusion, perClassScoresFromConfusion } from './precision-recall-f1.ts';
import { explainedVarianceScore, r2Score } from './r2-score.ts';
import {
  maxError,
  meanAbsoluteError,
  meanAbsolutePercentageError,
  meanSquaredError,
  medianAbsoluteError,
} from './regression-errors.ts';
import { averageOneVsRest, oneVsRestAreas, rocAuc } from './roc-auc.ts';
import { rocCurve } from './roc-curve.ts';

export type MetricsLabel = string | number;
export type MetricsTask = 'binary' | 'multiclass' | 'regression';

/** The oracle's input: `metrics_oracle.py INPUT.json`. */
export interface MetricsInput {
  task: MetricsTask;
  y_true: MetricsLabel[];
  y_pred: MetricsLabel[];
  /** Binary: P(positive) per row. Multiclass: one probability vector per row, columns in `labels` order. */
  y_score?: number[] | number[][];
  /** Default: the sorted union of y_true and y_pred (numbers numerically, strings by code point). */
  labels?: MetricsLabel[];
  /** Binary only. Default 1 when 1 is a label, else the last label. */
  pos_label?: MetricsLabel;
}

/** A number as the oracle writes it: finite as is, non-finite as Python's `str(float)`. */
export type OracleNumber = number | 'inf' | '-inf' | 'nan';

export interface BinaryRocCurve {
  fpr: OracleNumber[];
  tpr: OracleNumber[];
  thresholds: OracleNumber[];
  note: string;
}

export interface BinaryReport {
  labels: MetricsLabel[];
  pos_label: MetricsLabel;
  accuracy: OracleNumber;
  balanced_accuracy: OracleNumber;
  precision: OracleNumber;
  recall: OracleNumber;
  f1: OracleNumber;
  precision_macro: OracleNumber;
  recall_macro: OracleNumber;
  f1_macro: OracleNumber;
  precision_weighted: OracleNumber;
  recall_weighted: OracleNumber;
  f1_weighted: OracleNumber;
  mcc: OracleNumber;
  confusion_matrix: number[][];
  roc_auc?: OracleNumber | null;
  roc_auc_error?: string;
  average_precision?: OracleNumber | null;
  log_loss?: OracleNumber;
  brier?: OracleNumber;
  roc_curve?: BinaryRocCurve;
  roc_curve_error?: string;
}

export interface PerClassReport {
  precision: OracleNumber;
  recall: OracleNumber;
  f1: OracleNumber;
  support: number;
}

export interface MulticlassReport {
  labels: MetricsLabel[];
  accuracy: OracleNumber;
  balanced_accuracy: OracleNumber;
  precision_macro: OracleNumber;
  recall_macro: OracleNumber;
  f1_macro: OracleNumber;
  precision_weighted: OracleNumber;
  recall_weighted: OracleNumber;
  f1_weighted: OracleNumber;
  precision_micro: OracleNumber;
  recall_micro: OracleNumber;
  f1_micro: OracleNumber;
  /** Keyed by the label as text (Python's `str(label)`). */
  per_class: Record<string, PerClassReport>;
  mcc: OracleNumber;
  cohen_kappa: OracleNumber;
  confusion_matrix: number[][];
  roc_auc_ovr_macro?: OracleNumber | null;
  roc_auc_ovr_macro_error?: string;
  roc_auc_ovr_weighted?: OracleNumber | null;
  roc_auc_ovr_weighted_error?: string;
  log_loss?: OracleNumber;
  top_1_from_scores_accuracy?: OracleNumber;
}

export interface RegressionReport {
  mae: OracleNumber;
  mse: OracleNumber;
  rmse: OracleNumber;
  r2: OracleNumber;
  r2_force_finite_false: OracleNumber;
  explained_variance: OracleNumber;
  median_absolute_error: OracleNumber;
  mape: OracleNumber;
  max_error: OracleNumber;
}

export type MetricsReport = BinaryReport | MulticlassReport | RegressionReport;

/** sklearn 1.2.1's refusals, as the oracle records them (`f"{type(e).__name__}: {e}"`). */
const ONE_CLASS_AUC =
  'ValueError: Only one class present in y_true. ROC AUC score is not defined in that case.';
const ONE_CLASS_ROC_CURVE = 'ValueError: roc_curve undefined: y_true has a single class';
const NOT_PROBABILITIES =
  'ValueError: Target scores need to be probabilities for multiclass roc_auc, i.e. they should sum up to 1.0 over classes';
const LABELS_NOT_ORDERED = "ValueError: Parameter 'labels' must be ordered";
const ROC_CURVE_NOTE = 'sklearn 1.2.1: first threshold is max(score)+1; drop_intermediate=False';

const FIELDS = new Set(['task', 'y_true', 'y_pred', 'y_score', 'labels', 'pos_label', 'seed']);

/** A value as the oracle prints it: non-finite numbers become 'inf', '-inf' or 'nan'. */
function oracleNumber(x: number): OracleNumber {
  if (Number.isFinite(x)) return x;
  if (Number.isNaN(x)) return 'nan';
  return x > 0 ? 'inf' : '-inf';
}

function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** Python's order for a list of one kind: numbers numerically, strings by code point. */
function compareLabels(a: MetricsLabel, b: MetricsLabel): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = [...String(a)].map((c) => c.codePointAt(0)!);
  const y = [...String(b)].map((c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

function checkLabelArray(value: unknown, field: string): MetricsLabel[] {
  if (!Array.isArray(value)) throw new Error(`${field} must be an array, got ${describe(value)}.`);
  value.forEach((v: unknown, i) => {
    if (typeof v === 'string') return;
    // sklearn takes fractional numbers for a continuous target and refuses to score them as classes.
    if (typeof v !== 'number' || !Number.isInteger(v))
      throw new Error(`${field}[${i}] must be a string or a whole number, got ${describe(v)}.`);
  });
  return value as MetricsLabel[];
}

function checkNumberArray(value: unknown, field: string): number[] {
  if (!Array.isArray(value)) throw new Error(`${field} must be an array, got ${describe(value)}.`);
  value.forEach((v: unknown, i) => {
    if (typeof v !== 'number' || !Number.isFinite(v))
      throw new Error(`${field}[${i}] must be a number, got ${describe(v)}.`);
  });
  return value as number[];
}

/** The kind ('number' or 'string') shared by every label, or an error naming the first that differs. */
function checkOneKind(arrays: [MetricsLabel[], string][]): void {
  let kind: string | undefined;
  let first = '';
  for (const [values, field] of arrays) {
    for (let i = 0; i < values.length; i++) {
      const k = typeof values[i];
      if (kind === undefined) {
        kind = k;
        first = `${field}[${i}]`;
      } else if (k !== kind)
        throw new Error(
          `${field}[${i}] is a ${k} but ${first} is a ${kind}: labels must be all numbers or all strings.`,
        );
    }
  }
}

interface ClassificationData {
  labels: MetricsLabel[];
  /** Class indices in `labels` order. */
  yTrue: number[];
  yPred: number[];
}

function encodeLabels(input: MetricsInput): ClassificationData {
  const given = input.labels;
  const labels =
    given && given.length > 0 ? given : [...new Set([...input.y_true, ...input.y_pred])].sort(compareLabels);
  const index = new Map<MetricsLabel, number>();
  labels.forEach((label, i) => {
    if (index.has(label)) throw new Error(`labels[${i}] repeats ${describe(label)}: labels must be unique.`);
    index.set(label, i);
  });
  const encode = (values: MetricsLabel[], field: string) =>
    values.map((v, i) => {
      const c = index.get(v);
      if (c === undefined) throw new Error(`${field}[${i}] is ${describe(v)}, which is not one of labels.`);
      return c;
    });
  return { labels, yTrue: encode(input.y_true, 'y_true'), yPred: encode(input.y_pred, 'y_pred') };
}

/**
 * Checks a parsed JSON value is a metrics input and returns it typed. Each error names the field and, for an
 * array, the row: "y_score[3] must be a number, got \"x\"."
 */
export function parseMetricsInput(value: unknown): MetricsInput {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error(`the input must be a JSON object with task, y_true and y_pred, got ${describe(value)}.`);
  const raw = value as Record<string, unknown>;
  for (const key of Object.keys(raw)) {
    if (!FIELDS.has(key))
      throw new Error(`unknown field "${key}"; expected task, y_true, y_pred, y_score, labels, pos_label.`);
  }
  const task = raw.task;
  if (task !== 'binary' && task !== 'multiclass' && task !== 'regression')
    throw new Error(`task must be "binary", "multiclass" or "regression", got ${describe(task)}.`);
  const present = (key: string) => raw[key] !== undefined && raw[key] !== null;

  if (task === 'regression') {
    for (const key of ['y_score', 'labels', 'pos_label'])
      if (present(key)) throw new Error(`${key} does not apply to task "regression".`);
    const y_true = checkNumberArray(raw.y_true, 'y_true');
    const y_pred = checkNumberArray(raw.y_pred, 'y_pred');
    checkRows(y_true, y_pred);
    return { task, y_true, y_pred };
  }

  const y_true = checkLabelArray(raw.y_true, 'y_true');
  const y_pred = checkLabelArray(raw.y_pred, 'y_pred');
  checkRows(y_true, y_pred);
  const input: MetricsInput = { task, y_true, y_pred };
  const kinds: [MetricsLabel[], string][] = [
    [y_true, 'y_true'],
    [y_pred, 'y_pred'],
  ];
  if (present('labels')) {
    input.labels = checkLabelArray(raw.labels, 'labels');
    kinds.push([input.labels, 'labels']);
  }
  if (present('pos_label')) {
    if (task !== 'binary') throw new Error(`pos_label applies to task "binary" only.`);
    const pos = raw.pos_label;
    if (typeof pos !== 'string' && (typeof pos !== 'number' || !Number.isInteger(pos)))
      throw new Error(`pos_label must be a string or a whole number, got ${describe(pos)}.`);
    input.pos_label = pos;
    kinds.push([[pos], 'pos_label']);
  }
  checkOneKind(kinds);
  const { labels } = encodeLabels(input);

  if (present('y_score')) {
    const score = raw.y_score;
    if (!Array.isArray(score)) throw new Error(`y_score must be an array, got ${describe(score)}.`);
    if (score.length !== y_true.length)
      throw new Error(`y_score has ${score.length} rows but y_true has ${y_true.length}.`);
    if (task === 'binary') {
      // brier_score_loss refuses scores outside [0, 1], so the oracle takes probabilities only.
      checkNumberArray(score, 'y_score').forEach((p, i) => {
        if (p < 0 || p > 1) throw new Error(`y_score[${i}] must be a probability in [0, 1], got ${p}.`);
      });
      input.y_score = score as number[];
    } else {
      if (labels.length < 3)
        throw new Error(
          `y_score needs at least 3 labels for task "multiclass" (got ${labels.length}); use task "binary".`,
        );
      score.forEach((row: unknown, i) => {
        checkNumberArray(row, `y_score[${i}]`);
        if ((row as number[]).length !== labels.length)
          throw new Error(
            `y_score[${i}] has ${(row as number[]).length} values but there are ${labels.length} labels.`,
          );
      });
      input.y_score = score as number[][];
    }
  }
  if (task === 'binary') {
    if (labels.length > 2)
      throw new Error(
        `task "binary" takes at most 2 labels, got ${labels.length} (${labels.map(describe).join(', ')}); ` +
          'use task "multiclass".',
      );
    if (input.pos_label !== undefined && !labels.includes(input.pos_label))
      throw new Error(`pos_label ${describe(input.pos_label)} is not one of labels.`);
  }
  return input;
}

function checkRows(y_true: unknown[], y_pred: unknown[]): void {
  if (y_true.length === 0) throw new Error('y_true must have at least one row.');
  if (y_pred.length !== y_true.length)
    throw new Error(`y_pred has ${y_pred.length} rows but y_true has ${y_true.length}.`);
}

/** The label-based metrics both classification tasks share, from the confusion matrix in `labels` order. */
function averages(matrix: number[][], kinds: readonly ('macro' | 'weighted' | 'micro')[]) {
  const out: Record<string, OracleNumber> = {};
  for (const average of kinds) {
    const { precision, recall, f1 } = averagedScoresFromConfusion(matrix, average);
    out[`precision_${average}`] = oracleNumber(precision);
    out[`recall_${average}`] = oracleNumber(recall);
    out[`f1_${average}`] = oracleNumber(f1);
  }
  return out;
}

function binaryReport(input: MetricsInput): BinaryReport {
  const { labels, yTrue, yPred } = encodeLabels(input);
  const pos = input.pos_label ?? (labels.includes(1) ? 1 : labels[labels.length - 1]!);
  const posIndex = labels.indexOf(pos);
  const matrix = confusionMatrix(yTrue, yPred, labels.length);
  const binary = averagedScoresFromConfusion(matrix, 'binary', posIndex);
  const report = {
    labels,
    pos_label: pos,
    accuracy: oracleNumber(accuracy(yTrue, yPred)),
    balanced_accuracy: oracleNumber(balancedAccuracyFromConfusion(matrix)),
    precision: oracleNumber(binary.precision),
    recall: oracleNumber(binary.recall),
    f1: oracleNumber(binary.f1),
    ...averages(matrix, ['macro', 'weighted']),
    mcc: oracleNumber(matthewsCorrcoefFromConfusion(matrix)),
    confusion_matrix: matrix,
  } as BinaryReport;
  const score = input.y_score as number[] | undefined;
  if (score === undefined) return report;
  const y01 = yTrue.map((c) => (c === posIndex ? 1 : 0));
  const oneClass = !(y01.includes(0) && y01.includes(1));
  const auc = rocAuc(y01, score);
  if (oneClass || Number.isNaN(auc)) {
    report.roc_auc = null;
    report.roc_auc_error = ONE_CLASS_AUC;
  } else report.roc_auc = oracleNumber(auc);
  report.average_precision = oracleNumber(averagePrecision(y01, score));
  report.log_loss = oracleNumber(logLoss(y01, Float64Array.from(score.flatMap((p) => [1 - p, p])), 2));
  report.brier = oracleNumber(brierScore(y01, score));
  if (oneClass) report.roc_curve_error = ONE_CLASS_ROC_CURVE;
  else {
    const curve = rocCurve(y01, score);
    report.roc_curve = {
      fpr: curve.fpr.map(oracleNumber),
      tpr: curve.tpr.map(oracleNumber),
      thresholds: curve.thresholds.map(oracleNumber),
      note: ROC_CURVE_NOTE,
    };
  }
  return report;
}

/** numpy.allclose(1, s): |1 − s| ≤ 1e-8 + 1e-5·|s|, sklearn's check that score rows are distributions. */
function sumsToOne(row: number[]): boolean {
  let s = 0;
  for (const v of row) s += v;
  return Math.abs(1 - s) <= 1e-8 + 1e-5 * Math.abs(s);
}

function multiclassReport(input: MetricsInput): MulticlassReport {
  const { labels, yTrue, yPred } = encodeLabels(input);
  const k = labels.length;
  const matrix = confusionMatrix(yTrue, yPred, k);
  const perClass = perClassScoresFromConfusion(matrix);
  const report = {
    labels,
    accuracy: oracleNumber(accuracy(yTrue, yPred)),
    balanced_accuracy: oracleNumber(balancedAccuracyFromConfusion(matrix)),
    ...averages(matrix, ['macro', 'weighted', 'micro']),
    per_class: Object.fromEntries(
      labels.map((label, c) => [
        String(label),
        {
          precision: oracleNumber(perClass.precision[c]!),
          recall: oracleNumber(perClass.recall[c]!),
          f1: oracleNumber(perClass.f1[c]!),
          support: perClass.support[c]!,
        },
      ]),
    ),
    mcc: oracleNumber(matthewsCorrcoefFromConfusion(matrix)),
    cohen_kappa: oracleNumber(cohenKappaFromConfusion(matrix)),
    confusion_matrix: matrix,
  } as MulticlassReport;
  const rows = input.y_score as number[][] | undefined;
  if (rows === undefined) return report;
  const proba = Float64Array.from(rows.flat());

  // roc_auc_score(multi_class='ovr', labels=labels): sklearn checks the rows, then the label order, then
  // computes each class's area; one class without both outcomes in y_true makes the average undefined.
  const sorted = [...labels].sort(compareLabels);
  let refusal: string | undefined;
  let areas: ReturnType<typeof oneVsRestAreas> | undefined;
  if (!rows.every(sumsToOne)) refusal = NOT_PROBABILITIES;
  else if (sorted.some((label, c) => label !== labels[c])) refusal = LABELS_NOT_ORDERED;
  else {
    areas = oneVsRestAreas(yTrue, proba, k);
    if (areas.areas.some(Number.isNaN)) refusal = ONE_CLASS_AUC;
  }
  for (const average of ['macro', 'weighted'] as const) {
    const key = `roc_auc_ovr_${average}` as const;
    if (refusal !== undefined || areas === undefined) {
      report[key] = null;
      report[`${key}_error` as const] = refusal;
    } else report[key] = oracleNumber(averageOneVsRest(areas, average));
  }

  // log_loss(labels=labels) binarises with LabelBinarizer, whose classes are sorted: the score columns are
  // read in sorted label order even when `labels` is given in another.
  const sortedIndex = new Map(sorted.map((label, c) => [label, c]));
  const yTrueSorted = input.y_true.map((v) => sortedIndex.get(v)!);
  report.log_loss = oracleNumber(logLoss(yTrueSorted, proba, k));

  let top1 = 0;
  rows.forEach((row, i) => {
    let best = 0;
    for (let c = 1; c < k; c++) if (row[c]! > row[best]!) best = c;
    if (best === yTrue[i]) top1++;
  });
  report.top_1_from_scores_accuracy = oracleNumber(top1 / rows.length);
  return report;
}

function regressionReport(input: MetricsInput): RegressionReport {
  const yTrue = input.y_true as number[];
  const yPred = input.y_pred as number[];
  const mse = meanSquaredError(yTrue, yPred);
  // sklearn's r2_score returns NaN (with a warning) for fewer than two rows, whatever force_finite says.
  const r2 = (forceFinite: boolean) => (yTrue.length < 2 ? NaN : r2Score(yTrue, yPred, { forceFinite }));
  return {
    mae: oracleNumber(meanAbsoluteError(yTrue, yPred)),
    mse: oracleNumber(mse),
    rmse: oracleNumber(Math.sqrt(mse)),
    r2: oracleNumber(r2(true)),
    r2_force_finite_false: oracleNumber(r2(false)),
    explained_variance: oracleNumber(explainedVarianceScore(yTrue, yPred)),
    median_absolute_error: oracleNumber(medianAbsoluteError(yTrue, yPred)),
    mape: oracleNumber(meanAbsolutePercentageError(yTrue, yPred)),
    max_error: oracleNumber(maxError(yTrue, yPred)),
  };
}

/**
 * Every metric the sklearn oracle reports for one set of predictions, under its key names (see
 * `metrics_oracle.py`): binary — accuracy, balanced accuracy, precision/recall/F1 of `pos_label` and their
 * macro and weighted averages, MCC, the confusion matrix and, with `y_score`, ROC AUC, average precision, log
 * loss, Brier score and the ROC curve; multiclass — the same label metrics plus micro averages, per-class
 * scores and Cohen's kappa, and with `y_score` one-vs-rest ROC AUC (macro, weighted), log loss and top-1
 * accuracy from the scores; regression — MAE, MSE, RMSE, R² (force_finite true and false), explained
 * variance, median absolute error, MAPE and max error.
 *
 * @param input As the oracle's INPUT.json; checked here (it usually comes straight from a JSON file).
 * @throws Error naming the field and row of the first invalid value.
 * @example
 * metricsReport({ task: 'binary', y_true: ['no', 'yes', 'yes'], y_pred: ['no', 'yes', 'no'] });
 * // { labels: ['no', 'yes'], pos_label: 'yes', accuracy: 0.6666666666666666, ..., confusion_matrix: [[1, 0], [1, 1]] }
 */
export function metricsReport(input: MetricsInput): MetricsReport {
  const checked = parseMetricsInput(input);
  if (checked.task === 'regression') return regressionReport(checked);
  return checked.task === 'binary' ? binaryReport(checked) : multiclassReport(checked);
}
