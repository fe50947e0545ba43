import { describe, expect, it } from 'vitest';
import { makeFolds } from '../../../src/core/search/cv-folds.ts';
import { foldLayoutOf } from '../../../src/core/search/fold-layout-of.ts';
import type { RawTable } from '../../../src/core/table/raw-table.ts';

describe('makeFolds', () => {
  it('stratified: every fold holds each class within one row of its share, and scores each row once', () => {
    // 60 rows of class 0, 30 of class 1, 10 of class 2: per fold of 5, 12, 6 and 2 rows exactly.
    const y = [...Array<number>(60).fill(0), ...Array<number>(30).fill(1), ...Array<number>(10).fill(2)];
    const folds = makeFolds(100, 5, { kind: 'stratified', y }, 7);
    const seen = new Set<number>();
    for (const fold of folds) {
      const counts = [0, 0, 0];
      for (const r of fold.valid) counts[y[r]!]!++;
      for (const [c, share] of [12, 6, 2].entries())
        expect(Math.abs(counts[c]! - share)).toBeLessThanOrEqual(1);
      expect(fold.train.length + fold.valid.length).toBe(100);
      for (const r of fold.valid) seen.add(r);
      const train = new Set(fold.train);
      for (const r of fold.valid) expect(train.has(r)).toBe(false);
    }
    expect(seen.size).toBe(100);
  });

  it('time: each fold trains only on rows earlier than the ones it is scored on (TimeSeriesSplit)', () => {
    // Pool rows in a shuffled order of time: order lists them earliest first.
    const order = [9, 3, 0, 7, 1, 8, 2, 6, 4, 5, 11, 10];
    const rank = new Map(order.map((r, i) => [r, i]));
    const folds = makeFolds(12, 3, { kind: 'time', order }, 1);
    // 12 rows, k = 3: blocks of 3; fold j trains on the first 3(j+1) rows in time and scores the next 3.
    expect(folds.map((f) => [f.train.length, f.valid.length])).toEqual([
      [3, 3],
      [6, 3],
      [9, 3],
    ]);
    for (const fold of folds) {
      const latestTrain = Math.max(...Array.from(fold.train, (r) => rank.get(r)!));
      const earliestValid = Math.min(...Array.from(fold.valid, (r) => rank.get(r)!));
      expect(latestTrain).toBeLessThan(earliestValid);
    }
  });

  it('group: no entity has rows on both sides of a fold, and too few groups is refused', () => {
    const groups = Array.from({ length: 40 }, (_, r) => r % 8);
    for (const fold of makeFolds(40, 4, { kind: 'group', groups }, 3)) {
      const trainGroups = new Set(Array.from(fold.train, (r) => groups[r]));
      for (const r of fold.valid) expect(trainGroups.has(groups[r]!)).toBe(false);
    }
    expect(() => makeFolds(40, 5, { kind: 'group', groups: groups.map((g) => g % 3) }, 3)).toThrow(
      /3 groups cannot fill 5 folds/,
    );
  });
});

describe('foldLayoutOf', () => {
  // Raw rows 0..5; the pool is train rows [4, 0, 2] then validation rows [5, 1].
  const table: RawTable = {
    names: ['day', 'shop', 'y'],
    columns: [
      ['2024-01-05', '2024-01-01', '2024-01-03', '2024-01-09', '2024-01-02', '2024-01-04'],
      ['a', 'b', 'a', 'c', 'c', 'b'],
      ['1', '0', '1', '0', '1', '0'],
    ],
  };
  const rowIds = { train: [4, 0, 2], validation: [5, 1] };

  it('a time split orders the pool by its date column, read as the split reads it', () => {
    // Pool positions: 0 → raw 4 (Jan 2), 1 → raw 0 (Jan 5), 2 → raw 2 (Jan 3), 3 → raw 5 (Jan 4), 4 → raw 1 (Jan 1).
    expect(foldLayoutOf(table, { method: 'time', column: 'day' }, rowIds)).toEqual({
      kind: 'time',
      order: [4, 0, 2, 3, 1],
    });
  });

  it('a group split codes the pool by its entity column; a random split leaves the default', () => {
    // Pool shops: c, a, a, b, b.
    expect(foldLayoutOf(table, { method: 'group', column: 'shop' }, rowIds)).toEqual({
      kind: 'group',
      groups: [0, 1, 1, 2, 2],
    });
    expect(foldLayoutOf(table, { method: 'random' }, rowIds)).toBeUndefined();
    expect(() => foldLayoutOf(table, { method: 'time', column: 'when' }, rowIds)).toThrow(
      'Cross-validation: the dataset has no column "when".',
    );
  });
});
