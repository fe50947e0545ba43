import { describe, expect, it } from 'vitest';
import { autoExperiment } from '../../../src/core/experiment/index.ts';
import { suggestedDateParts } from '../../../src/core/features/index.ts';
import { analyseDataset } from '../../../src/core/prepare/analyse-dataset.ts';
import { profileTable } from '../../../src/core/profile/index.ts';
import { suggestSteps } from '../../../src/core/suggest/suggest-steps.ts';
import type { RawTable } from '../../../src/core/table/raw-table.ts';

/**
 * A daily table: `date` and `reading_at` differ on every row, as does the ticket code (a category; 8 values
 * are too few to be typed id).
 */
const table: RawTable = {
  names: ['date', 'reading_at', 'ticket', 'temp', 'rain'],
  columns: [
    [
      '2012-01-01',
      '2012-01-02',
      '2012-01-03',
      '2012-01-04',
      '2012-01-05',
      '2012-01-06',
      '2012-01-07',
      '2012-01-08',
    ],
    [
      '2012-01-01T06:00:00',
      '2012-01-02T07:30:00',
      '2012-01-03T06:15:00',
      '2012-01-04T08:00:00',
      '2012-01-05T06:45:00',
      '2012-01-06T07:00:00',
      '2012-01-07T09:10:00',
      '2012-01-08T06:05:00',
    ],
    ['T-9', 'T-4', 'T-7', 'T-1', 'T-3', 'T-8', 'T-2', 'T-6'],
    ['5', '7', '3', '8', '6', '2', '4', '9'],
    ['yes', 'no', 'yes', 'no', 'no', 'yes', 'no', 'yes'],
  ],
};

describe('dates are features, never IDs', () => {
  it('suggests dropping a unique category as an ID, and never a unique date or datetime', () => {
    const analysis = analyseDataset(table, { target: 'rain' });
    const types = Object.fromEntries(analysis.profile.columns.map((c) => [c.name, c.type]));
    expect(types).toMatchObject({ date: 'date', reading_at: 'datetime', ticket: 'category' });
    expect(analysis.target!.warnings.map((w) => [w.kind, w.column])).toEqual([['id-like', 'ticket']]);
    const drops = analysis.suggestions.filter((s) => s.steps.some((step) => step.kind === 'drop-columns'));
    expect(drops.map((s) => s.id)).toEqual(['drop-column:ticket']);
    expect(drops[0]!.reason).toBe('Drop ticket: ticket is an ID: it identifies rows and predicts nothing');
    // The duplicate count still ignores the unique dates as keys.
    expect(analysis.profile.idColumns).toEqual(['date', 'reading_at', 'ticket']);
  });

  it('turns no id-like warning about a date into a drop, whoever raised it', () => {
    const profile = profileTable(table);
    const idLike = (column: string) => ({ column, kind: 'id-like' as const, message: `${column} is unique` });
    const suggestions = suggestSteps({
      columns: profile.columns,
      duplicateRows: 0,
      warnings: [idLike('date'), idLike('reading_at'), idLike('ticket')],
      target: 'rain',
    });
    expect(suggestions.map((s) => s.id)).toEqual(['drop-column:ticket']);
  });

  it('keeps a unique date as date parts in the headless run (looplab run)', () => {
    const plan = autoExperiment(table, { target: 'rain', seed: 1 });
    const dropped = plan.recipe.steps.flatMap((s) => (s.kind === 'drop-columns' ? s.columns : []));
    expect(dropped).toEqual(['ticket']);
    expect(plan.features.transforms).toEqual([
      {
        kind: 'datetime',
        column: 'date',
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
      { kind: 'datetime', column: 'reading_at', parts: suggestedDateParts(true) },
      { kind: 'numeric', column: 'temp', impute: 'median', scale: 'standardize' },
    ]);
    expect(suggestedDateParts(true)).toContain('hour');
  });
});
