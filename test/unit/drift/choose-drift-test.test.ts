import { describe, expect, it } from 'vitest';
import { chooseDriftTest, isDrift } from '../../../src/core/drift/index.ts';

describe('chooseDriftTest (Evidently’s default rule, LIFECYCLE.md §7)', () => {
  it('uses KS for numeric columns and chi-square for categorical ones when the reference has ≤ 1000 values', () => {
    expect(chooseDriftTest('numeric', 1000, 6)).toBe('ks');
    expect(chooseDriftTest('categorical', 1000, 40)).toBe('chi-square');
  });

  it('uses normed Wasserstein and Jensen–Shannon from 1001 reference values on', () => {
    expect(chooseDriftTest('numeric', 1001, 6)).toBe('wasserstein');
    expect(chooseDriftTest('categorical', 1001, 3)).toBe('jensen-shannon');
  });

  it('tests a numeric column with at most 5 distinct values as categories', () => {
    expect(chooseDriftTest('numeric', 1000, 5)).toBe('chi-square');
    expect(chooseDriftTest('numeric', 1001, 5)).toBe('jensen-shannon');
    expect(chooseDriftTest('numeric', 10, 2)).toBe('chi-square');
  });
});

describe('isDrift', () => {
  it('is p < 0.05 for the tests with a p-value, and a distance ≥ 0.1 for the others', () => {
    expect([isDrift('ks', 0.0499), isDrift('ks', 0.05), isDrift('chi-square', 0.01)]).toEqual([
      true,
      false,
      true,
    ]);
    expect([isDrift('wasserstein', 0.1), isDrift('jensen-shannon', 0.0999)]).toEqual([true, false]);
  });
});
