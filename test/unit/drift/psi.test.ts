import { describe, expect, it } from 'vitest';
import { psi, psiBand, PSI_EPSILON } from '../../../src/core/drift/index.ts';

describe('psi', () => {
  it('of a two-bin case by hand: (0.25 − 0.5)·ln(0.5) + (0.75 − 0.5)·ln(1.5) = ¼·ln 3', () => {
    const { psi: value, terms } = psi([50, 50], [25, 75]);
    expect(terms[0]).toBeCloseTo(0.25 * Math.log(2), 15);
    expect(terms[1]).toBeCloseTo(0.25 * Math.log(1.5), 15);
    expect(value).toBeCloseTo(0.25 * Math.log(3), 15);
  });

  it('replaces an empty bin by ε = 1e-4 without renormalising the others', () => {
    // Reference all in bin 0; current half and half. Bin 1: (0.5 − 1e-4)·ln(0.5 / 1e-4).
    const { psi: value, terms } = psi([100, 0], [50, 50]);
    expect(PSI_EPSILON).toBe(1e-4);
    expect(terms).toEqual([(0.5 - 1) * Math.log(0.5 / 1), (0.5 - 1e-4) * Math.log(0.5 / 1e-4)]);
    expect(value).toBeCloseTo(0.5 * Math.LN2 + 0.4999 * Math.log(5000), 14); // 4.6043…
  });

  it('is 0 for identical proportions, whatever the sample sizes', () => {
    expect(psi([10, 20, 30], [20, 40, 60]).psi).toBe(0);
  });
});

describe('psiBand', () => {
  it('reads below 0.1 as stable, 0.1 to under 0.2 as moderate, 0.2 and above as significant', () => {
    expect([0, 0.0999, 0.1, 0.1999, 0.2, 4.6].map(psiBand)).toEqual([
      'stable',
      'stable',
      'moderate',
      'moderate',
      'significant',
      'significant',
    ]);
  });
});
