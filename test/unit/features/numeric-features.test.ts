import { describe, expect, it } from 'vitest';
import { keepMissingNumbers, parseFeatureSpec } from '../../../src/core/features/index.ts';
import { fitOne } from './fit-one.ts';
import { float32, matrixColumn, matrixRows } from './feature-table.ts';

describe('numeric features', () => {
  it('standardizes with the population standard deviation (ddof 0), as sklearn StandardScaler', () => {
    // 1, 2, 3, 6: mean 3, variance (4 + 1 + 0 + 9) / 4 = 3.5, sd √3.5 = 1.8708286933869707.
    const { fitted, matrix } = fitOne(
      { kind: 'numeric', column: 'x', impute: 'median', scale: 'standardize' },
      ['1', '2', '3', '6'],
    );
    expect(fitted.outputs).toEqual(['x']);
    expect(fitted.steps[0]).toMatchObject({ center: 3, scale: 1.8708286933869707, missingIndicator: false });
    expect(matrixColumn(matrix, 0)).toEqual(
      float32([-1.0690449676496976, -0.5345224838248488, 0, 1.6035674514745464]),
    );
  });

  it('maps a constant column to 0 instead of dividing by zero', () => {
    const { matrix } = fitOne(
      { kind: 'numeric', column: 'x', impute: 'mean', scale: 'standardize' },
      ['4', '4'],
      ['4', '6'],
    );
    expect(matrixColumn(matrix, 0)).toEqual([0, 2]);
  });

  it('min-max scales to [0, 1] on the training range and lets serving values fall outside it', () => {
    const { matrix } = fitOne(
      { kind: 'numeric', column: 'x', impute: 'median', scale: 'minmax' },
      ['10', '20', '30'],
      ['10', '25', '40', '0'],
    );
    expect(matrixColumn(matrix, 0)).toEqual(float32([0, 0.75, 1.5, -0.5]));
  });

  it('imputes the training median and adds a "(missing)" indicator when training had gaps', () => {
    // Present training values 1, 3, 10 (the text "n/a" is not a number, so it counts as missing): median 3.
    const { fitted, matrix } = fitOne(
      { kind: 'numeric', column: 'x', impute: 'median', scale: 'none' },
      ['1', null, '3', 'n/a', '10'],
      ['5', null, 'oops'],
    );
    expect(fitted.outputs).toEqual(['x', 'x (missing)']);
    expect(fitted.steps[0]).toMatchObject({ fill: 3 });
    expect(matrixRows(matrix)).toEqual([
      [5, 0],
      [3, 1],
      [3, 1],
    ]);
  });

  it('imputes the mean or zero when asked, and adds no indicator when training had no gaps', () => {
    const mean = fitOne(
      { kind: 'numeric', column: 'x', impute: 'mean', scale: 'none' },
      ['1', '2', '6'],
      [null],
    );
    expect(mean.fitted.outputs).toEqual(['x']);
    expect(matrixRows(mean.matrix)).toEqual([[3]]);
    const zero = fitOne({ kind: 'numeric', column: 'x', impute: 'zero', scale: 'none' }, ['1', null], [null]);
    expect(matrixRows(zero.matrix)).toEqual([[0, 1]]);
  });

  it('reads numbers as the recipe does: thousands separators and whitespace allowed', () => {
    const { matrix } = fitOne({ kind: 'numeric', column: 'x', impute: 'zero', scale: 'none' }, [
      ' 1,234.5 ',
      '-2',
    ]);
    expect(matrixColumn(matrix, 0)).toEqual([1234.5, -2]);
  });

  it('applies log1p, keeping negative values finite and ordered (signed log)', () => {
    const { matrix } = fitOne({ kind: 'numeric', column: 'x', impute: 'zero', scale: 'none', log1p: true }, [
      '0',
      String(Math.E - 1),
      '-3',
    ]);
    expect(matrixColumn(matrix, 0)).toEqual(float32([0, 1, -Math.log(4)]));
  });

  it('clips to fixed bounds before log1p', () => {
    const { matrix } = fitOne(
      {
        kind: 'numeric',
        column: 'x',
        impute: 'zero',
        scale: 'none',
        log1p: true,
        clip: { lower: 0, upper: 99 },
      },
      ['-5', '999', '9'],
    );
    expect(matrixColumn(matrix, 0)).toEqual(float32([0, Math.log(100), Math.log(10)]));
  });

  it('clips at training quantiles computed by linear interpolation (numpy default)', () => {
    // 0 … 100 step 10 (11 values): the 0.1 quantile is 10, the 0.9 quantile is 90.
    const train = Array.from({ length: 11 }, (_, i) => String(i * 10));
    const { fitted, matrix } = fitOne(
      { kind: 'numeric', column: 'x', impute: 'zero', scale: 'none', clip: { quantiles: [0.1, 0.9] } },
      train,
      ['0', '55', '1000'],
    );
    expect(fitted.steps[0]).toMatchObject({ clip: { lower: 10, upper: 90 } });
    expect(matrixColumn(matrix, 0)).toEqual([10, 55, 90]);
  });

  it('bins at training quantiles, one-hot, instead of scaling', () => {
    // 1 … 8: quartile edges at 2.75, 4.5, 6.25 (positions 1.75, 3.5, 5.25).
    const train = ['1', '2', '3', '4', '5', '6', '7', '8'];
    const { fitted, matrix } = fitOne(
      { kind: 'numeric', column: 'x', impute: 'median', scale: 'standardize', bins: 4 },
      train,
      ['1', '2.75', '5', '100', null],
    );
    expect(fitted.steps[0]).toMatchObject({ edges: [2.75, 4.5, 6.25] });
    expect(fitted.outputs).toEqual(['x.bin0', 'x.bin1', 'x.bin2', 'x.bin3']);
    // Missing takes the median, 4.5, which opens bin 2.
    expect(matrixRows(matrix)).toEqual([
      [1, 0, 0, 0],
      [0, 1, 0, 0],
      [0, 0, 1, 0],
      [0, 0, 0, 1],
      [0, 0, 1, 0],
    ]);
  });

  it('drops bin edges that would leave a bin empty on a column of many equal values', () => {
    const { fitted } = fitOne({ kind: 'numeric', column: 'x', impute: 'median', scale: 'none', bins: 4 }, [
      '0',
      '0',
      '0',
      '0',
      '0',
      '0',
      '1',
      '2',
    ]);
    // Quantiles 0.25 and 0.5 are both 0, the minimum; only 0.75 (0.25) separates values.
    expect(fitted.steps[0]).toMatchObject({ edges: [0.25] });
    expect(fitted.outputs).toEqual(['x.bin0', 'x.bin1']);
  });

  it("keeps missing values as NaN with impute 'keep', scaled by the present values only", () => {
    // Present 1, 3, 8: mean 4, variance (9 + 1 + 16) / 3 = 26/3, sd √(26/3) = 2.943920288775949.
    const { fitted, matrix } = fitOne(
      { kind: 'numeric', column: 'x', impute: 'keep', scale: 'standardize' },
      ['1', null, '3', 'n/a', '8'],
      ['4', null, 'oops', '1'],
    );
    expect(fitted.outputs).toEqual(['x']);
    expect(fitted.steps[0]).toMatchObject({ keepMissing: true, missingIndicator: false, center: 4 });
    expect((fitted.steps[0] as { scale: number }).scale).toBeCloseTo(2.943920288775949, 14);
    const column = matrixColumn(matrix, 0);
    expect(column[0]).toBe(0);
    expect(Number.isNaN(column[1])).toBe(true);
    expect(Number.isNaN(column[2])).toBe(true);
    expect(column[3]).toBeCloseTo(-3 / 2.943920288775949, 6);
  });

  it("refuses 'keep' with quantile bins, which have no place for a missing value", () => {
    const spec = {
      target: 'y',
      task: 'regression',
      transforms: [{ kind: 'numeric', column: 'x', impute: 'keep', scale: 'none', bins: 4 }],
    };
    expect(() => parseFeatureSpec(spec)).toThrow(/bins.*quantile bins need missing values imputed/s);
  });

  it('keepMissingNumbers switches every unbinned numeric feature to keep, unscaled, and leaves the rest', () => {
    const spec = keepMissingNumbers({
      target: 'y',
      task: 'regression',
      transforms: [
        { kind: 'numeric', column: 'a', impute: 'median', scale: 'standardize', log1p: true },
        { kind: 'numeric', column: 'b', impute: 'mean', scale: 'none', bins: 5 },
        { kind: 'onehot', column: 'c', topK: 3 },
      ],
    });
    expect(spec.transforms).toEqual([
      { kind: 'numeric', column: 'a', impute: 'keep', scale: 'none', log1p: true },
      { kind: 'numeric', column: 'b', impute: 'mean', scale: 'none', bins: 5 },
      { kind: 'onehot', column: 'c', topK: 3 },
    ]);
  });
});
