import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS } from '../../../src/core/models/model-params.ts';
import { neighbourParams } from '../../../src/core/retrain/index.ts';

describe('neighbourParams', () => {
  it('moves an MLP champion one step at most in each setting, the same way for the same seed', () => {
    const champion = {
      ...DEFAULT_PARAMS.mlp,
      hidden: [64, 32],
      learningRate: 0.003,
      l2: 1e-4,
      batchSize: 128,
    };
    const configs = neighbourParams(champion, 6, 42);
    expect(configs).toEqual(neighbourParams(champion, 6, 42));
    expect(configs).not.toEqual(neighbourParams(champion, 6, 43));
    for (const p of configs) {
      expect(p.family).toBe('mlp');
      expect([0.0015, 0.003, 0.006]).toContain(p.learningRate);
      expect([1e-5, 1e-4, 1e-3]).toContain(p.l2);
      expect([64, 128, 256]).toContain(p.batchSize);
      expect([32, 64, 128]).toContain(p.hidden[0]);
      expect([16, 32, 64]).toContain(p.hidden[1]);
      expect([0, 0.1, 0.2]).toContain(p.dropout);
      expect(p.epochs).toBe(champion.epochs);
    }
  });

  it('gives a baseline champion linear and MLP neighbours, alternating', () => {
    const families = neighbourParams(DEFAULT_PARAMS.baseline, 4, 1).map((p) => p.family);
    expect(families).toEqual(['linear', 'mlp', 'linear', 'mlp']);
    expect(neighbourParams(DEFAULT_PARAMS.linear, 3, 1).every((p) => p.hidden.length === 0)).toBe(true);
  });
});
