import { higherIsBetter } from '../metrics/index.ts';
import type { ModelOutput } from '../models/model-output.ts';
import type { TaskType } from '../problem/problem-card.ts';
import { metricsForRows, outputRows } from './metrics-for-rows.ts';
import { binIndex, quantileBins } from './quantile-bins.ts';
import { isMissingCell, MISSING_LABEL, type SegmentColumn } from './segment-column.ts';

export interface SegmentOptions {
  task: TaskType;
  /** Targets as the metrics take them: class indices, or numbers for regression. */
  yTrue: ArrayLike<number>;
  output: ModelOutput;
  column: SegmentColumn;
  /** The metric to judge segments by, a key of the task's metrics: 'roc_auc', 'f1_macro', 'rmse', … */
  metric: string;
  /** Numeric columns: how many quantile bins (fewer when quantiles tie). Default 4. */
  bins?: number;
  /** Segments with fewer rows are reported but never flagged. Default 30. */
  minRows?: number;
  /** Binary only: the decision threshold for label metrics. Default 0.5. */
  threshold?: number;
}

export interface Segment {
  /** The category, "(missing)", or a numeric bin such as "[12.5, 30)". */
  label: string;
  /** A category the recipe made out of other spellings: the raw spellings, most frequent first. */
  from?: readonly string[];
  rows: number;
  /** Every metric of the task on this segment. */
  metrics: Record<string, number>;
  /** `metrics[metric]`; NaN when undefined on this segment (see `reason`). */
  value: number;
  /** value − overall. Its sign means "worse" or "better" according to the metric's direction. */
  gap: number;
  flagged: boolean;
  /** Why the segment was not judged, or why its value is NaN. */
  reason?: string;
}

export interface SegmentReport {
  column: string;
  metric: string;
  higherIsBetter: boolean;
  overall: number;
  /** How far worse than overall a segment must be to be flagged, in the metric's units. */
  tolerance: number;
  minRows: number;
  segments: Segment[];
}

/**
 * The tolerance of the "well below overall" rule: max(0.05, 0.1 · |overall|). The absolute floor keeps a
 * 0–1 score from flagging every segment that is a hair lower (ROC AUC 0.84 vs 0.85 is noise on a few hundred
 * rows); the relative part scales for metrics in the target's units (RMSE), where 0.05 would be nothing.
 */
export function segmentTolerance(overall: number): number {
  return Math.max(0.05, 0.1 * Math.abs(overall));
}

/**
 * The task's metrics per value of a categorical column, or per quantile bin of a numeric one (LIFECYCLE §5),
 * with segments well below overall flagged.
 *
 * Rule: a segment is flagged when it has at least `minRows` rows and its value is worse than overall by more
 * than {@link segmentTolerance}: for a higher-is-better metric `value < overall − tol`, for a lower-is-better
 * one `value > overall + tol`. Smaller segments get the reason "too few rows to judge"; a metric undefined on
 * a segment (ROC AUC when it holds one class) is NaN, with the reason, and is never flagged.
 *
 * Missing cells (null, blank) form one "(missing)" segment, listed last. For a numeric column, a cell that is
 * not a finite number counts as missing too. Categories are listed in code-unit order, so reports are stable.
 *
 * @throws RangeError when the column, targets and output differ in length, for an unknown metric, or from
 *   the metric functions.
 * @example
 * segmentMetrics({ task: 'binary', yTrue, output, column: { name: 'sex', cells, kind: 'categorical' },
 *   metric: 'roc_auc' }).segments.filter((s) => s.flagged);
 */
export function segmentMetrics(options: SegmentOptions): SegmentReport {
  const { task, yTrue, output, column, metric, threshold } = options;
  const minRows = options.minRows ?? 30;
  const n = yTrue.length;
  if (column.cells.length !== n || outputRows(output) !== n) {
    throw new RangeError(
      `column "${column.name}" has ${column.cells.length} cells, the target ${n} rows and the prediction ` +
        `${outputRows(output)} rows; they must match.`,
    );
  }
  const higher = higherIsBetter(metric);
  const overallMetrics = metricsForRows(task, yTrue, output, undefined, threshold);
  if (!(metric in overallMetrics)) throw new RangeError(`metric "${metric}" is not a ${task} metric.`);
  const overall = overallMetrics[metric]!;
  const tolerance = segmentTolerance(overall);

  const spellings = new Map((column.spellings ?? []).map((s) => [s.value, s.raw]));
  const segments = groupRows(column, options.bins ?? 4).map(({ label, rows }): Segment => {
    const metrics = metricsForRows(task, yTrue, output, rows, threshold);
    const value = metrics[metric]!;
    const reasons: string[] = [];
    if (rows.length < minRows) reasons.push(`too few rows to judge (${rows.length} < ${minRows})`);
    if (Number.isNaN(value)) reasons.push(undefinedReason(task, metric, yTrue, rows, output));
    const worse = higher ? value < overall - tolerance : value > overall + tolerance;
    const from = column.kind === 'categorical' ? spellings.get(label) : undefined;
    const segment: Segment = {
      label,
      ...(from ? { from } : {}),
      rows: rows.length,
      metrics,
      value,
      gap: value - overall,
      flagged: reasons.length === 0 && worse,
    };
    if (reasons.length > 0) segment.reason = reasons.join('; ');
    return segment;
  });
  return { column: column.name, metric, higherIsBetter: higher, overall, tolerance, minRows, segments };
}

/** The rows of each segment, in report order (categories or bins, then "(missing)"). */
function groupRows(column: SegmentColumn, bins: number): { label: string; rows: number[] }[] {
  const missing: number[] = [];
  const groups: { label: string; rows: number[] }[] = [];
  if (column.kind === 'categorical') {
    const byValue = new Map<string, number[]>();
    column.cells.forEach((cell, i) => {
      if (isMissingCell(cell)) return void missing.push(i);
      const rows = byValue.get(cell);
      if (rows) rows.push(i);
      else byValue.set(cell, [i]);
    });
    for (const label of [...byValue.keys()].sort()) groups.push({ label, rows: byValue.get(label)! });
  } else {
    const values: number[] = [];
    const present: number[] = [];
    column.cells.forEach((cell, i) => {
      const value = isMissingCell(cell) ? NaN : Number(cell);
      if (Number.isFinite(value)) {
        values.push(value);
        present.push(i);
      } else missing.push(i);
    });
    if (values.length > 0) {
      const quantiles = quantileBins(values, bins);
      const binned = quantiles.labels.map((label) => ({ label, rows: [] as number[] }));
      values.forEach((value, j) => binned[binIndex(quantiles, value)]!.rows.push(present[j]!));
      // Interpolated edges can leave a bin with no rows: it has nothing to report.
      groups.push(...binned.filter((g) => g.rows.length > 0));
    }
  }
  if (missing.length > 0) groups.push({ label: MISSING_LABEL, rows: missing });
  return groups;
}

/** Why a metric came out NaN on a segment, in words. */
function undefinedReason(
  task: TaskType,
  metric: string,
  yTrue: ArrayLike<number>,
  rows: readonly number[],
  output: ModelOutput,
): string {
  if (task !== 'regression' && output.kind === 'proba') {
    const present = new Set<number>();
    for (const i of rows) present.add(yTrue[i]!);
    if (present.size < output.classes) {
      return `${metric} is undefined here: only ${present.size} of ${output.classes} classes occur in this segment`;
    }
  }
  return `${metric} is undefined on this segment`;
}
