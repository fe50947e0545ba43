/**
 * The one seeded random number generator used everywhere in Looplab (splits, weight init, sampling, the
 * sample dataset), so that a run's recorded seed reproduces it in the page, in a worker and in Node alike.
 *
 * Generator: sfc32 (Chris Doty-Humphrey's Small Fast Counter, from PractRand), 128-bit state, 32-bit outputs,
 * only 32-bit integer arithmetic, so it gives the same bits on every JS engine. Seeding:
 * - an integer seed is expanded with splitmix32 (Weyl sequence + a 32-bit finaliser from Hash Prospector);
 * - a string seed, and every fork, is a seed path (see `createRng`) hashed with cyrb128 (bryc) into the four
 *   state words;
 * either way the first 12 outputs are discarded, as PractRand's own seeding does, so that nearby seeds
 * (42, 43) diverge immediately.
 *
 * Math.random is never used: it cannot be seeded.
 */

/** A seeded stream of random numbers. Not cryptographically secure. */
export interface Rng {
  /** The seed this stream was created from (for forks, the root's seed). */
  readonly seed: number | string;
  /** A uniform integer in [0, 2^32). */
  uint32(): number;
  /** A uniform float in [0, 1), with 32 bits of resolution. */
  next(): number;
  /** A uniform integer in [min, maxInclusive], without modulo bias. */
  int(min: number, maxInclusive: number): number;
  /** A normal deviate (Box–Muller). Always consumes exactly two uniforms, so call counts stay predictable. */
  normal(mean?: number, sd?: number): number;
  /** A uniformly chosen element. Throws on an empty array. */
  pick<T>(array: readonly T[]): T;
  /** Shuffles `array` in place (Fisher–Yates) and returns it. */
  shuffle<T>(array: T[]): T[];
  /**
   * An independent stream named `label`. It depends only on this stream's seed path and the label, not on how
   * many numbers have been drawn here, so adding a draw in one stage never shifts another stage's numbers.
   */
  fork(label: string): Rng;
}

const TWO_POW_32 = 4294967296;
const WARM_UP_ROUNDS = 12;

/**
 * Creates a seeded random number generator.
 *
 * @param seed A safe integer or any string. `42` and `'42'` give different streams.
 * @returns An {@link Rng}.
 * @throws RangeError when a number seed is not a safe integer (`1.5`, `NaN`, `2 ** 60`).
 * @example
 * const rng = createRng(42);
 * rng.next(); // a float in [0, 1), the same on every run
 * rng.int(1, 6); // a die roll
 * const splitRng = rng.fork('split'); // unaffected by later draws from rng
 */
export function createRng(seed: number | string): Rng {
  if (typeof seed === 'number' && !Number.isSafeInteger(seed)) {
    throw new RangeError(`createRng: a number seed must be a safe integer, got ${seed}`);
  }
  // The key is the stream's seed path: 'n42', 's7:looplab', 'n42/5:split/6:fold 3'. Lengths are spelled out
  // so that no string seed or label can forge another path (createRng('a/1:b') is not
  // createRng('a').fork('b')), which is why a string seed is hashed as its key and not as itself.
  if (typeof seed === 'number') return makeRng(seed, `n${seed}`, splitmix32State(seed));
  const key = `s${seed.length}:${seed}`;
  return makeRng(seed, key, cyrb128(key));
}

function makeRng(seed: number | string, key: string, state: [number, number, number, number]): Rng {
  const nextUint32 = sfc32(...state);
  for (let i = 0; i < WARM_UP_ROUNDS; i++) nextUint32();

  const next = (): number => nextUint32() / TWO_POW_32;

  const int = (min: number, maxInclusive: number): number => {
    if (!Number.isSafeInteger(min) || !Number.isSafeInteger(maxInclusive) || min > maxInclusive) {
      throw new RangeError(`rng.int: need integers min <= max, got ${min} and ${maxInclusive}`);
    }
    const span = maxInclusive - min + 1;
    if (span > TWO_POW_32) throw new RangeError(`rng.int: range wider than 2^32 (${span})`);
    // Rejection sampling: the top partial block of 2^32 would make low values more likely.
    const limit = TWO_POW_32 - (TWO_POW_32 % span);
    let u = nextUint32();
    while (u >= limit) u = nextUint32();
    return min + (u % span);
  };

  const normal = (mean = 0, sd = 1): number => {
    // 1 - next() lies in (0, 1], so the logarithm is finite.
    const u1 = 1 - next();
    const u2 = next();
    return mean + sd * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  };

  const pick = <T>(array: readonly T[]): T => {
    if (array.length === 0) throw new RangeError('rng.pick: the array is empty');
    return array[int(0, array.length - 1)] as T;
  };

  const shuffle = <T>(array: T[]): T[] => {
    for (let i = array.length - 1; i > 0; i--) {
      const j = int(0, i);
      const item = array[i] as T;
      array[i] = array[j] as T;
      array[j] = item;
    }
    return array;
  };

  const fork = (label: string): Rng => {
    const childKey = `${key}/${label.length}:${label}`;
    return makeRng(seed, childKey, cyrb128(childKey));
  };

  // Plain closures, not methods: `const { int } = rng` keeps working.
  return { seed, uint32: nextUint32, next, int, normal, pick, shuffle, fork };
}

/** sfc32: returns a function yielding unsigned 32-bit outputs. */
function sfc32(a: number, b: number, c: number, d: number): () => number {
  return () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (((c << 21) | (c >>> 11)) + t) | 0;
    return t >>> 0;
  };
}

/** cyrb128 (bryc): a fast 128-bit string hash, used only to turn seeds into generator state. */
function cyrb128(str: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < str.length; i++) {
    const k = str.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/**
 * Four splitmix32 outputs from the low 32 bits of `seed`; the high bits are folded into the last word so
 * that every safe integer (negative ones too) gets its own state.
 */
function splitmix32State(seed: number): [number, number, number, number] {
  let x = seed >>> 0;
  const high = Math.floor(seed / TWO_POW_32) >>> 0;
  const out = (): number => {
    x = (x + 0x9e3779b9) | 0;
    let z = x ^ (x >>> 16);
    z = Math.imul(z, 0x21f0aaad);
    z ^= z >>> 15;
    z = Math.imul(z, 0x735a2d97);
    z ^= z >>> 15;
    return z >>> 0;
  };
  return [out(), out(), out(), (out() ^ high) >>> 0];
}
