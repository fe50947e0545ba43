/**
 * A classifier's output on some rows: probabilities, row-major rows × K, classes by index 0 … K − 1.
 * For a binary task K = 2 and index 1 is the positive class.
 */
export interface ClassificationPrediction {
  proba: Float64Array | Float32Array;
  /** K, the number of classes. */
  classes: number;
}

/** The probability of the binary task's positive class (column 1) on every row, as float64. */
export function positiveProba(pred: ClassificationPrediction): Float64Array {
  const rows = pred.proba.length / pred.classes;
  const out = new Float64Array(rows);
  for (let i = 0; i < rows; i++) out[i] = pred.proba[i * pred.classes + 1]!;
  return out;
}

/**
 * The predicted class of every row.
 * - binary: positive (1) when P(positive) ≥ `threshold`, else 0. At the default 0.5 this is the argmax with a
 *   tie going to the positive class, as `score >= 0.5` in the oracle fixtures.
 * - multiclass: the argmax; a tie goes to the lowest index, as numpy's `argmax`.
 *
 * @example
 * predictedClasses({ proba: Float64Array.of(0.5, 0.5, 0.7, 0.3), classes: 2 }, 'binary'); // [1, 0]
 */
export function predictedClasses(
  pred: ClassificationPrediction,
  task: 'binary' | 'multiclass',
  threshold = 0.5,
): Int32Array {
  const k = pred.classes;
  const rows = pred.proba.length / k;
  const out = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    if (task === 'binary') {
      out[i] = pred.proba[i * k + 1]! >= threshold ? 1 : 0;
      continue;
    }
    let best = 0;
    for (let c = 1; c < k; c++) if (pred.proba[i * k + c]! > pred.proba[i * k + best]!) best = c;
    out[i] = best;
  }
  return out;
}
