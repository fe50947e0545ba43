// numpy 1.24's pairwise summation, step for step: these sums differ from a left-to-right loop in the last
// bit, and the expected doubles are numpy's (np.sum on the same arrays, /usr/bin/python3).
import { describe, expect, it } from 'vitest';
import { pairwiseMean, pairwiseSum, standardDeviation } from '../../../src/core/drift/index.ts';

describe('pairwiseSum', () => {
  it("lands on numpy's double where a plain loop does not", () => {
    const reciprocals = Array.from({ length: 1000 }, (_, i) => 1 / (i + 1));
    const residues = Array.from({ length: 1000 }, (_, i) => ((i * 37) % 101) / 7);
    expect(pairwiseSum(reciprocals)).toBe(7.485470860550345); // a loop gives 7.485470860550343
    expect(pairwiseSum(residues)).toBe(7144.285714285714); // a loop gives 7144.285714285715
    expect(pairwiseSum([0.1, 0.2, 0.3])).toBe(0.6000000000000001);
    expect(pairwiseSum([])).toBe(0);
  });
});

describe('pairwiseMean and standardDeviation', () => {
  it('are numpy mean and std(ddof)', () => {
    expect(pairwiseMean([1, 2, 4])).toBe(2.3333333333333335);
    expect(standardDeviation([1, 2, 3, 4], 1)).toBe(1.2909944487358056);
    expect(standardDeviation([1, 2, 3, 4], 0)).toBe(1.118033988749895);
    expect(standardDeviation([7], 1)).toBeNaN();
  });
});
