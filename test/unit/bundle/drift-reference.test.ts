import { describe, expect, it } from 'vitest';
import { driftReference } from '../../../src/core/bundle/drift-reference.ts';

const proba = (positives: number[]) => ({
  kind: 'proba' as const,
  classes: 2,
  values: Float64Array.from(positives.flatMap((p) => [1 - p, p])),
});

describe('driftReference', () => {
  it('counts a categorical column by hand: top values by count, ties by value, missing apart', () => {
    const reference = driftReference(
      [{ name: 'city', type: 'category' }],
      { city: ['b', 'a', 'b', null, '', 'c', 'a', 'b'] },
      proba([]),
    );
    expect(reference.rows).toBe(8);
    expect(reference.columns[0]).toEqual({
      kind: 'categorical',
      column: 'city',
      values: ['b', 'a', 'c'],
      counts: [3, 2, 1],
      other: 0,
      missing: 2,
    });
  });

  it('keeps the 20 most frequent categories and counts the rest as other', () => {
    const cells = Array.from({ length: 25 }, (_, i) => `v${String(i).padStart(2, '0')}`);
    const [column] = driftReference(
      [{ name: 'c', type: 'text' }],
      { c: [...cells, 'v24'] },
      proba([]),
    ).columns;
    expect(column).toMatchObject({ kind: 'categorical', other: 5, missing: 0 });
    if (column?.kind !== 'categorical') throw new Error('expected categorical');
    expect(column.values[0]).toBe('v24');
    expect(column.values).toHaveLength(20);
  });

  it('bins a numeric column at its quantiles, with unreadable cells counted missing', () => {
    // 11 values 0..10: deciles fall on the integers, so edges are 0..10 and the last bin holds 9 and 10.
    const cells = [...Array.from({ length: 11 }, (_, i) => String(i)), 'n/a', null];
    const [column] = driftReference([{ name: 'x', type: 'integer' }], { x: cells }, proba([])).columns;
    expect(column).toEqual({
      kind: 'numeric',
      column: 'x',
      edges: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
      counts: [1, 1, 1, 1, 1, 1, 1, 1, 1, 2],
      missing: 2,
    });
  });

  it('histograms binary P(positive) in ten bins on [0, 1], P = 1 in the last', () => {
    const { prediction } = driftReference([], {}, proba([0, 0.05, 0.1, 0.55, 0.99, 1]));
    expect(prediction).toEqual({
      kind: 'probability',
      edges: [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1],
      counts: [2, 1, 0, 0, 0, 1, 0, 0, 0, 2],
    });
  });

  it('bins regression predictions at quantiles and counts multiclass predicted classes', () => {
    const value = driftReference([], {}, { kind: 'value', values: Float64Array.of(1, 2, 3) }).prediction;
    // Edges 1, 1.2, …, 3: the median 2 opens bin 5, and 3 closes the last bin.
    expect(value).toMatchObject({ kind: 'value', counts: [1, 0, 0, 0, 0, 1, 0, 0, 0, 1] });
    const multiclass = driftReference(
      [],
      {},
      { kind: 'proba', classes: 3, values: Float64Array.of(0.1, 0.7, 0.2, 0.6, 0.3, 0.1, 0.2, 0.2, 0.6) },
    ).prediction;
    expect(multiclass).toEqual({ kind: 'class', counts: [1, 1, 1] });
  });

  it('keeps a seeded sample of 5,000 of 6,000 rows, the same rows in every column and in the predictions', () => {
    const a = Array.from({ length: 6000 }, (_, r) => String(r));
    const b = Array.from({ length: 6000 }, (_, r) => (r % 7 === 0 ? '' : `c${2 * r}`));
    const output = { kind: 'value' as const, values: Float64Array.from(a, Number) };
    const columns = [
      { name: 'a', type: 'integer' as const },
      { name: 'b', type: 'category' as const },
    ];
    const { sample } = driftReference(columns, { a, b }, output);
    const rows = sample!.cells.a!.map(Number);
    expect(rows).toHaveLength(5000);
    expect(new Set(rows).size).toBe(5000);
    expect(rows).toEqual([...rows].sort((x, y) => x - y));
    rows.forEach((r, i) => {
      expect(sample!.cells.b![i]).toBe(r % 7 === 0 ? '' : `c${2 * r}`);
      expect(sample!.predictions[i]).toBe(r);
    });
    // Seeded: the same input gives the same sample.
    expect(driftReference(columns, { a, b }, output).sample).toEqual(sample);
  });

  it('refuses a column without cells', () => {
    expect(() => driftReference([{ name: 'x', type: 'number' }], {}, proba([]))).toThrow(/"x"/);
  });
});
