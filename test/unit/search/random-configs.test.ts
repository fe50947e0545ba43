import { describe, expect, it } from 'vitest';
import { randomConfigs, type ParamSpace } from '../../../src/core/search/index.ts';

const space: ParamSpace = {
  lr: { kind: 'loguniform', min: 1e-4, max: 1 },
  dropout: { kind: 'uniform', min: 0.1, max: 0.4 },
  layers: { kind: 'int', min: 1, max: 4 },
  hidden: { kind: 'choice', values: [[32], [64, 32], [128]] },
};

describe('randomConfigs', () => {
  it('gives the same configurations for the same seed, and others for another seed', () => {
    expect(randomConfigs(space, 20, 7)).toEqual(randomConfigs(space, 20, 7));
    expect(randomConfigs(space, 20, 8)).not.toEqual(randomConfigs(space, 20, 7));
  });

  it('keeps every value inside its range, ints whole and choices from the list', () => {
    const configs = randomConfigs(space, 2000, 1);
    const layers = new Set<number>();
    for (const c of configs) {
      const lr = c.lr as number;
      const dropout = c.dropout as number;
      expect(lr >= 1e-4 && lr <= 1, `lr ${lr}`).toBe(true);
      expect(dropout >= 0.1 && dropout < 0.4, `dropout ${dropout}`).toBe(true);
      expect(Number.isInteger(c.layers)).toBe(true);
      layers.add(c.layers as number);
      expect([[32], [64, 32], [128]]).toContainEqual(c.hidden);
    }
    // Both ends of an int range are reachable.
    expect([...layers].sort()).toEqual([1, 2, 3, 4]);
  });

  it('draws a loguniform range evenly in log space: each decade of 1e-4 … 1 gets about a quarter', () => {
    const decades = [0, 0, 0, 0];
    for (const c of randomConfigs(space, 4000, 3)) decades[Math.floor(-Math.log10(c.lr as number))]! += 1;
    // A uniform draw would put ~90 % in the top decade; log-uniform puts 1000 ± ~27 (1 sd) in each.
    for (const count of decades) expect(Math.abs(count - 1000)).toBeLessThan(110);
  });

  it('draws each parameter from its own stream: adding a parameter or more configurations changes no earlier value', () => {
    const base = randomConfigs({ lr: space.lr! }, 5, 11);
    const wider = randomConfigs({ extra: { kind: 'int', min: 0, max: 9 }, lr: space.lr! }, 8, 11);
    expect(wider.slice(0, 5).map((c) => c.lr)).toEqual(base.map((c) => c.lr));
  });

  it('hands out copies of array values and accepts a count of 0', () => {
    const [a, b] = randomConfigs({ h: { kind: 'choice', values: [[1, 2]] } }, 2, 0);
    (a!.h as number[]).push(3);
    expect(b!.h).toEqual([1, 2]);
    expect(randomConfigs(space, 0, 1)).toEqual([]);
  });

  it('refuses a bad count or seed', () => {
    expect(() => randomConfigs(space, -1, 1)).toThrow('count must be a whole number ≥ 0, got -1');
    expect(() => randomConfigs(space, 1, 1.5)).toThrow('a number seed must be a safe integer');
  });
});
