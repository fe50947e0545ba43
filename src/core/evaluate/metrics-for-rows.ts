import { classificationMetrics, regressionMetrics } from '../metrics/index.ts';
import type { ModelOutput } from '../models/model-output.ts';
import type { TaskType } from '../problem/problem-card.ts';

/**
 * Every metric of the task on some of the rows of one prediction: the same metric code the run was scored
 * with, so a segment's value and the overall value are computed the same way.
 *
 * @param rows Row indices to keep, in order; all rows when omitted.
 * @param threshold Binary only: predict positive when P(positive) ≥ threshold (default 0.5).
 * @throws RangeError when the output's kind does not fit the task, or from the metric functions.
 */
export function metricsForRows(
  task: TaskType,
  yTrue: ArrayLike<number>,
  output: ModelOutput,
  rows?: readonly number[],
  threshold?: number,
): Record<string, number> {
  const picked = rows ?? Array.from({ length: yTrue.length }, (_, i) => i);
  const y = new Float64Array(picked.length);
  for (let j = 0; j < picked.length; j++) y[j] = yTrue[picked[j]!]!;
  if (task === 'regression') {
    if (output.kind !== 'value') throw new RangeError('a regression task needs value predictions.');
    const values = new Float64Array(picked.length);
    for (let j = 0; j < picked.length; j++) values[j] = output.values[picked[j]!]!;
    return regressionMetrics(y, values);
  }
  if (output.kind !== 'proba') throw new RangeError(`a ${task} task needs class probabilities.`);
  const k = output.classes;
  const proba = new Float64Array(picked.length * k);
  for (let j = 0; j < picked.length; j++) {
    proba.set(output.values.subarray(picked[j]! * k, picked[j]! * k + k), j * k);
  }
  return classificationMetrics(y, { proba, classes: k }, task, threshold === undefined ? {} : { threshold });
}

/** How many rows a prediction covers (probabilities are row-major rows × classes). */
export function outputRows(output: ModelOutput): number {
  return output.kind === 'proba' ? output.values.length / output.classes : output.values.length;
}
