import { describe, expect, it } from 'vitest';
import { applyRecipe, validateRecipe } from '../../../src/core/recipe/index.ts';
import { buildStep, FORM_KINDS, type StepForm } from '../../../src/state/step-form.ts';

const base: StepForm = {
  kind: 'drop-missing',
  column: 'fee',
  strategy: 'median',
  mode: 'lower',
  type: 'number',
  text: '',
  outlierMethod: 'iqr',
  op: '=',
};

describe('the "Add a step" form', () => {
  it('builds a step the recipe validator accepts for every kind it offers', () => {
    for (const [kind] of FORM_KINDS) {
      const step = buildStep(
        { ...base, kind, text: kind === 'set-missing-markers' ? 'unknown, -1' : '10' },
        `s-${kind}`,
      );
      expect(validateRecipe({ steps: [step] }).ok, kind).toBe(true);
    }
  });

  it('reads numbers as numbers and lists as lists for filters', () => {
    expect(buildStep({ ...base, kind: 'filter', op: '>', text: ' 20 ' }, 'f')).toEqual({
      id: 'f',
      kind: 'filter',
      column: 'fee',
      op: '>',
      value: 20,
    });
    expect(buildStep({ ...base, kind: 'filter', op: 'in', text: 'a, 3' }, 'f')).toEqual({
      id: 'f',
      kind: 'filter',
      column: 'fee',
      op: 'in',
      value: ['a', 3],
    });
  });

  it('a built filter keeps the rows it says: fee > 20 keeps 30 and 40 of 10, 20, 30, 40', () => {
    const step = buildStep({ ...base, kind: 'filter', op: '>', text: '20' }, 'f');
    const result = applyRecipe({ names: ['fee'], columns: [['10', '20', '30', '40']] }, { steps: [step] });
    expect([...result.rowIds]).toEqual([2, 3]);
  });
});
