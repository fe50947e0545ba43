import { describe, expect, it } from 'vitest';
import { summarizeSeeds } from '../../../src/core/evaluate/index.ts';

describe('summarizeSeeds', () => {
  it('gives mean, sample std (n − 1), min, max and n per metric', () => {
    // a: 1, 2, 3 -> mean 2, squared deviations 1 + 0 + 1 = 2, / (3 − 1) = 1, std 1.
    // b: only in two runs, 2 and 2 -> std 0, n 2.
    const s = summarizeSeeds([{ a: 1, b: 2 }, { a: 2, b: 2 }, { a: 3 }]);
    expect(s.a).toEqual({ mean: 2, std: 1, min: 1, max: 3, n: 3 });
    expect(s.b).toEqual({ mean: 2, std: 0, min: 2, max: 2, n: 2 });
  });

  it('matches a hand-computed spread of three seeds', () => {
    // 0.80, 0.82, 0.87: mean 0.83; deviations −0.03, −0.01, 0.04; squares sum 0.0026; / 2 = 0.0013.
    const s = summarizeSeeds([{ auc: 0.8 }, { auc: 0.82 }, { auc: 0.87 }]).auc!;
    expect(s.mean).toBeCloseTo(0.83, 15);
    expect(s.std).toBeCloseTo(Math.sqrt(0.0013), 15);
  });

  it('has no std for a single run, and keeps a NaN visible', () => {
    expect(summarizeSeeds([{ auc: 0.8 }]).auc!.std).toBeNaN();
    expect(summarizeSeeds([{ auc: 0.8 }, { auc: NaN }]).auc!.mean).toBeNaN();
    expect(summarizeSeeds([])).toEqual({});
  });
});
