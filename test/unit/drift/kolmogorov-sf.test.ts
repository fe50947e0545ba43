// The two-sided one-sample KS distribution (the asymptotic p of ks_2samp) against scipy 1.10.1's
// `stats.kstwo.sf(x, n)`, two or three points in every region of its case analysis, and the one-sided
// `special.smirnov(n, x)`; values pasted from /usr/bin/python3. Relative tolerance 1e-8 (the p-values
// are held to 1e-6): scipy sums the one-sided series in double-double, src/core/drift in logarithms, and
// the two agree to about n · 1e-16 (4e-9 at n = 300,000, under 1e-12 for n ≤ 10,000).
import { describe, expect, it } from 'vitest';
import { kolmogorovSf, smirnovSf } from '../../../src/core/drift/index.ts';

function expectRelative(actual: number, expected: number, tolerance = 1e-8) {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance * Math.abs(expected));
}

// [n, x, kstwo.sf(x, n)] grouped by the method scipy uses there.
const KSTWO: Record<string, [number, number, number][]> = {
  'below the support (x ≤ 1/2n)': [
    [1, 0.495, 1],
    [3, 0.16499999999999998, 1],
  ],
  'Ruben–Gambino, x ≤ 1/n': [
    [1, 0.505, 0.99],
    [2, 0.2525, 0.99995],
  ],
  'Ruben–Gambino, x ≥ 1 − 1/n': [
    [2, 0.75, 0.125],
    [2, 0.9899494936611664, 0.00020202535533387045],
  ],
  'twice the one-sided tail, x ≥ 0.5': [
    [3, 0.5, 0.3333333333333333],
    [5, 0.6, 0.03008000000000001],
  ],
  'Durbin matrix, small n': [
    [5, 0.3, 0.664],
    [7, 0.21428571428571427, 0.8439425749475133],
  ],
  'Pomeranz recursion': [
    [5, 0.45, 0.19399374999999963],
    [7, 0.3401680257083045, 0.31741013497982784],
  ],
  'twice the one-sided tail, small n': [
    [20, 0.45, 0.00032446411409554644],
    [50, 0.45, 9.261187857225947e-10],
  ],
  'Durbin matrix, large n': [
    [141, 0.02, 0.9999999744561288],
    [500, 0.01, 0.9999999991073389],
  ],
  'Pelz–Good': [
    [141, 0.05, 0.854845693009663],
    [141, 0.12463848431784481, 0.022837620551714344],
    [100001, 0.0031622618488986627, 0.26943531528151476],
    [300000, 0.0021908902300206644, 0.11208581723353461],
  ],
  'twice the one-sided tail, large n': [
    [141, 0.15, 0.0031058623613645147],
    [141, 0.3, 9.46134771413843e-12],
    [300000, 0.00547722557505166, 3.0345700131239764e-8],
  ],
  'beyond n·x² ≥ 370': [
    [4344, 0.3, 0],
    [50000, 0.1, 0],
  ],
};

describe('kolmogorovSf matches scipy.stats.kstwo.sf', () => {
  for (const [region, cases] of Object.entries(KSTWO)) {
    it(region, () => {
      for (const [n, x, p] of cases) expectRelative(kolmogorovSf(n, x), p);
    });
  }

  it('is 0 at x = 1 and NaN for a non-integer n', () => {
    expect(kolmogorovSf(10, 1)).toBe(0);
    expect(kolmogorovSf(2.5, 0.3)).toBeNaN();
  });
});

describe('smirnovSf matches scipy.special.smirnov', () => {
  it('by hand for n = 5, x = 0.5: 0.5 · (0.5⁵/0.5 + 5 · 0.3⁴ + 10 · 0.9 · 0.1³) = 0.056', () => {
    expectRelative(smirnovSf(5, 0.5), 0.056, 1e-15);
    expect(smirnovSf(1, 0.3)).toBe(0.7);
  });

  // [n, x, smirnov(n, x)], including n past 1000 (where cephes once switched to lgamma) and past 10⁶
  // (scipy's closed-form approximation).
  const cases: [number, number, number][] = [
    [10, 0.01, 0.9890631472731564],
    [10, 0.3, 0.1354635556],
    [10, 0.7, 9.772400000000017e-6],
    [1013, 0.01, 0.8112118242761187],
    [1013, 0.3, 1.1878826915206004e-81],
    [100000, 0.01, 2.046639011774627e-9],
    [1000001, 0.01, 1.374426245809438e-87],
  ];
  it.each(cases)('n = %i, x = %s: %s', (n, x, p) => expectRelative(smirnovSf(n, x), p));
});
