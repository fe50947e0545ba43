import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  describeStep,
  parseRecipe,
  recipeVersion,
  RecipeValidationError,
  validateRecipe,
  type Recipe,
  type RecipeStep,
} from '../../../src/core/recipe/index.ts';

const issuesOf = (input: unknown) => {
  const result = validateRecipe(input);
  if (result.ok) throw new Error('expected the recipe to be refused');
  return result.issues.map(({ stepIndex, stepId, field }) => ({ stepIndex, stepId, field }));
};

describe('validateRecipe', () => {
  it('accepts every step kind and drops unknown keys', () => {
    const steps: RecipeStep[] = [
      { id: '1', kind: 'cast', column: 'a', to: 'number' },
      { id: '2', kind: 'trim', columns: 'all' },
      { id: '3', kind: 'case-fold', columns: ['a'], mode: 'title' },
      { id: '4', kind: 'map-values', column: 'a', mapping: { x: 'y', z: null } },
      { id: '5', kind: 'set-missing-markers', columns: 'all', markers: ['-1'] },
      { id: '6', kind: 'impute', column: 'a', strategy: 'constant', value: '0' },
      { id: '7', kind: 'drop-missing', columns: ['a'] },
      { id: '8', kind: 'drop-duplicates', columns: 'all' },
      { id: '9', kind: 'clip-outliers', column: 'a', rule: { method: 'zscore', z: 3 } },
      { id: '10', kind: 'drop-outliers', column: 'a', rule: { method: 'bounds', min: 0 } },
      { id: '11', kind: 'drop-columns', columns: ['b'] },
      { id: '12', kind: 'parse-dates', column: 'd', format: 'mon-d-y' },
      { id: '13', kind: 'filter', column: 'a', op: 'in', value: ['x', 1] },
    ];
    const result = validateRecipe({ steps: steps.map((step) => ({ ...step, note: 'extra' })), author: 'x' });
    expect(result).toEqual({ ok: true, recipe: { steps } });
  });

  it('names the step index, id and field of every issue', () => {
    const input = {
      steps: [
        { id: 'fill', kind: 'impute', column: 'age', strategy: 'avg' },
        { id: 'keep', kind: 'filter', column: 'age', op: '<' },
        7,
        { id: 'odd', kind: 'explode' },
        { id: 'clip', kind: 'clip-outliers', column: 'x', rule: { method: 'iqr', k: -1 } },
        { id: 'fill', kind: 'drop-columns', columns: [] },
      ],
    };
    expect(issuesOf(input)).toEqual([
      { stepIndex: 0, stepId: 'fill', field: 'strategy' },
      { stepIndex: 1, stepId: 'keep', field: 'value' },
      { stepIndex: 2, stepId: null, field: '(step)' },
      { stepIndex: 3, stepId: 'odd', field: 'kind' },
      { stepIndex: 4, stepId: 'clip', field: 'rule.k' },
      { stepIndex: 5, stepId: 'fill', field: 'columns' },
      { stepIndex: 5, stepId: 'fill', field: 'id' },
    ]);
  });

  it('checks the rules that span fields', () => {
    expect(issuesOf({ steps: [{ id: 'a', kind: 'impute', column: 'x', strategy: 'constant' }] })).toEqual([
      { stepIndex: 0, stepId: 'a', field: 'value' },
    ]);
    expect(
      issuesOf({ steps: [{ id: 'a', kind: 'impute', column: 'x', strategy: 'mean', value: '1' }] }),
    ).toEqual([{ stepIndex: 0, stepId: 'a', field: 'value' }]);
    expect(issuesOf({ steps: [{ id: 'a', kind: 'filter', column: 'x', op: 'in', value: 'x' }] })).toEqual([
      { stepIndex: 0, stepId: 'a', field: 'value' },
    ]);
    expect(
      issuesOf({ steps: [{ id: 'a', kind: 'filter', column: 'x', op: 'is-missing', value: 1 }] }),
    ).toEqual([{ stepIndex: 0, stepId: 'a', field: 'value' }]);
    const bounds = (rule: object) =>
      issuesOf({ steps: [{ id: 'a', kind: 'drop-outliers', column: 'x', rule }] });
    expect(bounds({ method: 'bounds' })).toEqual([{ stepIndex: 0, stepId: 'a', field: 'rule' }]);
    expect(bounds({ method: 'bounds', min: 5, max: 1 })).toEqual([
      { stepIndex: 0, stepId: 'a', field: 'rule.max' },
    ]);
  });

  it('refuses numbers JSON cannot hold and a recipe that is not an object', () => {
    const nan = { steps: [{ id: 'a', kind: 'filter', column: 'x', op: '>', value: Number.NaN }] };
    expect(issuesOf(nan)).toEqual([{ stepIndex: 0, stepId: 'a', field: 'value' }]);
    expect(issuesOf(42)).toEqual([{ stepIndex: null, stepId: null, field: 'steps' }]);
    expect(issuesOf({ steps: {} })).toEqual([{ stepIndex: null, stepId: null, field: 'steps' }]);
  });

  it('throws one readable message from parseRecipe', () => {
    const input = {
      steps: [
        { id: 'a', kind: 'trim', columns: 'all' },
        { id: 'fill-age', kind: 'impute', column: 'age' },
      ],
    };
    expect(() => parseRecipe(input)).toThrow(RecipeValidationError);
    expect(() => parseRecipe(input)).toThrow(/^Step 2 \('fill-age'\), field strategy: /);
  });
});

describe('recipeVersion', () => {
  const recipe: Recipe = {
    steps: [
      { id: 'm', kind: 'map-values', column: 'plan', mapping: { premium: 'Premium', basic: 'Basic' } },
      { id: 'i', kind: 'impute', column: 'age', strategy: 'median' },
    ],
  };

  it('is the SHA-256 of the canonical JSON', () => {
    const canonical =
      '{"steps":[{"column":"plan","id":"m","kind":"map-values","mapping":{"basic":"Basic","premium":"Premium"}},' +
      '{"column":"age","id":"i","kind":"impute","strategy":"median"}]}';
    expect(canonicalJson(recipe)).toBe(canonical);
    expect(recipeVersion(recipe)).toBe(createHash('sha256').update(canonical, 'utf8').digest('hex'));
  });

  it('does not change with key order or a JSON round trip, and changes with any step', () => {
    const reordered = JSON.parse(
      '{"steps":[{"mapping":{"basic":"Basic","premium":"Premium"},"kind":"map-values","column":"plan","id":"m"},' +
        '{"strategy":"median","id":"i","column":"age","kind":"impute"}]}',
    ) as Recipe;
    expect(recipeVersion(reordered)).toBe(recipeVersion(recipe));
    const changed: Recipe = {
      steps: [recipe.steps[0]!, { id: 'i', kind: 'impute', column: 'age', strategy: 'mean' }],
    };
    expect(recipeVersion(changed)).not.toBe(recipeVersion(recipe));
    expect(recipeVersion({ steps: [...recipe.steps].reverse() })).not.toBe(recipeVersion(recipe));
  });
});

describe('describeStep', () => {
  it('says what every step does in one line', () => {
    const lines = (
      [
        { id: 'a', kind: 'set-missing-markers', columns: ['TotalCharges'], markers: [' '] },
        { id: 'b', kind: 'cast', column: 'TotalCharges', to: 'number' },
        { id: 'c', kind: 'cast', column: 'plan', to: 'category' },
        { id: 'd', kind: 'trim', columns: 'all' },
        { id: 'e', kind: 'case-fold', columns: ['plan', 'region'], mode: 'title' },
        { id: 'f', kind: 'map-values', column: 'plan', mapping: { premium: 'Premium', '?': null } },
        { id: 'g', kind: 'impute', column: 'age', strategy: 'median' },
        { id: 'h', kind: 'impute', column: 'plan', strategy: 'constant', value: 'Unknown' },
        { id: 'i', kind: 'drop-missing', columns: ['age', 'fare'] },
        { id: 'j', kind: 'drop-duplicates', columns: 'all' },
        { id: 'k', kind: 'drop-duplicates', columns: ['customer_id'] },
        { id: 'l', kind: 'clip-outliers', column: 'fare', rule: { method: 'iqr' } },
        { id: 'm', kind: 'drop-outliers', column: 'fare', rule: { method: 'zscore' } },
        { id: 'n', kind: 'clip-outliers', column: 'fee', rule: { method: 'bounds', min: 0 } },
        { id: 'o', kind: 'drop-columns', columns: ['a', 'b', 'c', 'd', 'e'] },
        { id: 'p', kind: 'parse-dates', column: 'signup', format: 'auto' },
        { id: 'q', kind: 'filter', column: 'age', op: '>=', value: 18 },
        { id: 'r', kind: 'filter', column: 'plan', op: 'not-in', value: ['Trial', 'Free'] },
        { id: 's', kind: 'filter', column: 'age', op: 'is-missing' },
      ] as RecipeStep[]
    ).map(describeStep);
    expect(lines).toEqual([
      "Treat ' ' in TotalCharges as missing",
      'Cast TotalCharges to number (values that do not parse become missing)',
      'Treat plan as category',
      'Trim surrounding whitespace in every column',
      'Title-case plan and region',
      "In plan, replace 'premium' → 'Premium' and '?' → missing",
      'Fill missing age with the median of the training rows',
      "Fill missing plan with 'Unknown'",
      'Drop rows missing a value in age or fare',
      'Drop duplicate rows, keeping the first',
      "Drop rows that repeat an earlier row's customer_id, keeping the first",
      'Clip fare to the training IQR fences (Q1 − 1.5·IQR, Q3 + 1.5·IQR)',
      'Drop rows whose fare is outside the training mean ± 4 standard deviations',
      'Clip fee to [0, ∞]',
      'Drop columns a, b, c and 2 more',
      'Parse signup as dates (any known format) into ISO yyyy-mm-dd',
      'Keep rows where age >= 18',
      "Keep rows where plan is not one of 'Trial' or 'Free'",
      'Keep rows where age is missing',
    ]);
  });
});
