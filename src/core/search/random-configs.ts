import { createRng, type Rng } from '../random.ts';
import {
  checkParamSpace,
  copyValue,
  type ParamConfig,
  type ParamSpace,
  type ParamSpec,
  type ParamValue,
} from './param-space.ts';

/** One draw from a spec. */
function draw(spec: ParamSpec, rng: Rng): ParamValue {
  switch (spec.kind) {
    case 'choice':
      return copyValue(rng.pick(spec.values));
    case 'int':
      return rng.int(spec.min, spec.max);
    case 'uniform':
      return spec.min + (spec.max - spec.min) * rng.next();
    case 'loguniform': {
      const [low, high] = [Math.log(spec.min), Math.log(spec.max)];
      // exp(log(max)) can round a hair above max: keep every draw inside the stated range.
      return Math.min(spec.max, Math.max(spec.min, Math.exp(low + (high - low) * rng.next())));
    }
  }
}

/**
 * `count` configurations drawn at random from the space (random search), reproducible from `seed`:
 * - `choice`: each value equally likely;
 * - `uniform`: uniform in [min, max);
 * - `loguniform`: log-uniform, so 1e-4 … 1e-3 is as likely as 1e-3 … 1e-2;
 * - `int`: each integer in [min, max] equally likely.
 *
 * Each hyperparameter draws from its own stream (`createRng(seed).fork('param <name>')`), so adding or
 * removing a hyperparameter does not change the values drawn for the others, and asking for more
 * configurations keeps the first ones. Draws are independent: a small choice-only space can repeat a
 * configuration.
 *
 * @param seed A safe integer.
 * @throws RangeError for a spec that cannot be searched (see `checkParamSpace`) or a bad count.
 * @example
 * randomConfigs({ lr: { kind: 'loguniform', min: 1e-4, max: 1e-1 }, layers: { kind: 'int', min: 1, max: 3 } }, 2, 42);
 * // [{ lr: 0.000134…, layers: 1 }, { lr: 0.00111…, layers: 3 }] (the same on every machine)
 */
export function randomConfigs(space: ParamSpace, count: number, seed: number): ParamConfig[] {
  checkParamSpace(space);
  if (!Number.isSafeInteger(count) || count < 0) {
    throw new RangeError(`randomConfigs: count must be a whole number ≥ 0, got ${count}.`);
  }
  const root = createRng(seed);
  const configs: ParamConfig[] = Array.from({ length: count }, () => ({}));
  for (const [name, spec] of Object.entries(space)) {
    const rng = root.fork(`param ${name}`);
    for (const config of configs) config[name] = draw(spec, rng);
  }
  return configs;
}
