import { describe, expect, it } from 'vitest';
import { cos, exp, log1p, sin, tanh } from '../../../src/core/math/portable-math.ts';

/** Distance in units in the last place between two finite doubles of the same sign. */
function ulps(a: number, b: number): number {
  const view = new DataView(new ArrayBuffer(16));
  view.setFloat64(0, a);
  view.setFloat64(8, b);
  return Number(view.getBigInt64(0) - view.getBigInt64(8));
}

describe('portable exp, tanh, log1p, sin and cos', () => {
  it('give the textbook values', () => {
    expect(exp(0)).toBe(1);
    // fdlibm's exp is accurate to under one ulp: e comes out one ulp above the correctly rounded Math.E.
    expect(Math.abs(ulps(exp(1), Math.E))).toBeLessThanOrEqual(1);
    expect(tanh(0)).toBe(0);
    expect(tanh(-50)).toBe(-1);
    expect(log1p(Math.E - 1)).toBe(1);
    expect(exp(-Infinity)).toBe(0);
  });

  it('stay within two ulps of the engine’s Math functions (each under one ulp from the truth) over 100,000 inputs', () => {
    let worst = 0;
    for (let i = 0; i < 100_000; i++) {
      const x = (i / 100_000 - 0.5) * 40 + Math.sin(i) * 1e-3;
      worst = Math.max(worst, Math.abs(ulps(exp(x), Math.exp(x))));
      worst = Math.max(worst, Math.abs(ulps(tanh(x), Math.tanh(x))));
      worst = Math.max(worst, Math.abs(ulps(log1p(Math.abs(x)), Math.log1p(Math.abs(x)))));
    }
    expect(worst).toBeLessThanOrEqual(2);
  });

  it('give sin and cos of a turn’s fractions (the cyclic date parts) within an ulp of the engine’s', () => {
    expect(sin(0)).toBe(0);
    expect(cos(0)).toBe(1);
    let worst = 0;
    for (let k = 0; k < 366; k++) {
      const x = (2 * Math.PI * k) / 366;
      // Near a zero of sin or cos an ulp of the result is tiny; compare in absolute terms there.
      expect(Math.abs(sin(x) - Math.sin(x))).toBeLessThan(1e-15);
      expect(Math.abs(cos(x) - Math.cos(x))).toBeLessThan(1e-15);
      if (Math.abs(Math.sin(x)) > 0.1) worst = Math.max(worst, Math.abs(ulps(sin(x), Math.sin(x))));
      if (Math.abs(Math.cos(x)) > 0.1) worst = Math.max(worst, Math.abs(ulps(cos(x), Math.cos(x))));
    }
    expect(worst).toBeLessThanOrEqual(1);
  });
});
