import { describe, expect, it } from 'vitest';
import { columnsWithMissing, familiesForData, MissingFeaturesError } from '../../../src/core/models/index.ts';

const set = (values: number[]) => ({ x: new Float32Array(values), y: new Float64Array(0), rows: 0 });

describe('missing features and the families that take them', () => {
  it('finds the columns with a NaN in any set', () => {
    // 3 columns: a NaN in column 2 of the first set and column 0 of the second.
    expect(columnsWithMissing([set([1, 2, NaN, 4, 5, 6]), set([NaN, 0, 0])], 3)).toEqual([0, 2]);
    expect(columnsWithMissing([set([1, 2, 3])], 3)).toEqual([]);
  });

  it('keeps every family when nothing is missing', () => {
    expect(familiesForData(['baseline', 'linear', 'mlp', 'gbdt'], [])).toEqual({
      families: ['baseline', 'linear', 'mlp', 'gbdt'],
      refused: [],
    });
  });

  it('leaves the networks out when trees were asked for too', () => {
    expect(familiesForData(['baseline', 'gbdt', 'linear', 'mlp'], [1])).toEqual({
      families: ['baseline', 'gbdt'],
      refused: ['linear', 'mlp'],
    });
  });

  it('refuses, naming the columns, when only networks (and the baseline) were asked for', () => {
    const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    const attempt = () => familiesForData(['baseline', 'linear'], [0, 1, 2, 3, 4, 5, 6], names);
    expect(attempt).toThrow(MissingFeaturesError);
    expect(attempt).toThrow(
      'The features "a", "b", "c", "d", "e", and 2 more keep missing values, which only gradient-boosted trees accept; linear needs them imputed',
    );
  });
});
