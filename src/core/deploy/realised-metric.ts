import { evaluateOutput } from '../models/evaluate-output.ts';
import type { MetricName, TaskType } from '../problem/problem-card.ts';

/** What a model answered for one request: the label (classification) or value (regression), with its probabilities. */
export interface ServedOutput {
  label?: string;
  /** Binary: P(positive class). Multiclass: the probability of `label`. */
  score?: number;
  value?: number;
  /** Multiclass: every class's probability, in the bundle's class order. */
  proba?: number[];
}

/** A served output with the truth that arrived later (a label, or a number for regression). */
export interface LabelledOutput {
  output: ServedOutput;
  truth: string;
}

export interface MetricContext {
  task: TaskType;
  metric: MetricName;
  /** The bundle's classes (binary: [negative, positive]); empty for regression. */
  classes: readonly string[];
}

/**
 * The problem's metric on the requests whose labels arrived, computed by the same code as training and
 * evaluation (`evaluateOutput`), so "realised" and "at deployment" are the same number on the same rows.
 * Outcomes whose truth is not a known class (or not a number) are left out and counted in `skipped`.
 * `value` is undefined when nothing is left or the metric is undefined on these rows (AUC with one class).
 */
export function realisedMetric(
  context: MetricContext,
  outcomes: readonly LabelledOutput[],
): { value: number | undefined; n: number; skipped: number } {
  const { task, classes } = context;
  const y: number[] = [];
  const values: number[] = [];
  for (const { output, truth } of outcomes) {
    if (task === 'regression') {
      const t = Number(truth);
      if (truth.trim() === '' || !Number.isFinite(t) || output.value === undefined) continue;
      y.push(t);
      values.push(output.value);
      continue;
    }
    const k = classes.indexOf(truth);
    if (k < 0) continue;
    if (task === 'binary') {
      if (output.score === undefined) continue;
      values.push(1 - output.score, output.score);
    } else {
      if (!output.proba || output.proba.length !== classes.length) continue;
      values.push(...output.proba);
    }
    y.push(k);
  }
  const skipped = outcomes.length - y.length;
  if (y.length === 0) return { value: undefined, n: 0, skipped };
  const output =
    task === 'regression'
      ? ({ kind: 'value', values: Float64Array.from(values) } as const)
      : ({ kind: 'proba', values: Float64Array.from(values), classes: classes.length } as const);
  let value: number | undefined;
  try {
    value = evaluateOutput(task, output, y)[context.metric];
  } catch {
    // A metric that is undefined on these rows (ROC AUC when every label is one class).
    value = undefined;
  }
  return { value: value !== undefined && Number.isFinite(value) ? value : undefined, n: y.length, skipped };
}
