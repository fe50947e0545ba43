import { describe, expect, it } from 'vitest';
import { applyRecipe, type RecipeResult, type RecipeStep } from '../../../src/core/recipe/index.ts';
import type { RawTable } from '../../../src/core/table/raw-table.ts';

/** A raw table from rows, as a person would write it. */
function rawTable(names: string[], rows: string[][]): RawTable {
  return { names, columns: names.map((_, c) => rows.map((row) => row[c]!)) };
}

function run(raw: RawTable, ...steps: RecipeStep[]): RecipeResult {
  return applyRecipe(raw, { steps });
}

/** The prepared table's column by name. */
function column(result: RecipeResult, name: string): (string | null)[] {
  return result.table.columns[result.table.names.indexOf(name)]!;
}

const customers = rawTable(
  ['id', 'age', 'plan', 'fee'],
  [
    ['1', '22', 'Basic', '10'],
    ['2', 'NA', ' premium', '1,250.00'],
    ['3', '35', 'PREMIUM', '12.5'],
    ['4', '', 'basic ', 'abc'],
    ['5', '41', 'Basic', '9999'],
  ],
);

describe('loading', () => {
  it('treats the default markers, compared after trimming, as missing and leaves the input untouched', () => {
    const raw = rawTable(
      ['x'],
      [['NA'], [' N/A '], ['None'], ['  '], ['?'], ['null'], ['NaN'], ['na'], ['0']],
    );
    const before = JSON.stringify(raw);
    const result = run(raw);
    expect(column(result, 'x')).toEqual([null, null, 'None', null, null, null, null, 'na', '0']);
    expect(JSON.stringify(raw)).toBe(before);
  });

  it('uses the markers it is given instead, and records them', () => {
    const raw = rawTable(['x'], [['NA'], ['-'], ['']]);
    const result = applyRecipe(raw, { steps: [] }, { missingMarkers: ['-'] });
    expect(column(result, 'x')).toEqual(['NA', null, '']);
    expect(result.fitted.missingMarkers).toEqual(['-']);
  });
});

describe('cast', () => {
  it('normalises numbers, makes unparseable values missing and counts them', () => {
    const result = run(customers, { id: 'c', kind: 'cast', column: 'fee', to: 'number' });
    expect(column(result, 'fee')).toEqual(['10', '1250', '12.5', null, '9999']);
    expect(result.table.types).toEqual([null, null, null, 'number']);
    const [report] = result.reports;
    expect(report).toMatchObject({
      stepId: 'c',
      kind: 'cast',
      rowsBefore: 5,
      rowsAfter: 5,
      droppedCount: 0,
      cellsChanged: 2,
      cellsInvalid: 1,
      invalidExamples: ['abc'],
      missing: [{ column: 'fee', before: 0, after: 1 }],
    });
  });

  it('writes numbers in canonical form', () => {
    const raw = rawTable(
      ['x'],
      [['007'], ['-0'], ['1.50'], ['+3'], ['1e3'], [' 42 '], ['.5'], ['0.0000001'], ['12,34']],
    );
    const result = run(raw, { id: 'c', kind: 'cast', column: 'x', to: 'number' });
    expect(column(result, 'x')).toEqual(['7', '0', '1.5', '3', '1000', '42', '0.5', '1e-7', null]);
  });

  it('accepts only whole numbers as integers', () => {
    const raw = rawTable(['x'], [['3'], ['3.0'], ['3.5'], ['1,000'], ['x']]);
    const result = run(raw, { id: 'c', kind: 'cast', column: 'x', to: 'integer' });
    expect(column(result, 'x')).toEqual(['3', '3', null, '1000', null]);
    expect(result.reports[0]).toMatchObject({
      cellsChanged: 4,
      cellsInvalid: 2,
      invalidExamples: ['3.5', 'x'],
    });
  });

  it('reads booleans in their common spellings', () => {
    const raw = rawTable(['x'], [['Yes'], ['no'], ['TRUE'], ['f'], ['1'], ['maybe']]);
    const result = run(raw, { id: 'c', kind: 'cast', column: 'x', to: 'boolean' });
    expect(column(result, 'x')).toEqual(['true', 'false', 'true', 'false', 'true', null]);
  });

  it('writes dates and datetimes as ISO', () => {
    const raw = rawTable(['x'], [['6/12/1998'], ['1998-06-12 13:45'], ['Jun 12 1998']]);
    expect(column(run(raw, { id: 'c', kind: 'cast', column: 'x', to: 'date' }), 'x')).toEqual([
      '1998-06-12',
      '1998-06-12',
      '1998-06-12',
    ]);
    expect(column(run(raw, { id: 'c', kind: 'cast', column: 'x', to: 'datetime' }), 'x')).toEqual([
      '1998-06-12T00:00:00',
      '1998-06-12T13:45:00',
      '1998-06-12T00:00:00',
    ]);
  });

  it('only records the type for category, text and id', () => {
    const result = run(customers, { id: 'c', kind: 'cast', column: 'plan', to: 'category' });
    expect(column(result, 'plan')).toEqual(['Basic', ' premium', 'PREMIUM', 'basic ', 'Basic']);
    expect(result.table.types[2]).toBe('category');
    expect(result.reports[0]!.cellsChanged).toBe(0);
  });
});

describe('trim, case-fold and map-values', () => {
  it('trims surrounding whitespace', () => {
    const result = run(customers, { id: 't', kind: 'trim', columns: ['plan'] });
    expect(column(result, 'plan')).toEqual(['Basic', 'premium', 'PREMIUM', 'basic', 'Basic']);
    expect(result.reports[0]!.cellsChanged).toBe(2);
  });

  it('title-cases, lower-cases and upper-cases', () => {
    const raw = rawTable(['city'], [['new york'], ['NEW YORK'], ["o'neil-smith st."], ['New York']]);
    const fold = (mode: 'lower' | 'upper' | 'title'): (string | null)[] =>
      column(run(raw, { id: 'f', kind: 'case-fold', columns: 'all', mode }), 'city');
    expect(fold('title')).toEqual(['New York', 'New York', "O'neil-Smith St.", 'New York']);
    expect(fold('lower')).toEqual(['new york', 'new york', "o'neil-smith st.", 'new york']);
    expect(fold('upper')).toEqual(['NEW YORK', 'NEW YORK', "O'NEIL-SMITH ST.", 'NEW YORK']);
  });

  it('merges spellings after trim and title-case: five spellings become two', () => {
    const result = run(
      customers,
      { id: 't', kind: 'trim', columns: 'all' },
      { id: 'f', kind: 'case-fold', columns: ['plan'], mode: 'title' },
    );
    expect(column(result, 'plan')).toEqual(['Basic', 'Premium', 'Premium', 'Basic', 'Basic']);
    expect(result.reports[1]!.cellsChanged).toBe(3);
  });

  it('maps exact values, and null makes a value missing', () => {
    const result = run(customers, {
      id: 'm',
      kind: 'map-values',
      column: 'plan',
      mapping: { ' premium': 'Premium', PREMIUM: 'Premium', 'basic ': null },
    });
    expect(column(result, 'plan')).toEqual(['Basic', 'Premium', 'Premium', null, 'Basic']);
    expect(result.reports[0]).toMatchObject({
      cellsChanged: 3,
      missing: [{ column: 'plan', before: 0, after: 1 }],
    });
  });
});

describe('set-missing-markers', () => {
  it('makes the markers missing in the chosen columns only', () => {
    const raw = rawTable(
      ['a', 'b'],
      [
        ['9999', '9999'],
        [' -1 ', '-1'],
        ['5', '5'],
      ],
    );
    const result = run(raw, {
      id: 's',
      kind: 'set-missing-markers',
      columns: ['a'],
      markers: ['9999', '-1'],
    });
    expect(result.table.columns).toEqual([
      [null, null, '5'],
      ['9999', '-1', '5'],
    ]);
    expect(result.reports[0]).toMatchObject({
      cellsChanged: 2,
      missing: [{ column: 'a', before: 0, after: 2 }],
    });
  });

  it('applies to every column with "all"', () => {
    const raw = rawTable(
      ['a', 'b'],
      [
        ['x', 'x'],
        ['y', 'x'],
      ],
    );
    const result = run(raw, { id: 's', kind: 'set-missing-markers', columns: 'all', markers: ['x'] });
    expect(result.table.columns).toEqual([
      [null, 'y'],
      [null, null],
    ]);
  });
});

describe('impute', () => {
  const ages = rawTable(
    ['age', 'plan'],
    [['10'], ['NA'], ['20'], ['60'], [''], ['20']].map(([a], i) => [a!, ['a', 'b', 'b', 'NA', 'a', 'b'][i]!]),
  );

  it('fills with the mean: (10 + 20 + 60 + 20) / 4 = 27.5', () => {
    const result = run(ages, { id: 'i', kind: 'impute', column: 'age', strategy: 'mean' });
    expect(column(result, 'age')).toEqual(['10', '27.5', '20', '60', '27.5', '20']);
    expect(result.fitted.steps).toEqual({ i: { kind: 'impute', value: '27.5', learnedFrom: 4 } });
    expect(result.reports[0]).toMatchObject({
      cellsChanged: 2,
      missing: [{ column: 'age', before: 2, after: 0 }],
    });
  });

  it('fills with the median: of 10, 20, 20, 60 it is 20', () => {
    const result = run(ages, { id: 'i', kind: 'impute', column: 'age', strategy: 'median' });
    expect(column(result, 'age')).toEqual(['10', '20', '20', '60', '20', '20']);
  });

  it('fills with the mode, ties going to the smallest value', () => {
    expect(column(run(ages, { id: 'i', kind: 'impute', column: 'plan', strategy: 'mode' }), 'plan')).toEqual([
      'a',
      'b',
      'b',
      'b',
      'a',
      'b',
    ]);
    const tied = rawTable(['x'], [['b'], ['a'], ['NA'], ['b'], ['a']]);
    expect(column(run(tied, { id: 'i', kind: 'impute', column: 'x', strategy: 'mode' }), 'x')[2]).toBe('a');
  });

  it('fills with a constant', () => {
    const result = run(ages, {
      id: 'i',
      kind: 'impute',
      column: 'plan',
      strategy: 'constant',
      value: 'Unknown',
    });
    expect(column(result, 'plan')).toEqual(['a', 'b', 'b', 'Unknown', 'a', 'b']);
    expect(result.fitted.steps).toEqual({});
  });

  it('rounds the mean of an integer column: (1 + 2) / 2 = 1.5 → 2', () => {
    const raw = rawTable(['n'], [['1'], ['2'], ['NA']]);
    const result = run(
      raw,
      { id: 'c', kind: 'cast', column: 'n', to: 'integer' },
      { id: 'i', kind: 'impute', column: 'n', strategy: 'mean' },
    );
    expect(column(result, 'n')).toEqual(['1', '2', '2']);
  });
});

describe('drop-missing and drop-duplicates', () => {
  it('drops rows missing a value in any chosen column and lists them', () => {
    const result = run(customers, { id: 'd', kind: 'drop-missing', columns: ['age'] });
    expect(result.rowIds).toEqual(Uint32Array.from([0, 2, 4]));
    expect(column(result, 'id')).toEqual(['1', '3', '5']);
    expect(result.reports[0]).toMatchObject({
      rowsBefore: 5,
      rowsAfter: 3,
      droppedCount: 2,
      droppedRowIds: [1, 3],
      missing: [{ column: 'age', before: 2, after: 0 }],
    });
  });

  it('drops rows equal to an earlier one on all columns, missing equal to missing', () => {
    const raw = rawTable(
      ['a', 'b'],
      [
        ['1', 'x'],
        ['1', 'NA'],
        ['1', 'x'],
        ['2', 'x'],
        ['1', ''],
        ['1x', ''],
      ],
    );
    const result = run(raw, { id: 'd', kind: 'drop-duplicates', columns: 'all' });
    expect(result.rowIds).toEqual(Uint32Array.from([0, 1, 3, 5]));
    expect(result.reports[0]).toMatchObject({ droppedCount: 2, droppedRowIds: [2, 4] });
  });

  it('drops duplicates on a subset of columns, keeping the first', () => {
    const raw = rawTable(
      ['key', 'v'],
      [
        ['a', '1'],
        ['b', '2'],
        ['a', '3'],
        ['b', '4'],
        ['c', '5'],
      ],
    );
    const result = run(raw, { id: 'd', kind: 'drop-duplicates', columns: ['key'] });
    expect(column(result, 'v')).toEqual(['1', '2', '5']);
    expect(result.reports[0]!.droppedRowIds).toEqual([2, 3]);
  });

  it('does not confuse cells whose concatenations are equal', () => {
    const raw = rawTable(
      ['a', 'b'],
      [
        ['ab', 'c'],
        ['a', 'bc'],
      ],
    );
    expect(run(raw, { id: 'd', kind: 'drop-duplicates', columns: 'all' }).reports[0]!.droppedCount).toBe(0);
  });
});

describe('clip-outliers and drop-outliers', () => {
  const values = rawTable(['x'], [['1'], ['2'], ['3'], ['4'], ['100'], ['NA']]);

  it('clips to the IQR fences: Q1 = 2, Q3 = 4, fences −1 and 7', () => {
    const result = run(values, { id: 'o', kind: 'clip-outliers', column: 'x', rule: { method: 'iqr' } });
    expect(column(result, 'x')).toEqual(['1', '2', '3', '4', '7', null]);
    expect(result.fitted.steps['o']).toEqual({ kind: 'clip-outliers', lower: -1, upper: 7, learnedFrom: 5 });
    expect(result.reports[0]!.cellsChanged).toBe(1);
  });

  it('clips an integer column to whole numbers inside the fences (8.5 → 8)', () => {
    // 1..5 and 100: Q1 = 2.25, Q3 = 4.75, IQR 2.5, fences −1.5 and 8.5.
    const raw = rawTable(['x'], [['1'], ['2'], ['3'], ['4'], ['5'], ['100']]);
    const result = run(
      raw,
      { id: 'c', kind: 'cast', column: 'x', to: 'integer' },
      { id: 'o', kind: 'clip-outliers', column: 'x', rule: { method: 'iqr' } },
    );
    expect(column(result, 'x')).toEqual(['1', '2', '3', '4', '5', '8']);
    expect(result.fitted.steps['o']).toMatchObject({ lower: -1.5, upper: 8.5 });
  });

  it('clips by z-score: mean 5, population std 2, z = 1 gives [3, 7]', () => {
    const raw = rawTable(['x'], [['2'], ['4'], ['4'], ['4'], ['5'], ['5'], ['7'], ['9']]);
    const result = run(raw, {
      id: 'o',
      kind: 'clip-outliers',
      column: 'x',
      rule: { method: 'zscore', z: 1 },
    });
    expect(column(result, 'x')).toEqual(['3', '4', '4', '4', '5', '5', '7', '7']);
    expect(result.fitted.steps['o']).toEqual({ kind: 'clip-outliers', lower: 3, upper: 7, learnedFrom: 8 });
  });

  it('clips to fixed bounds, either side open, learning nothing', () => {
    const result = run(values, {
      id: 'o',
      kind: 'clip-outliers',
      column: 'x',
      rule: { method: 'bounds', max: 3 },
    });
    expect(column(result, 'x')).toEqual(['1', '2', '3', '3', '3', null]);
    expect(result.fitted.steps).toEqual({});
  });

  it('drops rows outside the fences and keeps missing values', () => {
    const result = run(values, {
      id: 'o',
      kind: 'drop-outliers',
      column: 'x',
      rule: { method: 'iqr', k: 1.5 },
    });
    expect(result.rowIds).toEqual(Uint32Array.from([0, 1, 2, 3, 5]));
    expect(result.reports[0]).toMatchObject({ droppedCount: 1, droppedRowIds: [4], rowsAfter: 5 });
  });

  it('drops rows outside fixed bounds', () => {
    const result = run(values, {
      id: 'o',
      kind: 'drop-outliers',
      column: 'x',
      rule: { method: 'bounds', min: 2, max: 4 },
    });
    expect(result.rowIds).toEqual(Uint32Array.from([1, 2, 3, 5]));
  });
});

describe('drop-columns', () => {
  it('removes the columns with their types', () => {
    const result = run(
      customers,
      { id: 'c', kind: 'cast', column: 'fee', to: 'number' },
      { id: 'd', kind: 'drop-columns', columns: ['id', 'plan'] },
    );
    expect(result.table.names).toEqual(['age', 'fee']);
    expect(result.table.types).toEqual([null, 'number']);
    expect(result.table.columns[0]).toEqual(['22', null, '35', null, '41']);
    expect(result.reports[1]).toMatchObject({
      rowsAfter: 5,
      missing: [],
      message: 'Dropped columns id, plan.',
    });
  });
});

describe('parse-dates', () => {
  const dates = rawTable(
    ['d'],
    [
      ['2020-01-31'],
      ['1/2/2020'],
      ['Jun 12 1998'],
      ['June 3, 2001 4:05 PM'],
      ['2020-02-30'],
      ['2021-03-04T05:06:07Z'],
      ['2021-03-04T01:00:00-02:30'],
      ['2024-02-29'],
      ['12/31/1999 12:00 AM'],
    ],
  );

  it('reads every known format in auto and writes ISO, invalid dates made missing', () => {
    const result = run(dates, { id: 'p', kind: 'parse-dates', column: 'd', format: 'auto' });
    expect(column(result, 'd')).toEqual([
      '2020-01-31',
      '2020-01-02',
      '1998-06-12',
      '2001-06-03T16:05:00',
      null,
      '2021-03-04T05:06:07',
      '2021-03-04T03:30:00',
      '2024-02-29',
      '1999-12-31T00:00:00',
    ]);
    expect(result.table.types[0]).toBe('datetime');
    expect(result.reports[0]).toMatchObject({
      cellsInvalid: 1,
      invalidExamples: ['2020-02-30'],
      cellsChanged: 7,
    });
  });

  it('reads only the chosen format', () => {
    const result = run(dates, { id: 'p', kind: 'parse-dates', column: 'd', format: 'mdy' });
    expect(column(result, 'd')).toEqual([
      null,
      '2020-01-02',
      null,
      null,
      null,
      null,
      null,
      null,
      '1999-12-31T00:00:00',
    ]);
    const monthFirst = run(dates, { id: 'p', kind: 'parse-dates', column: 'd', format: 'mon-d-y' });
    expect(column(monthFirst, 'd').slice(0, 4)).toEqual([null, null, '1998-06-12', '2001-06-03T16:05:00']);
  });

  it('types a column with no times as date', () => {
    const raw = rawTable(['d'], [['2020-01-31'], ['NA']]);
    expect(run(raw, { id: 'p', kind: 'parse-dates', column: 'd', format: 'iso' }).table.types).toEqual([
      'date',
    ]);
  });
});

describe('filter', () => {
  const table = rawTable(
    ['n', 's'],
    [
      ['5', 'a'],
      ['10', 'b'],
      ['NA', 'NA'],
      ['2.5', 'c'],
      ['x', '2020-07-01'],
    ],
  );
  const kept = (op: RecipeStep & { kind: 'filter' }): number[] => Array.from(run(table, op).rowIds);
  const where = (column: string, op: string, value?: unknown) =>
    ({ id: 'f', kind: 'filter', column, op, value }) as RecipeStep & { kind: 'filter' };

  it('compares numerically with a number: non-numbers and missing never match', () => {
    expect(kept(where('n', '>=', 5))).toEqual([0, 1]);
    expect(kept(where('n', '<', 5))).toEqual([3]);
    expect(kept(where('n', '<=', 5))).toEqual([0, 3]);
    expect(kept(where('n', '>', 5))).toEqual([1]);
    expect(kept(where('n', '=', 10))).toEqual([1]);
  });

  it('keeps missing and non-matching cells for != and not-in, as pandas does', () => {
    expect(kept(where('n', '!=', 5))).toEqual([1, 2, 3, 4]);
    expect(kept(where('s', 'not-in', ['a', 'b']))).toEqual([2, 3, 4]);
  });

  it('compares text with a string value, so ISO dates order correctly', () => {
    expect(kept(where('s', '=', 'b'))).toEqual([1]);
    expect(kept(where('s', '>', 'b'))).toEqual([3]);
    expect(kept(where('s', '<', '2021-01-01'))).toEqual([4]);
    expect(kept(where('n', '=', '10'))).toEqual([1]);
  });

  it('matches lists of strings and numbers', () => {
    expect(kept(where('s', 'in', ['a', 'c', 'zzz']))).toEqual([0, 3]);
    expect(kept(where('n', 'in', [10, 2.5]))).toEqual([1, 3]);
  });

  it('tests for missing values', () => {
    expect(kept(where('n', 'is-missing'))).toEqual([2]);
    expect(kept(where('n', 'not-missing'))).toEqual([0, 1, 3, 4]);
  });

  it('reports the dropped rows', () => {
    const result = run(table, where('n', '>=', 5));
    expect(result.reports[0]).toMatchObject({
      rowsBefore: 5,
      rowsAfter: 2,
      droppedCount: 3,
      droppedRowIds: [2, 3, 4],
      missing: [{ column: 'n', before: 1, after: 0 }],
    });
  });
});

describe('a recipe of several steps', () => {
  it('reports every step, with dropped ids in original row numbers', () => {
    const result = run(
      customers,
      { id: 'cast-fee', kind: 'cast', column: 'fee', to: 'number' },
      { id: 'sentinel', kind: 'set-missing-markers', columns: ['fee'], markers: ['9999'] },
      { id: 'drop-age', kind: 'drop-missing', columns: ['age'] },
      { id: 'drop-fee', kind: 'drop-missing', columns: ['fee'] },
    );
    expect(result.rowIds).toEqual(Uint32Array.from([0, 2]));
    expect(result.table.columns).toEqual([
      ['1', '3'],
      ['22', '35'],
      ['Basic', 'PREMIUM'],
      ['10', '12.5'],
    ]);
    expect(result.reports.map((r) => [r.rowsBefore, r.rowsAfter, r.droppedRowIds])).toEqual([
      [5, 5, []],
      [5, 5, []],
      [5, 3, [1, 3]],
      [3, 2, [4]],
    ]);
    expect(result.reports[3]!.message).toBe(
      'Dropped the rows with a missing value in those columns. Dropped 1 of 3 rows.',
    );
  });

  it('caps the listed dropped ids at 1000 but counts them all', () => {
    const raw: RawTable = {
      names: ['x'],
      columns: [Array.from({ length: 1500 }, (_, i) => (i % 3 === 0 ? 'keep' : 'NA'))],
    };
    const report = run(raw, { id: 'd', kind: 'drop-missing', columns: 'all' }).reports[0]!;
    expect(report.droppedCount).toBe(1000);
    const many: RawTable = { names: ['x'], columns: [Array.from({ length: 3000 }, () => 'NA')] };
    const big = run(many, { id: 'd', kind: 'drop-missing', columns: 'all' }).reports[0]!;
    expect(big.droppedCount).toBe(3000);
    expect(big.droppedRowIds).toHaveLength(1000);
    expect(big.droppedRowIds.slice(0, 3)).toEqual([0, 1, 2]);
  });
});
