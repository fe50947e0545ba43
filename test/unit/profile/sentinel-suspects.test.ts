import { describe, expect, it } from 'vitest';
import { findSentinels, sortNumbers } from '../../../src/core/profile/index.ts';

const sentinels = (values: number[]) => findSentinels(sortNumbers(Float64Array.from(values)));

describe('findSentinels', () => {
  it('flags a repeated negative minimum in an otherwise non-negative column (pdays = -1)', () => {
    expect(sentinels([-1, -1, -1, -1, -1, 3, 5, 8, 400])).toEqual([
      { value: -1, count: 5, share: 5 / 9, end: 'min', nearest: 3, rule: 'negative' },
    ]);
  });

  it('flags a repeated maximum farther from the rest than the rest spans (capital-gain 99999)', () => {
    expect(sentinels([0, 0, 0, 10, 200, 41310, 99999, 99999, 99999, 99999, 99999])).toEqual([
      { value: 99999, count: 5, share: 5 / 11, end: 'max', nearest: 41310, rule: 'far' },
    ]);
  });

  it('flags a far repeated minimum too', () => {
    expect(sentinels([-999, -999, -999, -999, -999, 10, 20, 30]).map((s) => [s.value, s.rule])).toEqual([
      [-999, 'negative'],
    ]);
    expect(sentinels([0, 0, 0, 0, 0, 100, 101, 102]).map((s) => [s.value, s.rule])).toEqual([[0, 'far']]);
  });

  it('needs at least 5 repeats', () => {
    expect(sentinels([-1, -1, -1, -1, 3, 5, 8])).toEqual([]);
  });

  it('does not flag caps that touch the data (500001 next to 500000) or 0/1 columns', () => {
    expect(sentinels([100, 200, 300, 500000, 500001, 500001, 500001, 500001, 500001])).toEqual([]);
    expect(sentinels([0, 0, 0, 0, 0, 1, 1, 1, 1, 1])).toEqual([]);
    expect(sentinels([7, 7, 7, 7, 7, 7])).toEqual([]);
  });

  it('does not flag a negative minimum when other values are negative too', () => {
    expect(sentinels([-5, -5, -5, -5, -5, -2, 0, 3])).toEqual([]);
  });
});
