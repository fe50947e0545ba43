// Issue 15, point 4: segments group by the value the model saw, after the recipe, and list the raw
// spellings behind it. Before, "PREMIUM" and " Premium" were segments of their own though the recipe had
// merged them into "premium". Expected values are counted by hand from the table below.
import { describe, expect, it } from 'vitest';
import { evaluationColumns, segmentMetrics } from '../../../src/core/evaluate/index.ts';
import { buildExperimentData } from '../../../src/core/experiment/index.ts';
import type { FeatureSpec } from '../../../src/core/features/index.ts';
import type { Recipe } from '../../../src/core/recipe/index.ts';
import type { RawTable } from '../../../src/core/table/raw-table.ts';

// 60 rows: plan in four spellings of "premium" and two of "basic"; fee missing ("NA") on every 10th row.
const SPELLINGS = ['premium', 'PREMIUM', ' Premium', 'premium', 'basic', 'Basic', 'basic', 'basic'];
function table(): RawTable {
  const plan: string[] = [];
  const fee: string[] = [];
  const churn: string[] = [];
  for (let r = 0; r < 60; r++) {
    plan.push(SPELLINGS[r % SPELLINGS.length]!);
    fee.push(r % 10 === 3 ? 'NA' : String(20 + r));
    churn.push(r % 3 === 0 ? 'yes' : 'no');
  }
  return { names: ['plan', 'fee', 'churn'], columns: [plan, fee, churn] };
}

const recipe: Recipe = {
  steps: [
    { id: 'trim', kind: 'trim', columns: ['plan'] },
    { id: 'fold', kind: 'case-fold', columns: ['plan'], mode: 'lower' },
    { id: 'fill', kind: 'impute', column: 'fee', strategy: 'median' },
  ],
};
const features: FeatureSpec = {
  target: 'churn',
  task: 'binary',
  positiveClass: 'yes',
  transforms: [
    { kind: 'onehot', column: 'plan', topK: 5 },
    { kind: 'numeric', column: 'fee', impute: 'median', scale: 'standardize' },
  ],
};

describe('evaluationColumns', () => {
  const raw = table();
  // Rows 20..59 are the test set; the first 20 train and validate.
  const testRows = Array.from({ length: 40 }, (_, i) => i + 20);
  const data = buildExperimentData(raw, {
    recipe,
    split: { method: 'random', seed: 1, fractions: [0.7, 0.3, 0] },
    features,
    testRows,
  });

  it('groups by the value after the recipe and lists the raw spellings, most frequent first', () => {
    const [plan, fee] = evaluationColumns(data.fitted, data, raw, 'test');
    expect(plan!.name).toBe('plan');
    expect(new Set(plan!.cells)).toEqual(new Set(['premium', 'basic']));
    // Rows 20..59: r % 8 in 0..3 is premium, 4..7 basic, 20 rows each.
    expect(plan!.cells.filter((c) => c === 'premium')).toHaveLength(20);
    expect(plan!.spellings).toEqual([
      { value: 'basic', raw: ['basic', 'Basic'] },
      { value: 'premium', raw: ['premium', ' Premium', 'PREMIUM'] },
    ]);
    // A raw "NA" stays missing though the recipe imputed it: rows 23, 33, 43, 53.
    expect(fee!.kind).toBe('numeric');
    expect(fee!.cells.filter((c) => c === null)).toHaveLength(4);
    expect(fee!.spellings).toBeUndefined();
  });

  it('gives segments that name their spellings', () => {
    const [plan] = evaluationColumns(data.fitted, data, raw, 'test');
    const n = data.test.rows;
    const report = segmentMetrics({
      task: 'binary',
      yTrue: data.test.y,
      output: { kind: 'proba', values: new Float64Array(2 * n).fill(0.5), classes: 2 },
      column: plan!,
      metric: 'accuracy',
      minRows: 1,
    });
    expect(report.segments.map((s) => [s.label, s.rows, s.from])).toEqual([
      ['basic', 20, ['basic', 'Basic']],
      ['premium', 20, ['premium', ' Premium', 'PREMIUM']],
    ]);
  });
});
