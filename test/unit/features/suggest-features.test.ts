import { describe, expect, it } from 'vitest';
import {
  fitFeaturePipeline,
  suggestFeatures,
  tableSource,
  transform,
} from '../../../src/core/features/index.ts';
import { churnTable } from './churn-fixture.ts';

const table = churnTable(80);
const trainRows = Uint32Array.from({ length: 60 }, (_, i) => i);

describe('suggestFeatures', () => {
  it('proposes a transform per column type, drops ids and leaves out the target', () => {
    const spec = suggestFeatures(
      [
        { name: 'id', type: 'id' },
        { name: 'age', type: 'integer' },
        { name: 'income', type: 'number' },
        { name: 'city', type: 'category' },
        { name: 'autopay', type: 'boolean' },
        { name: 'born', type: 'date' },
        { name: 'signup', type: 'datetime' },
        { name: 'review', type: 'text' },
        { name: 'churned', type: 'category' },
      ],
      'churned',
      'binary',
      'yes',
    );
    expect(spec).toEqual({
      target: 'churned',
      task: 'binary',
      positiveClass: 'yes',
      transforms: [
        { kind: 'drop', column: 'id' },
        { kind: 'numeric', column: 'age', impute: 'median', scale: 'standardize' },
        { kind: 'numeric', column: 'income', impute: 'median', scale: 'standardize' },
        { kind: 'onehot', column: 'city', topK: 20 },
        { kind: 'boolean', column: 'autopay' },
        {
          kind: 'datetime',
          column: 'born',
          parts: [
            'year',
            'month',
            'day',
            'day_of_year',
            'weekday',
            'is_weekend',
            'month_sin',
            'month_cos',
            'day_of_year_sin',
            'day_of_year_cos',
            'days_since',
          ],
        },
        {
          kind: 'datetime',
          column: 'signup',
          parts: [
            'year',
            'month',
            'day',
            'day_of_year',
            'weekday',
            'hour',
            'is_weekend',
            'month_sin',
            'month_cos',
            'day_of_year_sin',
            'day_of_year_cos',
            'days_since',
          ],
        },
        { kind: 'tfidf', column: 'review', maxVocab: 200 },
      ],
    });
    expect('positiveClass' in suggestFeatures([], 'y', 'regression')).toBe(false);
  });

  it('gives a spec that fits and transforms the sample table', () => {
    const spec = suggestFeatures(
      table.names.map((name) => ({
        name,
        type: name === 'id' ? 'id' : name === 'review' ? 'text' : name === 'signup' ? 'datetime' : 'category',
      })),
      'churned',
      'binary',
    );
    const suggested = fitFeaturePipeline(spec, tableSource(table, trainRows));
    expect(transform(suggested, tableSource(table)).values.every(Number.isFinite)).toBe(true);
  });
});
