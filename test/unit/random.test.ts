import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/core/random.ts';

// An independent reference written a different way: BigInt arithmetic with explicit reduction mod 2^32,
// instead of the implementation's Math.imul and `| 0` tricks.
const u32 = (x: bigint): bigint => BigInt.asUintN(32, x);
const rotl = (x: bigint, r: bigint): bigint => u32((x << r) | (x >> (32n - r)));

function referenceCyrb128(text: string): bigint[] {
  let [h1, h2, h3, h4] = [1779033703n, 3144134277n, 1013904242n, 2773480762n];
  for (const unit of Array.from({ length: text.length }, (_, i) => BigInt(text.charCodeAt(i)))) {
    h1 = h2 ^ u32((h1 ^ unit) * 597399067n);
    h2 = h3 ^ u32((h2 ^ unit) * 2869860233n);
    h3 = h4 ^ u32((h3 ^ unit) * 951274213n);
    h4 = h1 ^ u32((h4 ^ unit) * 2716044179n);
  }
  h1 = u32((h3 ^ (h1 >> 18n)) * 597399067n);
  h2 = u32((h4 ^ (h2 >> 22n)) * 2869860233n);
  h3 = u32((h1 ^ (h3 >> 17n)) * 951274213n);
  h4 = u32((h2 ^ (h4 >> 19n)) * 2716044179n);
  h1 = h1 ^ h2 ^ h3 ^ h4;
  return [h1, h2 ^ h1, h3 ^ h1, h4 ^ h1];
}

function referenceSplitmix32(seed: number): bigint[] {
  let x = BigInt.asUintN(32, BigInt(seed));
  const out = Array.from({ length: 4 }, () => {
    x = u32(x + 0x9e3779b9n);
    let z = u32((x ^ (x >> 16n)) * 0x21f0aaadn);
    z = u32((z ^ (z >> 15n)) * 0x735a2d97n);
    return z ^ (z >> 15n);
  });
  // Safe integers only: the bits above the low 32 go into the last word.
  out[3] = (out[3] as bigint) ^ BigInt.asUintN(32, BigInt(seed) >> 32n);
  return out;
}

/** sfc32 from PractRand: tmp = a + b + counter++; a = b ^ b >> 9; b = c + c << 3; c = rotl(c, 21) + tmp. */
function referenceStream(state: bigint[], count: number): number[] {
  let [a, b, c, d] = state as [bigint, bigint, bigint, bigint];
  const outputs: number[] = [];
  for (let i = 0; i < 12 + count; i++) {
    const t = u32(a + b + d);
    d = u32(d + 1n);
    a = b ^ (b >> 9n);
    b = u32(c + (c << 3n));
    c = u32(rotl(c, 21n) + t);
    if (i >= 12) outputs.push(Number(t));
  }
  return outputs;
}

const draw = (seed: number | string, count: number): number[] => {
  const rng = createRng(seed);
  return Array.from({ length: count }, () => rng.uint32());
};

describe('createRng', () => {
  it('matches values computed by an independent Python implementation of sfc32 + splitmix32/cyrb128', () => {
    // String seeds and forks hash their seed path: 'looplab' is hashed as 's7:looplab'.
    expect(draw(42, 5)).toEqual([3825871779, 1851418855, 1383259262, 890322987, 2796912455]);
    expect(draw(0, 3)).toEqual([548183886, 1097162541, 2219297441]);
    expect(draw(-1, 3)).toEqual([3560935618, 737301930, 1659119467]);
    expect(draw(2 ** 40 + 7, 3)).toEqual([3962175956, 742786317, 601495112]);
    expect(draw('looplab', 5)).toEqual([2546520198, 3814225664, 117239340, 1091299245, 2975107904]);
    expect(createRng(42).fork('split').uint32()).toBe(1113980384);
    expect(createRng('looplab').fork('a').fork('b').uint32()).toBe(4137052575);
  });

  it('matches a BigInt reference for 1000 outputs of integer and string seeds', () => {
    for (const seed of [0, 1, 42, 123456789, -7, 2 ** 32 + 1, Number.MAX_SAFE_INTEGER]) {
      expect(draw(seed, 1000), `seed ${seed}`).toEqual(referenceStream(referenceSplitmix32(seed), 1000));
    }
    for (const seed of ['', 'a', 'looplab', 'ünïcödé ✓', 'x'.repeat(300)]) {
      const path = `s${seed.length}:${seed}`;
      expect(draw(seed, 1000), `seed '${seed}'`).toEqual(referenceStream(referenceCyrb128(path), 1000));
    }
  });

  it('derives forks from the seed path with length-prefixed labels', () => {
    const fork = createRng(42).fork('split').fork('fold 3');
    const reference = referenceStream(referenceCyrb128('n42/5:split/6:fold 3'), 50);
    expect(Array.from({ length: 50 }, () => fork.uint32())).toEqual(reference);
  });

  it('scales uint32 into next() as u / 2^32', () => {
    const [first] = draw(42, 1);
    expect(createRng(42).next()).toBe((first as number) / 2 ** 32);
  });

  it('repeats the same stream for the same seed and differs for different seeds', () => {
    expect(draw(7, 100)).toEqual(draw(7, 100));
    expect(draw('run-1', 100)).toEqual(draw('run-1', 100));
    expect(draw(7, 100)).not.toEqual(draw(8, 100));
    expect(draw(42, 100)).not.toEqual(draw('42', 100));
  });

  it('rejects number seeds that are not safe integers', () => {
    for (const bad of [1.5, Number.NaN, Infinity, 2 ** 60]) {
      expect(() => createRng(bad), String(bad)).toThrow(RangeError);
    }
  });

  it('keeps the seed for records', () => {
    expect(createRng(42).seed).toBe(42);
    expect(createRng('abc').fork('x').seed).toBe('abc');
  });
});

describe('rng.next', () => {
  it('stays in [0, 1) and averages 0.5 over 100k draws', () => {
    const rng = createRng(1);
    let [sum, min, max] = [0, Infinity, -Infinity];
    for (let i = 0; i < 100_000; i++) {
      const x = rng.next();
      sum += x;
      min = Math.min(min, x);
      max = Math.max(max, x);
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    expect(Math.abs(sum / 100_000 - 0.5)).toBeLessThan(0.005);
  });

  it('fills 20 equal buckets evenly (chi-square below the p = 0.001 critical value)', () => {
    const rng = createRng('buckets');
    const counts = new Array<number>(20).fill(0);
    const n = 100_000;
    for (let i = 0; i < n; i++) counts[Math.floor(rng.next() * 20)]!++;
    const expected = n / 20;
    const chiSquare = counts.reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0);
    // 43.82 is the 0.999 quantile of chi-square with 19 degrees of freedom.
    expect(chiSquare).toBeLessThan(43.82);
  });

  it('shows no lag-1 correlation between consecutive draws', () => {
    const rng = createRng(99);
    const xs = Array.from({ length: 50_000 }, () => rng.next() - 0.5);
    let product = 0;
    for (let i = 1; i < xs.length; i++) product += (xs[i] as number) * (xs[i - 1] as number);
    // Correlation = product / (n * 1/12); its sd is about 1/sqrt(n) = 0.0045.
    expect(Math.abs((product / xs.length) * 12)).toBeLessThan(0.02);
  });
});

describe('rng.int', () => {
  it('returns every value in an inclusive range, evenly', () => {
    const rng = createRng(3);
    const counts = new Map<number, number>();
    for (let i = 0; i < 60_000; i++) {
      const v = rng.int(-2, 3);
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    expect([...counts.keys()].sort((a, b) => a - b)).toEqual([-2, -1, 0, 1, 2, 3]);
    const chiSquare = [...counts.values()].reduce((sum, c) => sum + (c - 10_000) ** 2 / 10_000, 0);
    // 20.52 is the 0.999 quantile of chi-square with 5 degrees of freedom.
    expect(chiSquare).toBeLessThan(20.52);
  });

  it('avoids modulo bias on a range that does not divide 2^32', () => {
    // With plain `u % span`, span = 3 * 2^30 makes the lowest third of values twice as likely.
    const rng = createRng(5);
    const span = 3 * 2 ** 30;
    let low = 0;
    for (let i = 0; i < 30_000; i++) if (rng.int(0, span - 1) < 2 ** 30) low++;
    expect(Math.abs(low / 30_000 - 1 / 3)).toBeLessThan(0.015);
  });

  it('returns min when min equals max, and works as a detached function', () => {
    const { int } = createRng(1);
    expect(int(5, 5)).toBe(5);
  });

  it('rejects reversed, fractional and too-wide ranges', () => {
    const rng = createRng(1);
    expect(() => rng.int(3, 2)).toThrow(RangeError);
    expect(() => rng.int(0.5, 2)).toThrow(RangeError);
    expect(() => rng.int(0, 2 ** 32)).toThrow(RangeError);
    expect(rng.int(0, 2 ** 32 - 1)).toBeGreaterThanOrEqual(0);
  });
});

describe('rng.normal', () => {
  it('has the requested mean and standard deviation', () => {
    const rng = createRng(11);
    const n = 100_000;
    const xs = Array.from({ length: n }, () => rng.normal(10, 2));
    const mean = xs.reduce((s, x) => s + x, 0) / n;
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1));
    expect(Math.abs(mean - 10)).toBeLessThan(0.03);
    expect(Math.abs(sd - 2)).toBeLessThan(0.03);
    // About 95.45% of a normal lies within 2 sd of the mean.
    const within = xs.filter((x) => Math.abs(x - 10) < 4).length / n;
    expect(Math.abs(within - 0.9545)).toBeLessThan(0.005);
  });

  it('defaults to the standard normal and consumes exactly two uniforms per call', () => {
    const a = createRng(12);
    const b = createRng(12);
    a.normal();
    b.next();
    b.next();
    expect(a.uint32()).toBe(b.uint32());
  });
});

describe('rng.pick and rng.shuffle', () => {
  it('picks every element and refuses an empty array', () => {
    const rng = createRng(4);
    const seen = new Set(Array.from({ length: 200 }, () => rng.pick(['a', 'b', 'c', 'd'])));
    expect([...seen].sort()).toEqual(['a', 'b', 'c', 'd']);
    expect(() => rng.pick([])).toThrow(RangeError);
  });

  it('shuffles in place into a permutation, all orders about equally often', () => {
    const rng = createRng(6);
    const array = [1, 2, 3, 4, 5, 6, 7, 8];
    expect(rng.shuffle(array)).toBe(array);
    expect([...array].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);

    const counts = new Map<string, number>();
    for (let i = 0; i < 60_000; i++) {
      const key = rng.shuffle(['a', 'b', 'c']).join('');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(counts.size).toBe(6);
    const chiSquare = [...counts.values()].reduce((sum, c) => sum + (c - 10_000) ** 2 / 10_000, 0);
    expect(chiSquare).toBeLessThan(20.52);
  });

  it('leaves empty and one-element arrays alone', () => {
    const rng = createRng(1);
    expect(rng.shuffle([])).toEqual([]);
    expect(rng.shuffle(['only'])).toEqual(['only']);
  });
});

describe('rng.fork', () => {
  it('does not depend on how many numbers the parent has drawn', () => {
    const fresh = createRng(42).fork('split');
    const used = createRng(42);
    for (let i = 0; i < 1000; i++) used.next();
    const later = used.fork('split');
    expect(Array.from({ length: 20 }, () => later.uint32())).toEqual(
      Array.from({ length: 20 }, () => fresh.uint32()),
    );
  });

  it('gives different streams for different labels, parents and seeds', () => {
    const first = (rng: ReturnType<typeof createRng>): number[] =>
      Array.from({ length: 10 }, () => rng.uint32());
    const streams = [
      first(createRng(42)),
      first(createRng(42).fork('a')),
      first(createRng(42).fork('b')),
      first(createRng(43).fork('a')),
      first(createRng(42).fork('a').fork('b')),
      first(createRng(42).fork('a/1:b')),
      first(createRng('42').fork('a')),
    ];
    expect(new Set(streams.map((s) => s.join(','))).size).toBe(streams.length);
  });

  it('does not let a root string seed forge a fork path', () => {
    const real = createRng('a').fork('b').uint32();
    expect(createRng('a/1:b').uint32()).not.toBe(real);
    expect(createRng('s1:a/1:b').uint32()).not.toBe(real);
  });

  it('leaves the parent stream untouched', () => {
    const a = createRng(9);
    const b = createRng(9);
    a.fork('x').next();
    expect(a.uint32()).toBe(b.uint32());
  });
});
