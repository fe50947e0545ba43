/** One hyperparameter value: what a model's params accept. */
export type ParamValue = number | string | boolean | number[];

/**
 * How one hyperparameter is searched:
 * - `choice`: one of the listed values;
 * - `uniform`: a float in [min, max];
 * - `loguniform`: a float in [min, max] whose logarithm is uniform (learning rates, L2), min > 0;
 * - `int`: a whole number in [min, max], both ends included.
 */
export type ParamSpec =
  | { kind: 'choice'; values: ParamValue[] }
  | { kind: 'uniform'; min: number; max: number }
  | { kind: 'loguniform'; min: number; max: number }
  | { kind: 'int'; min: number; max: number };

/** A search space: one spec per hyperparameter name. Names are searched in the object's key order. */
export type ParamSpace = Record<string, ParamSpec>;

/** One configuration: a value for every hyperparameter of the space. */
export type ParamConfig = Record<string, ParamValue>;

/**
 * Throws a RangeError naming the first hyperparameter whose spec cannot be searched: an empty choice, a
 * range with min > max or a non-finite end, a loguniform range that reaches 0 or below, an int range with
 * fractional ends.
 *
 * @example
 * checkParamSpace({ lr: { kind: 'loguniform', min: 0, max: 1 } });
 * // RangeError: param "lr": loguniform needs 0 < min ≤ max, got min 0, max 1.
 */
export function checkParamSpace(space: ParamSpace): void {
  for (const [name, spec] of Object.entries(space)) {
    if (spec.kind === 'choice') {
      if (spec.values.length === 0) throw new RangeError(`param "${name}": choice needs at least one value.`);
      continue;
    }
    const { min, max } = spec;
    const got = `got min ${min}, max ${max}`;
    if (!Number.isFinite(min) || !Number.isFinite(max) || min > max) {
      throw new RangeError(`param "${name}": ${spec.kind} needs finite min ≤ max, ${got}.`);
    }
    if (spec.kind === 'loguniform' && !(min > 0)) {
      throw new RangeError(`param "${name}": loguniform needs 0 < min ≤ max, ${got}.`);
    }
    if (spec.kind === 'int' && !(Number.isSafeInteger(min) && Number.isSafeInteger(max))) {
      throw new RangeError(`param "${name}": int needs whole-number min and max, ${got}.`);
    }
  }
}

/** A value safe to hand out: arrays are copied so that no two configurations share one. */
export function copyValue(value: ParamValue): ParamValue {
  return Array.isArray(value) ? [...value] : value;
}
