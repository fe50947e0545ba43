import type { Rng } from '../core/random.ts';

/**
 * Glorot (Xavier) uniform initial weights, drawn from Looplab's seeded RNG rather than tfjs's initialisers,
 * so that a run's seed fixes its starting weights on every backend, in the page, in a worker and in Node.
 */
export function glorotUniform(rng: Rng, fanIn: number, fanOut: number): Float32Array {
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  const values = new Float32Array(fanIn * fanOut);
  for (let i = 0; i < values.length; i++) values[i] = (rng.next() * 2 - 1) * limit;
  return values;
}
