import { describe, expect, it } from 'vitest';
import type { DatePart } from '../../../src/core/features/index.ts';
import { RECORD_SCHEMA_VERSION, type RunRecord } from '../../../src/core/records.ts';
import {
  choiceId,
  describeTransform,
  diffKeys,
  paramValue,
  queryRuns,
  transformChoices,
} from '../../../src/state/run-display.ts';

function run(name: string, extra: Partial<RunRecord>): RunRecord {
  return {
    schemaVersion: RECORD_SCHEMA_VERSION,
    id: name,
    projectId: 'p',
    createdAt: 0,
    status: 'finished',
    name,
    params: {},
    seed: 1,
    history: [],
    metrics: {},
    environment: {},
    ...extra,
  };
}

describe('run display', () => {
  it("offers numeric features a 'keep missing' choice for trees, and recognises it", () => {
    const keep = transformChoices({
      kind: 'numeric',
      column: 'age',
      impute: 'median',
      scale: 'standardize',
    }).find((c) => c.id === 'keep')!;
    expect(keep.transform).toEqual({ kind: 'numeric', column: 'age', impute: 'keep', scale: 'none' });
    expect(choiceId(keep.transform)).toBe('keep');
    expect(describeTransform(keep.transform)).toBe('missing kept (trees route it), none');
  });

  it('offers a date the suggested date parts, with hour only where the column has times', () => {
    const datePart = (parts: DatePart[]) =>
      transformChoices({ kind: 'datetime', column: 'day', parts }).find((c) => c.id === 'datetime')!
        .transform;
    expect(datePart(['year'])).toEqual({
      kind: 'datetime',
      column: 'day',
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
    });
    const withHour = datePart(['year', 'hour']);
    expect(withHour.kind === 'datetime' && withHour.parts.includes('hour')).toBe(true);
  });

  it('the params diff keeps only the keys whose values differ (arrays compared by value)', () => {
    const a = { family: 'mlp', hidden: [64, 32], dropout: 0.1, l2: 1e-4 };
    const b = { family: 'mlp', hidden: [64, 32], dropout: 0.2, l2: 1e-4 };
    const c = { family: 'mlp', hidden: [128], dropout: 0.1, l2: 1e-4, extra: true };
    expect(diffKeys([a, b])).toEqual(['dropout']);
    expect(diffKeys([a, b, c])).toEqual(['hidden', 'dropout', 'extra']);
    expect(diffKeys([a])).toEqual([]);
  });

  it('shows layer lists as 64-32 and an empty one as none', () => {
    expect(paramValue(run('a', { params: { hidden: [64, 32] } }), 'hidden')).toBe('64-32');
    expect(paramValue(run('a', { params: { hidden: [] } }), 'hidden')).toBe('none');
    expect(paramValue(run('a', { params: { l2: 0.001 } }), 'l2')).toBe(0.001);
  });

  it('filters by text and status and sorts by score, name, time or start, missing values lowest', () => {
    const runs = [
      run('mlp 64 #1', { score: 0.8, durationMs: 30, createdAt: 3, params: { hidden: [64] } }),
      run('linear #2', { score: 0.7, durationMs: 10, createdAt: 2 }),
      run('mlp 128 #3', { score: 0.9, durationMs: 20, createdAt: 1, params: { hidden: [128] } }),
      run('mlp 32 #4', { status: 'cancelled', createdAt: 4 }),
    ];
    const names = (q: Partial<Parameters<typeof queryRuns>[1]>) =>
      queryRuns(runs, { text: '', status: 'all', key: 'createdAt', descending: true, ...q }).map(
        (r) => r.name,
      );
    expect(names({})).toEqual(['mlp 32 #4', 'mlp 64 #1', 'linear #2', 'mlp 128 #3']);
    expect(names({ key: 'score' })).toEqual(['mlp 128 #3', 'mlp 64 #1', 'linear #2', 'mlp 32 #4']);
    expect(names({ key: 'name', descending: false })).toEqual([
      'linear #2',
      'mlp 128 #3',
      'mlp 32 #4',
      'mlp 64 #1',
    ]);
    expect(names({ key: 'durationMs', descending: false })).toEqual([
      'mlp 32 #4',
      'linear #2',
      'mlp 128 #3',
      'mlp 64 #1',
    ]);
    expect(names({ status: 'cancelled' })).toEqual(['mlp 32 #4']);
    // The text matches names and params: "128" is in one name, and in that run's hidden layers.
    expect(names({ text: '128' })).toEqual(['mlp 128 #3']);
    expect(names({ text: 'MLP' })).toHaveLength(3);
  });
});
