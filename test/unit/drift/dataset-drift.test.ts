import { describe, expect, it } from 'vitest';
import { datasetDrift, featureDrift } from '../../../src/core/drift/index.ts';

const same = Array.from({ length: 200 }, (_, i) => i % 50);
const shifted = same.map((x) => x + 40);
const stable = featureDrift('stable', 'numeric', same, same);
const moved = featureDrift('moved', 'numeric', same, shifted);
const id = featureDrift('id', 'id', ['1', '2'], ['3', '4']);

describe('datasetDrift', () => {
  it('drifts when at least half of the counted features drift, ID columns left out of the share', () => {
    const result = datasetDrift([stable, moved, id]);
    expect(result).toMatchObject({ counted: 2, drifted: 1, shareDrifted: 0.5, datasetDrift: true });
    expect(result.features.map((f) => f.name)).toEqual(['stable', 'moved', 'id']);
  });

  it('does not drift below half', () => {
    expect(datasetDrift([stable, stable, moved])).toMatchObject({ drifted: 1, datasetDrift: false });
    expect(datasetDrift([stable, stable, moved]).shareDrifted).toBeCloseTo(1 / 3, 15);
  });

  it('says so when no feature could be judged', () => {
    const result = datasetDrift([id]);
    expect(result).toMatchObject({ counted: 0, shareDrifted: 0, datasetDrift: false });
    expect(result.warnings).toEqual([
      'No feature could be judged (all are IDs, text or dates, or their windows are too small).',
    ]);
  });
});
