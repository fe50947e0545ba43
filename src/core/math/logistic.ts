import { exp } from './portable-math.ts';

/** The logistic function, split by sign so that exp never overflows. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + exp(-z));
  const e = exp(z);
  return e / (1 + e);
}

/**
 * Softmax of `raw[offset … offset + classes)` into `out[outOffset …]`, shifted by the max so that exp never
 * overflows. Returns the sum of the shifted exponentials, from which the log loss follows.
 */
export function softmax(
  raw: ArrayLike<number>,
  offset: number,
  classes: number,
  out: Float64Array,
  outOffset = 0,
): number {
  let max = -Infinity;
  for (let k = 0; k < classes; k++) max = Math.max(max, raw[offset + k]!);
  let total = 0;
  for (let k = 0; k < classes; k++) total += out[outOffset + k] = exp(raw[offset + k]! - max);
  for (let k = 0; k < classes; k++) out[outOffset + k]! /= total;
  return total;
}
