import { describe, expect, it } from 'vitest';
import {
  gridConfigs,
  gridValues,
  MAX_GRID_CONFIGS,
  type ParamSpace,
} from '../../../src/core/search/index.ts';

describe('gridConfigs', () => {
  it('enumerates every combination, the first key outermost and the last changing fastest', () => {
    const configs = gridConfigs({
      depth: { kind: 'choice', values: [2, 4] },
      loss: { kind: 'choice', values: ['a', 'b', 'c'] },
      bias: { kind: 'choice', values: [true] },
    });
    expect(configs).toEqual([
      { depth: 2, loss: 'a', bias: true },
      { depth: 2, loss: 'b', bias: true },
      { depth: 2, loss: 'c', bias: true },
      { depth: 4, loss: 'a', bias: true },
      { depth: 4, loss: 'b', bias: true },
      { depth: 4, loss: 'c', bias: true },
    ]);
  });

  it('counts the product of the value counts', () => {
    const space: ParamSpace = {
      hidden: { kind: 'choice', values: [[64], [64, 32], [128, 64]] },
      dropout: { kind: 'choice', values: [0, 0.2] },
      l2: { kind: 'choice', values: [1e-5, 1e-4] },
      lr: { kind: 'loguniform', min: 1e-4, max: 1e-2 },
    };
    expect(gridConfigs(space)).toHaveLength(3 * 2 * 2 * 3);
    expect(gridConfigs(space, 5)).toHaveLength(3 * 2 * 2 * 5);
  });

  it('takes both ends and the middle of a range, the middle of a loguniform range in log space', () => {
    expect(gridValues({ kind: 'uniform', min: 0, max: 0.4 })).toEqual([0, 0.2, 0.4]);
    const logPoints = gridValues({ kind: 'loguniform', min: 1e-4, max: 1e-2 }) as number[];
    expect(logPoints[0]).toBe(1e-4);
    expect(logPoints[1]).toBeCloseTo(1e-3, 15);
    expect(logPoints[2]).toBe(1e-2);
    expect(gridValues({ kind: 'int', min: 1, max: 10 })).toEqual([1, 6, 10]); // 5.5 rounds up
    expect(gridValues({ kind: 'uniform', min: 0, max: 1 }, 5)).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });

  it('gives each integer of a narrow int range once, and the single value of a min = max range', () => {
    expect(gridValues({ kind: 'int', min: 1, max: 2 })).toEqual([1, 2]);
    expect(gridValues({ kind: 'int', min: 3, max: 3 })).toEqual([3]);
    expect(gridValues({ kind: 'loguniform', min: 0.1, max: 0.1 })).toEqual([0.1]);
  });

  it('gives one empty configuration for an empty space', () => {
    expect(gridConfigs({})).toEqual([{}]);
  });

  it('hands out copies of array values, so changing one configuration changes no other', () => {
    const space: ParamSpace = {
      hidden: { kind: 'choice', values: [[64, 32]] },
      a: { kind: 'choice', values: [1, 2] },
    };
    const [first, second] = gridConfigs(space);
    (first!.hidden as number[]).push(16);
    expect(second!.hidden).toEqual([64, 32]);
    expect(space.hidden).toEqual({ kind: 'choice', values: [[64, 32]] });
  });

  it('refuses a space it cannot search, naming the parameter, and a grid too large to run', () => {
    expect(() => gridConfigs({ lr: { kind: 'loguniform', min: 0, max: 1 } })).toThrow(
      'param "lr": loguniform needs 0 < min ≤ max, got min 0, max 1.',
    );
    expect(() => gridConfigs({ d: { kind: 'choice', values: [] } })).toThrow(
      'param "d": choice needs at least one value.',
    );
    expect(() => gridConfigs({ n: { kind: 'int', min: 1.5, max: 3 } })).toThrow(
      'param "n": int needs whole-number',
    );
    expect(() => gridConfigs({ u: { kind: 'uniform', min: 2, max: 1 } })).toThrow(
      'param "u": uniform needs finite min ≤ max',
    );
    const big = Object.fromEntries(
      Array.from({ length: 9 }, (_, i) => [`p${i}`, { kind: 'choice', values: [1, 2, 3] }] as const),
    ) as ParamSpace;
    expect(3 ** 9).toBeGreaterThan(MAX_GRID_CONFIGS);
    expect(() => gridConfigs(big)).toThrow(
      `the grid has 19683 configurations, more than ${MAX_GRID_CONFIGS}`,
    );
  });
});
