import { describe, expect, it } from 'vitest';
import { fitOne } from './fit-one.ts';
import { float32, matrixColumn, matrixRows } from './feature-table.ts';

describe('one-hot features', () => {
  it('keeps the top K training values (ties by string order) plus "(other)"', () => {
    // Counts: Paris 3, Lyon 2, Nice 2, Lille 1. Top 2: Paris, then Lyon (ties with Nice; "Lyon" < "Nice").
    const train = ['Paris', 'Nice', 'Lyon', 'Paris', 'Lille', 'Lyon', 'Nice', 'Paris'];
    const { fitted, matrix } = fitOne({ kind: 'onehot', column: 'x', topK: 2 }, train, [
      'Paris',
      'Lyon',
      'Nice',
      'Tokyo',
    ]);
    expect(fitted.outputs).toEqual(['x=Paris', 'x=Lyon', 'x=(other)']);
    expect(matrixRows(matrix)).toEqual([
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
      [0, 0, 1],
    ]);
  });

  it('sends a missing value to "(missing)" when training had gaps, and to all zeros otherwise', () => {
    const gappy = fitOne({ kind: 'onehot', column: 'x', topK: 5 }, ['a', null, 'b'], [null, '  ', 'a']);
    expect(gappy.fitted.outputs).toEqual(['x=a', 'x=b', 'x=(other)', 'x=(missing)']);
    expect(matrixRows(gappy.matrix)).toEqual([
      [0, 0, 0, 1],
      [0, 0, 0, 1],
      [1, 0, 0, 0],
    ]);
    const full = fitOne({ kind: 'onehot', column: 'x', topK: 5 }, ['a', 'b'], [null]);
    expect(full.fitted.outputs).toEqual(['x=a', 'x=b', 'x=(other)']);
    expect(matrixRows(full.matrix)).toEqual([[0, 0, 0]]);
  });

  it('compares values after trimming whitespace', () => {
    const { matrix } = fitOne({ kind: 'onehot', column: 'x', topK: 5 }, ['a', 'b'], [' a ', 'b\t']);
    expect(matrixRows(matrix)).toEqual([
      [1, 0, 0],
      [0, 1, 0],
    ]);
  });

  it('treats a category named like a data-structure key as ordinary data', () => {
    const { matrix } = fitOne(
      { kind: 'onehot', column: 'x', topK: 5 },
      ['__proto__', 'constructor'],
      ['__proto__', 'toString'],
    );
    expect(matrixRows(matrix)).toEqual([
      [1, 0, 0],
      [0, 0, 1],
    ]);
  });
});

describe('ordinal features', () => {
  it('encodes the position in the given order as index / (length − 1)', () => {
    const { fitted, matrix } = fitOne(
      { kind: 'ordinal', column: 'x', order: ['low', 'medium', 'high'] },
      ['low', 'high', 'high', 'medium'],
      ['low', 'medium', 'high'],
    );
    expect(fitted.outputs).toEqual(['x']);
    expect(matrixColumn(matrix, 0)).toEqual([0, 0.5, 1]);
  });

  it('gives missing and unknown values the training mean of the encoded values', () => {
    // Training: low 0, high 1, high 1, medium 0.5 → mean 0.625 ("huge" is unknown and ignored).
    const { fitted, matrix } = fitOne(
      { kind: 'ordinal', column: 'x', order: ['low', 'medium', 'high'] },
      ['low', 'high', 'high', 'medium', 'huge'],
      [null, 'huge'],
    );
    expect(fitted.steps[0]).toMatchObject({ fill: 0.625 });
    expect(matrixColumn(matrix, 0)).toEqual([0.625, 0.625]);
  });
});

describe('frequency features', () => {
  it("encodes each value's share of the training rows; missing has its own share, unseen values 0", () => {
    // 5 training rows: a 2, b 1, missing 2.
    const { fitted, matrix } = fitOne(
      { kind: 'frequency', column: 'x' },
      ['a', 'b', null, 'a', null],
      ['a', 'b', null, 'z'],
    );
    expect(fitted.steps[0]).toEqual({
      kind: 'frequency',
      column: 'x',
      values: ['a', 'b'],
      shares: [0.4, 0.2],
      missingShare: 0.4,
    });
    expect(matrixColumn(matrix, 0)).toEqual(float32([0.4, 0.2, 0.4, 0]));
  });
});

describe('boolean features', () => {
  it('reads the words the recipe cast reads as 1 and 0', () => {
    const { fitted, matrix } = fitOne({ kind: 'boolean', column: 'x' }, [
      'true',
      'false',
      'Yes',
      'n',
      '1',
      '0',
    ]);
    expect(fitted.outputs).toEqual(['x']);
    expect(matrixColumn(matrix, 0)).toEqual([1, 0, 1, 0, 1, 0]);
  });

  it('imputes the training share of true and flags missing values when training had them', () => {
    // Known training values: true, true, false, true → share 0.75.
    const { fitted, matrix } = fitOne(
      { kind: 'boolean', column: 'x' },
      ['true', 'true', null, 'false', 'true'],
      [null, 'maybe', 'false'],
    );
    expect(fitted.outputs).toEqual(['x', 'x (missing)']);
    expect(matrixRows(matrix)).toEqual([
      [0.75, 1],
      [0.75, 1],
      [0, 0],
    ]);
  });
});

describe('dropped columns', () => {
  it('writes nothing and is not an input, so serving rows need not carry it', () => {
    const { fitted, matrix } = fitOne({ kind: 'drop', column: 'x' }, ['a', 'b']);
    expect(fitted.inputs).toEqual([]);
    expect(fitted.outputs).toEqual([]);
    expect(matrix).toMatchObject({ rows: 2, cols: 0 });
  });
});
