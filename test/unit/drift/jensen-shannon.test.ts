import { describe, expect, it } from 'vitest';
import { jensenShannonBoth, jensenShannonDistance } from '../../../src/core/drift/index.ts';

describe('jensenShannonDistance', () => {
  it('is 1 in base 2 (√ln 2 in base e) for distributions with no overlap, 0 for equal ones', () => {
    expect(jensenShannonDistance([1, 0], [0, 1], 2)).toBe(1);
    expect(jensenShannonBoth([1, 0], [0, 1])).toEqual({ baseE: Math.sqrt(Math.LN2), base2: 1 });
    expect(jensenShannonDistance([3, 1], [6, 2])).toBe(0);
  });

  it('of p = (1, 0), q = (½, ½) by hand: m = (¾, ¼), KL(p‖m) + KL(q‖m) = 1.5·ln(4/3), distance √(0.75·ln(4/3))', () => {
    expect(jensenShannonDistance([1, 0], [0.5, 0.5])).toBeCloseTo(Math.sqrt(0.75 * Math.log(4 / 3)), 15);
    expect(jensenShannonDistance([1, 0], [0.5, 0.5])).toBe(0.46450140402245893); // scipy's double
  });

  it('normalises counts, so counts and proportions give the same distance', () => {
    expect(jensenShannonDistance([30, 10], [20, 20])).toBeCloseTo(
      jensenShannonDistance([0.75, 0.25], [0.5, 0.5]),
      15,
    );
  });
});
