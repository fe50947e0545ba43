import { describe, expect, it } from 'vitest';
import { brierScore, logLoss } from '../../../src/core/metrics/index.ts';

describe('logLoss', () => {
  it('averages −ln of the probability given to the true class', () => {
    expect(logLoss([0, 1], Float64Array.of(0.8, 0.2, 0.5, 0.5), 2)).toBeCloseTo(
      -(Math.log(0.8) + Math.log(0.5)) / 2,
      15,
    );
  });

  it('clips a confident mistake to −ln ε with ε = 2^-52 for float64, as sklearn eps="auto"', () => {
    // The true class gets 0, clipped to 2^-52; the row sum stays 1 (ε + 1 − ε).
    expect(logLoss([1], Float64Array.of(1, 0), 2)).toBe(-Math.log(2 ** -52));
    expect(logLoss([1], Float64Array.of(1, 0), 2)).toBeCloseTo(36.04365338911715, 12);
  });

  it('clips at the float32 machine epsilon for a Float32Array, or at a chosen eps', () => {
    expect(logLoss([1], Float32Array.of(1, 0), 2)).toBeCloseTo(-Math.log(2 ** -23), 12);
    expect(logLoss([1], Float64Array.of(1, 0), 2, { eps: 1e-15 })).toBeCloseTo(-Math.log(1e-15), 12);
  });

  it('renormalises rows that do not sum to 1', () => {
    // [0.2, 0.6] sums to 0.8: the true class's share is 0.6 / 0.8.
    expect(logLoss([1], Float64Array.of(0.2, 0.6), 2)).toBeCloseTo(-Math.log(0.75), 15);
  });

  it('refuses NaN probabilities and the wrong number of values', () => {
    expect(() => logLoss([0], Float64Array.of(NaN, 1), 2)).toThrow('proba[0] is NaN');
    expect(() => logLoss([0, 1], Float64Array.of(0.5, 0.5), 2)).toThrow('expected 2 rows × 2 classes');
  });
});

describe('brierScore', () => {
  it('averages the squared distance between truth and probability', () => {
    expect(brierScore([1, 0], [0.8, 0.4])).toBeCloseTo(0.1, 15);
    expect(brierScore([1, 0, 1], [0.5, 0.5, 0.5])).toBe(0.25);
  });

  it('refuses a probability outside [0, 1]', () => {
    expect(() => brierScore([1], [1.2])).toThrow('proba1[0] is 1.2; expected a probability in [0, 1].');
  });
});
