import {
  checkParamSpace,
  copyValue,
  type ParamConfig,
  type ParamSpace,
  type ParamSpec,
  type ParamValue,
} from './param-space.ts';

/** Points a grid takes from a `uniform`, `loguniform` or `int` range: both ends and the middle. */
export const GRID_POINTS_PER_RANGE = 3;

/** More configurations than this is a mistake in the space, not a search anyone can wait for. */
export const MAX_GRID_CONFIGS = 10_000;

/** The values a grid tries for one hyperparameter (see {@link gridConfigs}); the spec is assumed checked. */
export function gridValues(spec: ParamSpec, pointsPerRange = GRID_POINTS_PER_RANGE): ParamValue[] {
  if (spec.kind === 'choice') return spec.values.map(copyValue);
  const { min, max } = spec;
  if (min === max) return [min];
  const fractions =
    pointsPerRange === 1 ? [0.5] : Array.from({ length: pointsPerRange }, (_, i) => i / (pointsPerRange - 1));
  if (spec.kind === 'uniform') return fractions.map((f) => (f === 1 ? max : min + (max - min) * f));
  if (spec.kind === 'loguniform') {
    const [low, high] = [Math.log(min), Math.log(max)];
    // Pin the ends: exp(log(x)) need not give x back.
    return fractions.map((f) => (f === 0 ? min : f === 1 ? max : Math.exp(low + (high - low) * f)));
  }
  // Rounding can land two points on one integer when the range is narrow: keep each once.
  return [...new Set(fractions.map((f) => Math.round(min + (max - min) * f)))];
}

/**
 * Every combination of the space's values (grid search).
 * - `choice` contributes its values;
 * - `uniform`, `int`: `pointsPerRange` evenly spaced points, ends included (default 3: min, middle, max);
 *   an int range narrower than that gives each of its integers once;
 * - `loguniform`: `pointsPerRange` points evenly spaced in log space (1e-4, 1e-3, 1e-2);
 * - a range with min = max gives that one value.
 *
 * Order: nested loops in the space's key order, the first key outermost and the last changing fastest. An
 * empty space gives one empty configuration, as sklearn's `ParameterGrid({})`.
 *
 * @throws RangeError for a spec that cannot be searched (see `checkParamSpace`) or a grid of more than
 *   {@link MAX_GRID_CONFIGS} configurations.
 * @example
 * gridConfigs({ depth: { kind: 'choice', values: [2, 4] }, lr: { kind: 'loguniform', min: 1e-3, max: 1e-1 } });
 * // [{ depth: 2, lr: 0.001 }, { depth: 2, lr: 0.01 }, { depth: 2, lr: 0.1 }, { depth: 4, lr: 0.001 }, …] (6)
 */
export function gridConfigs(space: ParamSpace, pointsPerRange = GRID_POINTS_PER_RANGE): ParamConfig[] {
  checkParamSpace(space);
  if (!Number.isSafeInteger(pointsPerRange) || pointsPerRange < 1) {
    throw new RangeError(`gridConfigs: pointsPerRange must be a whole number ≥ 1, got ${pointsPerRange}.`);
  }
  const axes = Object.entries(space).map(([name, spec]) => ({
    name,
    values: gridValues(spec, pointsPerRange),
  }));
  const total = axes.reduce((product, axis) => product * axis.values.length, 1);
  if (total > MAX_GRID_CONFIGS) {
    throw new RangeError(`gridConfigs: the grid has ${total} configurations, more than ${MAX_GRID_CONFIGS}.`);
  }
  const configs: ParamConfig[] = [];
  for (let index = 0; index < total; index++) {
    // `index` in mixed radix, one digit per axis, the last axis least significant.
    const digits = new Array<number>(axes.length);
    let rest = index;
    for (let a = axes.length - 1; a >= 0; a--) {
      const size = axes[a]!.values.length;
      digits[a] = rest % size;
      rest = Math.floor(rest / size);
    }
    configs.push(
      Object.fromEntries(axes.map(({ name, values }, a) => [name, copyValue(values[digits[a]!]!)])),
    );
  }
  return configs;
}
