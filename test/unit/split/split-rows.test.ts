import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/core/random.ts';
import { allocateStratified, splitRows, splitSizes, type RowSplit } from '../../../src/core/split/index.ts';

const sizesOf = (split: RowSplit): number[] => [
  split.train.length,
  split.validation.length,
  split.test.length,
];

/** Every row 0..n−1 in exactly one of the four sets, each ascending. */
function expectPartition(split: RowSplit, n: number): void {
  const seen = new Uint8Array(n);
  const problems: string[] = [];
  for (const set of [split.train, split.validation, split.test, split.excluded]) {
    for (let i = 0; i < set.length; i++) {
      const row = set[i]!;
      if (i > 0 && row <= set[i - 1]!) problems.push(`not ascending at ${row}`);
      if (row >= n || seen[row] === 1) problems.push(`row ${row} is outside the table or in two sets`);
      seen[row] = 1;
    }
  }
  if (!seen.every((flag) => flag === 1)) problems.push('some row is in no set');
  expect(problems.slice(0, 5)).toEqual([]);
}

describe('splitSizes', () => {
  it('rounds by largest remainder, ties to train then validation', () => {
    expect(splitSizes(1000, [0.7, 0.15, 0.15])).toEqual([700, 150, 150]);
    expect(splitSizes(101, [0.7, 0.15, 0.15])).toEqual([71, 15, 15]); // 70.7, 15.15, 15.15
    expect(splitSizes(10, [0.7, 0.15, 0.15])).toEqual([7, 2, 1]); // 7, 1.5, 1.5
    expect(splitSizes(20, [0.7, 0.15, 0.15])).toEqual([14, 3, 3]);
    expect(splitSizes(7, [0.5, 0.25, 0.25])).toEqual([3, 2, 2]); // 3.5, 1.75, 1.75
    expect(splitSizes(136, [0.6, 0.3, 0.1])).toEqual([82, 41, 13]); // 81.6, 40.8, 13.6: the .6 tie goes to train
    expect(splitSizes(1, [0.7, 0.15, 0.15])).toEqual([1, 0, 0]);
    expect(splitSizes(0, [0.7, 0.15, 0.15])).toEqual([0, 0, 0]);
  });
});

describe('random split', () => {
  it('has exact sizes and is a partition', () => {
    for (const n of [0, 1, 2, 10, 101, 1000]) {
      const split = splitRows(n, { seed: 7 });
      expect(sizesOf(split)).toEqual(splitSizes(n, [0.7, 0.15, 0.15]));
      expectPartition(split, n);
      expect(split.method).toBe('random');
    }
    expect(sizesOf(splitRows(1000, { seed: 7, fractions: [0.8, 0, 0.2] }))).toEqual([800, 0, 200]);
  });

  it('is the same for the same seed and different for another', () => {
    const a = splitRows(500, { seed: 42 });
    expect(splitRows(500, { seed: 42 })).toEqual(a);
    expect(splitRows(500, { seed: 43 }).test).not.toEqual(a.test);
    expect(splitRows(500, { seed: '42' }).test).not.toEqual(a.test);
  });

  it('leaves out excluded rows and sizes the sets from the rest', () => {
    const split = splitRows(103, { seed: 1, exclude: [0, 50, 102] });
    expect(Array.from(split.excluded)).toEqual([0, 50, 102]);
    expect(sizesOf(split)).toEqual([70, 15, 15]);
    expectPartition(split, 103);
  });

  it('refuses bad fractions and bad options', () => {
    expect(() => splitRows(10, { seed: 1, fractions: [0.5, 0.5, 0.5] })).toThrow(/sum to 1/);
    expect(() => splitRows(10, { seed: 1, fractions: [1.2, -0.1, -0.1] })).toThrow(/non-negative/);
    expect(() => splitRows(2, { seed: 1, stratify: ['a', 'b'], groups: ['x', 'y'] })).toThrow(/choose one/);
    expect(() => splitRows(3, { seed: 1, stratify: ['a', 'b'] })).toThrow(/2 entries for 3 rows/);
    expect(() => splitRows(3, { seed: 1, exclude: [3] })).toThrow(/outside/);
  });

  it('splits a million rows', () => {
    const split = splitRows(1_000_000, { seed: 42 });
    expect(sizesOf(split)).toEqual([700_000, 150_000, 150_000]);
    expectPartition(split, 1_000_000);
  });
});

describe('stratified split', () => {
  /** Labels in blocks: counts[k] rows of class k, then shuffled so classes are not contiguous. */
  function labelsFor(counts: number[], seed: number): string[] {
    const labels = counts.flatMap((count, k) => Array.from({ length: count }, () => `class-${k}`));
    return createRng(seed).shuffle(labels);
  }

  function expectStratified(split: RowSplit, labels: readonly (string | null)[], fractions: number[]): void {
    const classes = [...new Set(labels.filter((l) => l !== null))];
    for (const label of classes) {
      const total = labels.filter((l) => l === label).length;
      [split.train, split.validation, split.test].forEach((set, s) => {
        const count = Array.from(set).filter((row) => labels[row] === label).length;
        expect(Math.abs(count - total * fractions[s]!), `${label} in set ${s}`).toBeLessThan(1);
      });
    }
  }

  it('matches every class share within 1 row per set, with exact set sizes', () => {
    const labels = labelsFor([500, 300, 193, 7], 3);
    const split = splitRows(labels.length, { seed: 9, stratify: labels });
    expect(split.method).toBe('stratified');
    expect(sizesOf(split)).toEqual([700, 150, 150]);
    expectPartition(split, labels.length);
    expectStratified(split, labels, [0.7, 0.15, 0.15]);
    // Hand-computed: class-3 has 7 rows, 4.9 / 1.05 / 1.05 → 5, 1, 1.
    const small = [split.train, split.validation, split.test].map(
      (set) => Array.from(set).filter((row) => labels[row] === 'class-3').length,
    );
    expect(small).toEqual([5, 1, 1]);
  });

  it('holds for many random class mixes and fractions', () => {
    const rng = createRng('stratified mixes');
    for (let trial = 0; trial < 200; trial++) {
      const counts = Array.from({ length: rng.int(1, 12) }, () => rng.int(1, rng.int(1, 60)));
      const a = rng.int(0, 10);
      const b = rng.int(0, 10 - a);
      const fractions: [number, number, number] = [a / 10, b / 10, (10 - a - b) / 10];
      const labels = labelsFor(counts, trial);
      const split = splitRows(labels.length, { seed: trial, stratify: labels, fractions });
      expect(sizesOf(split)).toEqual(splitSizes(labels.length, fractions));
      expectPartition(split, labels.length);
      expectStratified(split, labels, fractions);
    }
  });

  it('excludes rows whose label is missing', () => {
    const labels = [...labelsFor([60, 40], 1), null, null];
    const split = splitRows(labels.length, { seed: 2, stratify: labels });
    expect(Array.from(split.excluded)).toEqual([100, 101]);
    expect(sizesOf(split)).toEqual([70, 15, 15]);
    expectStratified(split, labels, [0.7, 0.15, 0.15]);
  });

  it('numbers classes by sorted label, not by where they first appear', () => {
    const labels = labelsFor([30, 20], 5);
    // Renaming that keeps the sorted order of the classes gives the same split.
    const relabelled = labels.map((l) => (l === 'class-0' ? 'a' : 'z'));
    const { train, validation, test } = splitRows(50, { seed: 1, stratify: labels });
    expect(splitRows(50, { seed: 1, stratify: relabelled })).toMatchObject({ train, validation, test });
  });

  it('allocates a table where per-class rounding alone would miss the set sizes', () => {
    // Three classes of 1 row at 40/30/30: each alone would go to train (0.4 is its largest share), but the
    // sets must be 1, 1, 1. Moving a row out of train costs 0.4 − 0.3 for every class; ties go to the lower
    // class, and validation is reached first.
    expect(allocateStratified([1, 1, 1], [0.4, 0.3, 0.3])).toEqual([
      [0, 1, 0],
      [0, 0, 1],
      [1, 0, 0],
    ]);
    // 5 rows of class 0 and 5 of class 1 at 50/50/0: 2.5 each, and each class alone rounds to 3, 2 (the tie
    // goes to train). The sets must be 5, 5, 0, so class 0 (the lower) moves a row to validation.
    expect(allocateStratified([5, 5], [0.5, 0.5, 0])).toEqual([
      [2, 3, 0],
      [3, 2, 0],
    ]);
  });

  it('splits a million labelled rows', () => {
    const labels = Array.from({ length: 1_000_000 }, (_, i) => (i % 10 === 0 ? 'yes' : 'no'));
    const split = splitRows(labels.length, { seed: 42, stratify: labels });
    expect(sizesOf(split)).toEqual([700_000, 150_000, 150_000]);
    expect(Array.from(split.test).filter((row) => labels[row] === 'yes').length).toBe(15_000);
  });
});

describe('time split', () => {
  it('puts the latest timestamps in test and the ones before them in validation', () => {
    const n = 200;
    const times = createRng(4).shuffle(
      Array.from({ length: n }, (_, i) => Date.UTC(2020, 0, 1) + i * 3_600_000),
    );
    const split = splitRows(n, { seed: 1, timeOrder: times });
    expect(split.method).toBe('time');
    expect(sizesOf(split)).toEqual([140, 30, 30]);
    expectPartition(split, n);
    const span = (set: Uint32Array) => {
      const values = Array.from(set, (row) => times[row]!);
      return [Math.min(...values), Math.max(...values)];
    };
    const [train, validation, test] = [span(split.train), span(split.validation), span(split.test)];
    expect(train[1]! < validation[0]!).toBe(true);
    expect(validation[1]! < test[0]!).toBe(true);
    // The 30 latest hours are test: hours 170..199.
    expect(test).toEqual([Date.UTC(2020, 0, 1) + 170 * 3_600_000, Date.UTC(2020, 0, 1) + 199 * 3_600_000]);
  });

  it('breaks ties by row index and excludes rows without a timestamp', () => {
    const times = [5, 1, 5, 5, NaN, 1, 5, 5, 5, 5, 5];
    const split = splitRows(times.length, { seed: 1, timeOrder: times, fractions: [0.5, 0.2, 0.3] });
    // 10 rows with times: 1 (rows 1, 5), then 5 (rows 0, 2, 3, 6, 7, 8, 9, 10). Sizes 5, 2, 3.
    expect(Array.from(split.train)).toEqual([0, 1, 2, 3, 5]);
    expect(Array.from(split.validation)).toEqual([6, 7]);
    expect(Array.from(split.test)).toEqual([8, 9, 10]);
    expect(Array.from(split.excluded)).toEqual([4]);
  });

  it('splits a million timestamps', () => {
    const times = Float64Array.from({ length: 1_000_000 }, (_, i) => (i * 7919) % 1_000_003);
    const split = splitRows(times.length, { seed: 0, timeOrder: times });
    expect(sizesOf(split)).toEqual([700_000, 150_000, 150_000]);
  });
});

describe('group split', () => {
  function groupsFor(sizes: number[], seed: number): string[] {
    return createRng(seed).shuffle(
      sizes.flatMap((size, g) => Array.from({ length: size }, () => `customer-${g}`)),
    );
  }

  function setOfEachGroup(split: RowSplit, groups: readonly (string | null)[]): Map<string, Set<number>> {
    const placed = new Map<string, Set<number>>();
    [split.train, split.validation, split.test].forEach((set, s) => {
      for (const row of set) {
        const key = groups[row]!;
        placed.set(key, (placed.get(key) ?? new Set()).add(s));
      }
    });
    return placed;
  }

  it('never lets a group straddle sets, and sizes stay close to target', () => {
    const rng = createRng('group sizes');
    const sizes = Array.from({ length: 300 }, () => rng.int(1, 8));
    const groups = groupsFor(sizes, 1);
    const n = groups.length;
    const split = splitRows(n, { seed: 3, groups });
    expect(split.method).toBe('group');
    expectPartition(split, n);
    for (const [key, sets] of setOfEachGroup(split, groups)) expect(sets.size, key).toBe(1);
    const targets = splitSizes(n, [0.7, 0.15, 0.15]);
    sizesOf(split).forEach((size, s) => expect(Math.abs(size - targets[s]!)).toBeLessThan(2 * 8));
  });

  it('hits exact sizes when every group has one row', () => {
    const groups = Array.from({ length: 100 }, (_, i) => `g${i}`);
    expect(sizesOf(splitRows(100, { seed: 1, groups }))).toEqual([70, 15, 15]);
  });

  it('moves groups between sets with the seed, and excludes rows without a group', () => {
    const groups = [
      ...groupsFor(
        Array.from({ length: 50 }, () => 2),
        2,
      ),
      null,
    ];
    const a = splitRows(groups.length, { seed: 1, groups });
    const b = splitRows(groups.length, { seed: 2, groups });
    expect(splitRows(groups.length, { seed: 1, groups })).toEqual(a);
    expect(b.test).not.toEqual(a.test);
    expect(Array.from(a.excluded)).toEqual([100]);
  });

  it('splits a million rows in ten thousand groups', () => {
    const groups = Array.from({ length: 1_000_000 }, (_, i) => `g${(i * 7919) % 10_000}`);
    const split = splitRows(groups.length, { seed: 42, groups });
    expect(sizesOf(split)).toEqual([700_000, 150_000, 150_000]);
  });
});
