import { describe, expect, it } from 'vitest';
import {
  applyFitted,
  applyRecipe,
  FittedValuesMismatchError,
  recipeVersion,
  RecipeStepError,
  type Recipe,
  type RecipeResult,
} from '../../../src/core/recipe/index.ts';
import type { RawTable } from '../../../src/core/table/raw-table.ts';

function rawTable(names: string[], rows: string[][]): RawTable {
  return { names, columns: names.map((_, c) => rows.map((row) => row[c]!)) };
}

function column(result: RecipeResult, name: string): (string | null)[] {
  return result.table.columns[result.table.names.indexOf(name)]!;
}

/** Everything a result holds, as text, for byte-for-byte comparison. */
function serialise(result: RecipeResult): string {
  return JSON.stringify({ ...result, rowIds: Array.from(result.rowIds) });
}

// Rows 0, 1, 3 and 5 are training rows. Training ages: 10, 20, (missing), 30 → mean 20, median 20.
// All present ages: 10, 20, 30, 90, 150 → mean 60. The two must not be confused.
const people = rawTable(
  ['age', 'plan', 'income'],
  [
    ['10', 'a', '1'],
    ['20', 'b', '2'],
    ['90', 'a', '3'],
    ['NA', 'b', '4'],
    ['150', 'a', '500'],
    ['30', 'b', '6'],
    ['', 'a', '7'],
  ],
);
const trainRows = Uint32Array.from([0, 1, 3, 5]);

describe('learning from training rows only', () => {
  it('imputes the mean of the training rows (20), not of all rows (60)', () => {
    const result = applyRecipe(
      people,
      { steps: [{ id: 'fill', kind: 'impute', column: 'age', strategy: 'mean' }] },
      { trainRows },
    );
    expect(result.fitted.steps['fill']).toEqual({ kind: 'impute', value: '20', learnedFrom: 3 });
    expect(column(result, 'age')).toEqual(['10', '20', '90', '20', '150', '30', '20']);
  });

  it('learns the mode from training rows: b (b, b, a) although a is the most frequent overall', () => {
    const result = applyRecipe(
      people,
      { steps: [{ id: 'fill', kind: 'impute', column: 'plan', strategy: 'mode' }] },
      { trainRows: Uint32Array.from([0, 1, 3]) },
    );
    expect(result.fitted.steps['fill']).toEqual({ kind: 'impute', value: 'b', learnedFrom: 3 });
  });

  it('learns IQR fences from training rows: incomes 1, 2, 4, 6 give Q1 1.75, Q3 4.5, fences −2.375 and 8.625', () => {
    const result = applyRecipe(
      people,
      { steps: [{ id: 'clip', kind: 'clip-outliers', column: 'income', rule: { method: 'iqr' } }] },
      { trainRows },
    );
    expect(result.fitted.steps['clip']).toEqual({
      kind: 'clip-outliers',
      lower: -2.375,
      upper: 8.625,
      learnedFrom: 4,
    });
    expect(column(result, 'income')).toEqual(['1', '2', '3', '4', '8.625', '6', '7']);
  });

  it('learns only from training rows still present after earlier steps', () => {
    // Dropping age 30 (row 5) leaves the training ages 10 and 20: mean 15.
    const result = applyRecipe(
      people,
      {
        steps: [
          { id: 'young', kind: 'filter', column: 'age', op: '!=', value: 30 },
          { id: 'fill', kind: 'impute', column: 'age', strategy: 'mean' },
        ],
      },
      { trainRows },
    );
    expect(result.fitted.steps['fill']).toEqual({ kind: 'impute', value: '15', learnedFrom: 2 });
    expect(result.rowIds).toEqual(Uint32Array.from([0, 1, 2, 3, 4, 6]));
  });

  it('refuses to learn with no training values, naming the step and column', () => {
    const recipe: Recipe = { steps: [{ id: 'fill', kind: 'impute', column: 'age', strategy: 'median' }] };
    expect(() => applyRecipe(people, recipe, { trainRows: Uint32Array.from([3, 6]) })).toThrow(
      "Step 1 ('fill', impute): no training row has a value in age to learn the median from",
    );
  });

  it('refuses training rows outside the table', () => {
    expect(() => applyRecipe(people, { steps: [] }, { trainRows: Uint32Array.from([7]) })).toThrow(
      RangeError,
    );
  });
});

const recipe: Recipe = {
  steps: [
    { id: 'trim', kind: 'trim', columns: 'all' },
    { id: 'age-number', kind: 'cast', column: 'age', to: 'number' },
    { id: 'fill-age', kind: 'impute', column: 'age', strategy: 'median' },
    { id: 'fill-plan', kind: 'impute', column: 'plan', strategy: 'mode' },
    { id: 'clip-income', kind: 'clip-outliers', column: 'income', rule: { method: 'zscore', z: 1 } },
    { id: 'no-outlier-age', kind: 'drop-outliers', column: 'age', rule: { method: 'iqr' } },
  ],
};

describe('applyFitted', () => {
  it('gives exactly what applyRecipe gave, on the same table', () => {
    const learned = applyRecipe(people, recipe, { trainRows });
    const replayed = applyFitted(people, recipe, learned.fitted);
    expect(serialise(replayed)).toBe(serialise(learned));
  });

  it('gives the same rows on a batch of new rows, without learning from them', () => {
    const learned = applyRecipe(people, recipe, { trainRows });
    // Training ages 10, 20, 20 (imputed median), 30: IQR fences 10 and 30, so rows 2 (90) and 4 (150) go.
    expect(learned.rowIds).toEqual(Uint32Array.from([0, 1, 3, 5, 6]));
    // Rows 2, 3, 5 and 6 arrive again in a batch of their own, with a new row.
    const batch = rawTable(
      ['age', 'plan', 'income'],
      [
        ['90', 'a', '3'],
        ['NA', 'b', '4'],
        ['30', 'b', '6'],
        ['', 'a', '7'],
        [' NA', 'NA', '9000'],
      ],
    );
    const replayed = applyFitted(batch, recipe, learned.fitted);
    expect(replayed.rowIds).toEqual(Uint32Array.from([1, 2, 3, 4]));
    const rows = (result: RecipeResult, from: number): (string | null)[][] =>
      result.table.columns[0]!.slice(from).map((_, r) => result.table.columns.map((col) => col[from + r]!));
    expect(rows(replayed, 0).slice(0, 3)).toEqual(rows(learned, 2));
    // The new row gets the training median (20) and mode (b: a, b, b, b), and its income is clipped to the
    // training mean + 1 std: incomes 1, 2, 4, 6 have mean 3.25 and population variance 14.75 / 4.
    expect(rows(replayed, 3)).toEqual([['20', 'b', String(3.25 + Math.sqrt(3.6875))]]);
  });

  it('refuses fitted values learned with another recipe', () => {
    const learned = applyRecipe(people, recipe, { trainRows });
    const edited: Recipe = { steps: recipe.steps.slice(0, 3) };
    expect(() => applyFitted(people, edited, learned.fitted)).toThrow(FittedValuesMismatchError);
  });

  it('refuses fitted values that lack a step', () => {
    const learned = applyRecipe(people, recipe, { trainRows });
    const fitted = { ...learned.fitted, steps: { ...learned.fitted.steps } };
    delete fitted.steps['fill-age'];
    expect(() => applyFitted(people, recipe, fitted)).toThrow(
      "Step 3 ('fill-age', impute): the fitted values have no impute entry for step id 'fill-age'",
    );
  });

  it('replays the missing markers it was learned with', () => {
    const raw = rawTable(['x'], [['-'], ['NA'], ['4']]);
    const steps: Recipe = {
      steps: [{ id: 'fill', kind: 'impute', column: 'x', strategy: 'constant', value: '0' }],
    };
    const learned = applyRecipe(raw, steps, { missingMarkers: ['-'] });
    expect(applyFitted(raw, steps, learned.fitted).table.columns[0]).toEqual(['0', 'NA', '4']);
  });
});

describe('determinism', () => {
  it('gives byte-identical output on every run and after a JSON round trip of the recipe', () => {
    const first = applyRecipe(people, recipe, { trainRows });
    const roundTripped = JSON.parse(JSON.stringify(recipe)) as Recipe;
    const second = applyRecipe(people, roundTripped, { trainRows });
    expect(serialise(second)).toBe(serialise(first));
    expect(recipeVersion(roundTripped)).toBe(recipeVersion(recipe));
    const fittedRoundTripped = JSON.parse(JSON.stringify(first.fitted)) as typeof first.fitted;
    expect(serialise(applyFitted(people, roundTripped, fittedRoundTripped))).toBe(serialise(first));
  });

  it('does not depend on the order of the training row ids', () => {
    const reversed = Uint32Array.from([5, 3, 1, 0]);
    expect(serialise(applyRecipe(people, recipe, { trainRows: reversed }))).toBe(
      serialise(applyRecipe(people, recipe, { trainRows })),
    );
  });
});

describe('errors while running', () => {
  it('names the step and the column that does not exist at that step', () => {
    const broken: Recipe = {
      steps: [
        { id: 'drop', kind: 'drop-columns', columns: ['age'] },
        { id: 'fill', kind: 'impute', column: 'age', strategy: 'mean' },
      ],
    };
    let error: unknown;
    try {
      applyRecipe(people, broken);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(RecipeStepError);
    expect(error).toMatchObject({ stepIndex: 1, stepId: 'fill' });
    expect((error as Error).message).toBe(
      "Step 2 ('fill', impute): there is no column 'age' at this step (columns: 'plan', 'income')",
    );
  });

  it('names the value and row when a numeric step meets text', () => {
    const broken: Recipe = { steps: [{ id: 'fill', kind: 'impute', column: 'plan', strategy: 'mean' }] };
    expect(() => applyRecipe(people, broken)).toThrow(
      "Step 1 ('fill', impute): plan has the value 'a' (row 0), which is not a number; " +
        'cast the column to number first, or make such values missing',
    );
  });
});
