import { describe, expect, it } from 'vitest';
import { permutationImportance } from '../../../src/core/features/permutation-importance.ts';
import { createRng } from '../../../src/core/random.ts';

/**
 * 400 rows, three features: a0 and a1 belong to source column A (a1 = 2·a0, like two outputs of one
 * encoding), b to column B. y = (a0 > 0). The "model" predicts y from a0 alone, so A carries all the signal.
 */
function syntheticCase() {
  const rng = createRng(11);
  const rows = 400;
  const cols = 3;
  const values = new Float32Array(rows * cols);
  const y = new Uint8Array(rows);
  for (let r = 0; r < rows; r++) {
    const a = rng.normal();
    values[r * cols] = a;
    values[r * cols + 1] = 2 * a;
    values[r * cols + 2] = rng.normal();
    y[r] = a > 0 ? 1 : 0;
  }
  const accuracy = (x: Float32Array): number => {
    let right = 0;
    for (let r = 0; r < rows; r++) if ((x[r * cols]! > 0 ? 1 : 0) === y[r]) right++;
    return right / rows;
  };
  return { values, rows, cols, groups: [0, 0, 1], groupNames: ['A', 'B'], accuracy };
}

describe('permutationImportance', () => {
  it('finds the column the target depends on, and about nothing for the other', async () => {
    const data = syntheticCase();
    const importance = await permutationImportance({ ...data, score: data.accuracy, seed: 3 });
    expect(importance.map((entry) => entry.column)).toEqual(['A', 'B']);
    // Shuffling A leaves the prediction right about half the time: accuracy 1 → ≈ 0.5.
    expect(importance[0]!.mean).toBeGreaterThan(0.4);
    expect(importance[0]!.mean).toBeLessThan(0.6);
    expect(importance[0]!.std).toBeGreaterThan(0);
    // The model ignores B, so shuffling it changes nothing.
    expect(importance[1]).toEqual({ column: 'B', mean: 0, std: 0 });
  });

  it("moves all of a column's outputs with the same row permutation", async () => {
    const data = syntheticCase();
    // Share of rows where a1 = 2·a0 still holds: 1 unless the group's columns were shuffled separately.
    const paired = (x: Float32Array): number => {
      let kept = 0;
      for (let r = 0; r < data.rows; r++) if (x[r * 3 + 1] === 2 * x[r * 3]!) kept++;
      return kept / data.rows;
    };
    const importance = await permutationImportance({ ...data, score: paired, seed: 1, repeats: 3 });
    expect(importance.every((entry) => entry.mean === 0)).toBe(true);
  });

  it('is reproducible from its seed, reports progress and leaves the input untouched', async () => {
    const data = syntheticCase();
    const before = data.values.slice();
    const progress: [number, number][] = [];
    const first = await permutationImportance({
      ...data,
      score: async (x) => data.accuracy(x),
      seed: 9,
      repeats: 4,
      onProgress: (done, total) => progress.push([done, total]),
    });
    const second = await permutationImportance({ ...data, score: data.accuracy, seed: 9, repeats: 4 });
    expect(second).toEqual(first);
    expect(progress).toEqual(Array.from({ length: 8 }, (_, i) => [i + 1, 8]));
    expect(data.values).toEqual(before);
  });

  it('stops when its signal is aborted', async () => {
    const data = syntheticCase();
    const controller = new AbortController();
    const run = permutationImportance({
      ...data,
      score: data.accuracy,
      seed: 1,
      signal: controller.signal,
      onProgress: (done) => done === 2 && controller.abort(new Error('stopped by the user')),
    });
    await expect(run).rejects.toThrow('stopped by the user');
  });

  it('refuses inconsistent shapes and a score that is not a number', async () => {
    const data = syntheticCase();
    await expect(
      permutationImportance({ ...data, groups: [0, 1], score: data.accuracy, seed: 1 }),
    ).rejects.toThrow(/groups has 2 entries/);
    await expect(
      permutationImportance({ ...data, groups: [0, 0, 2], score: data.accuracy, seed: 1 }),
    ).rejects.toThrow(/groups\[2\] is 2/);
    await expect(permutationImportance({ ...data, score: () => Number.NaN, seed: 1 })).rejects.toThrow(/NaN/);
  });
});
