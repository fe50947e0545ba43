import { mean, populationStd } from '../recipe/numeric-stats.ts';

/**
 * Center and scale that standardize `values`: their mean and population standard deviation (ddof 0, as
 * sklearn's StandardScaler). A constant column gets scale 1, so it maps to 0 instead of dividing by zero; no
 * values at all give center 0, scale 1.
 *
 * @throws RangeError when the values are too large for their mean or spread to be a finite double.
 */
export function standardizer(values: Float64Array, what: string): { center: number; scale: number } {
  if (values.length === 0) return { center: 0, scale: 1 };
  const center = requireFinite(mean(values), what);
  const sd = requireFinite(populationStd(values, center), what);
  return { center, scale: sd === 0 ? 1 : sd };
}

/**
 * The value itself, when finite. Everything learned is stored as JSON and hashed, where NaN and Infinity have
 * no form, so a statistic that overflowed is reported here, naming what it was for, rather than later.
 */
export function requireFinite(value: number, what: string): number {
  if (!Number.isFinite(value)) {
    throw new RangeError(`${what}: the training values are too large to summarise (got ${value})`);
  }
  return value;
}

/** The present (non-NaN) values, in row order. */
export function presentValues(values: Float64Array): Float64Array {
  let count = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i]!)) count++;
  const present = new Float64Array(count);
  let w = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i]!)) present[w++] = values[i]!;
  return present;
}
