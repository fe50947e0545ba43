import { log1p } from '../math/portable-math.ts';
import { mean, quantileSorted } from '../recipe/numeric-stats.ts';
import type { Applier } from './applier.ts';
import type { FeatureTransform } from './feature-spec.ts';
import { presentValues, requireFinite, standardizer } from './fit-stats.ts';
import type { FittedNumericStep } from './fitted-pipeline.ts';
import type { Cells } from './read-cell.ts';
import { readNumber } from './read-number.ts';

type NumericTransform = Extract<FeatureTransform, { kind: 'numeric' }>;

/**
 * Learns a numeric column's fill value, clip bounds and scaling (or bin edges) from the training rows. Every
 * statistic is exact (sorted values for medians and quantiles, numpy's linear interpolation) and computed on
 * what the later stages actually see: the fill from the present raw values, clip quantiles from the present
 * raw values, scaling and bin edges from all training rows after impute, clip and log1p (as an sklearn
 * Pipeline of SimpleImputer then a scaler would).
 */
export function fitNumeric(transform: NumericTransform, cells: Cells, rows: number): FittedNumericStep {
  const what = `Numeric feature "${transform.column}"`;
  const raw = new Float64Array(rows);
  for (let r = 0; r < rows; r++) raw[r] = readNumber(cells[r]!);
  const present = presentValues(raw);
  const sorted = present.slice().sort();
  const keep = transform.impute === 'keep';
  const fill =
    present.length === 0 || transform.impute === 'zero' || keep
      ? 0
      : requireFinite(transform.impute === 'mean' ? mean(present) : quantileSorted(sorted, 0.5), what);

  let clip: FittedNumericStep['clip'] = null;
  if (transform.clip !== undefined && 'quantiles' in transform.clip) {
    // With no present values there is nothing to take quantiles of; every row is the fill anyway.
    const [low, high] = transform.clip.quantiles;
    if (sorted.length > 0) clip = { lower: quantileSorted(sorted, low), upper: quantileSorted(sorted, high) };
  } else if (transform.clip !== undefined) {
    clip = { lower: transform.clip.lower, upper: transform.clip.upper };
  }

  const step: FittedNumericStep = {
    kind: 'numeric',
    column: transform.column,
    fill,
    clip,
    log1p: transform.log1p === true,
    center: 0,
    scale: 1,
    edges: null,
    // Kept missing values are seen by the trees as NaN, so an indicator column would say it twice.
    missingIndicator: !keep && present.length < rows,
    ...(keep ? { keepMissing: true as const } : {}),
  };
  // Scaling is learned from the values the model will see as numbers: all of them, or the present ones.
  const prepared = presentValues(raw.map((x) => prepareNumber(step, x)));

  if (transform.bins !== undefined) {
    step.edges = binEdges(prepared.sort(), transform.bins);
  } else if (transform.scale === 'standardize') {
    Object.assign(step, standardizer(prepared, what));
  } else if (transform.scale === 'minmax' && prepared.length > 0) {
    let min = Infinity;
    let max = -Infinity;
    for (let r = 0; r < prepared.length; r++) {
      min = Math.min(min, prepared[r]!);
      max = Math.max(max, prepared[r]!);
    }
    const range = requireFinite(max - min, what);
    step.center = min;
    step.scale = range === 0 ? 1 : range;
  }
  return step;
}

/** The step's {@link Applier}. */
export function numericApplier(step: FittedNumericStep): Applier {
  const { edges, center, scale } = step;
  // The indicator is the last column: after the value, or after the bins.
  const indicator = step.missingIndicator ? (edges === null ? 1 : edges.length + 1) : -1;
  return (cells, from, to, out, cols, offset) => {
    for (let r = from, at = from * cols + offset; r < to; r++, at += cols) {
      const raw = readNumber(cells[r]!);
      const x = prepareNumber(step, raw);
      if (edges === null) out[at] = (x - center) / scale;
      else out[at + binIndex(edges, x)] = 1;
      if (indicator >= 0 && Number.isNaN(raw)) out[at + indicator] = 1;
    }
  };
}

/** "age", or "age.bin0" … "age.binN" when binned; then "age (missing)" when the training rows had gaps. */
export function numericOutputNames(step: FittedNumericStep): string[] {
  const names =
    step.edges === null
      ? [step.column]
      : Array.from({ length: step.edges.length + 1 }, (_, i) => `${step.column}.bin${i}`);
  if (step.missingIndicator) names.push(`${step.column} (missing)`);
  return names;
}

/** Impute, clip, log1p: the shared arithmetic of fit and apply, so both see the very same doubles. */
function prepareNumber(step: FittedNumericStep, raw: number): number {
  if (Number.isNaN(raw) && step.keepMissing) return NaN;
  let x = Number.isNaN(raw) ? step.fill : raw;
  if (step.clip !== null) x = Math.min(Math.max(x, step.clip.lower), step.clip.upper);
  if (step.log1p) x = x >= 0 ? log1p(x) : -log1p(-x);
  return x;
}

/**
 * Interior edges at the training quantiles k/bins (k = 1 … bins − 1), keeping only those above the minimum
 * and the previous edge, so a column with many equal values gets fewer bins rather than empty ones.
 */
function binEdges(sorted: Float64Array, bins: number): number[] {
  const edges: number[] = [];
  if (sorted.length === 0) return edges;
  for (let k = 1; k < bins; k++) {
    const edge = quantileSorted(sorted, k / bins);
    if (edge > (edges[edges.length - 1] ?? sorted[0]!)) edges.push(edge);
  }
  return edges;
}

/** Number of edges ≤ x: bin i holds edges[i−1] ≤ x < edges[i]. */
function binIndex(edges: readonly number[], x: number): number {
  let i = 0;
  while (i < edges.length && x >= edges[i]!) i++;
  return i;
}
