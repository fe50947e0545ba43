import { describe, expect, it } from 'vitest';
import {
  FeatureValidationError,
  fitFeaturePipeline,
  MissingColumnError,
  recordsSource,
  tableSource,
  transform,
  type FeatureSpec,
  type FittedBooleanStep,
  type FittedDatetimeStep,
  type FittedNumericStep,
  type FittedOrdinalStep,
} from '../../../src/core/features/index.ts';
import { CHURN_SPEC, churnTable, recordsOf } from './churn-fixture.ts';
import { bytesOf, matrixRows, preparedTable } from './feature-table.ts';

const table = churnTable(80);
const trainRows = Uint32Array.from({ length: 60 }, (_, i) => i);
const fitted = fitFeaturePipeline(CHURN_SPEC, tableSource(table, trainRows));

describe('fitting', () => {
  it('lists the inputs it reads, its named outputs and the input of each output', () => {
    expect(fitted.version).toBe(1);
    expect(fitted.trainRows).toBe(60);
    // The dropped id and the target are not inputs.
    expect(fitted.inputs).toEqual(['age', 'income', 'city', 'plan', 'region', 'signup', 'review', 'autopay']);
    expect(fitted.outputs.slice(0, 8)).toEqual([
      'age',
      'age (missing)',
      'income',
      'income (missing)',
      'income.bin0',
      'income.bin1',
      'income.bin2',
      'income.bin3',
    ]);
    expect(fitted.outputs).toContain('city=(other)');
    expect(fitted.outputs).toContain('signup.month');
    expect(new Set(fitted.outputs).size).toBe(fitted.outputs.length);
    expect(fitted.groups).toHaveLength(fitted.outputs.length);
    fitted.groups.forEach((group, c) => {
      const name = fitted.outputs[c]!;
      expect(name.startsWith(fitted.inputs[group]!), name).toBe(true);
    });
  });

  it('learns from the training rows only: validation values change nothing', () => {
    // Rows 0-3 train (ages 10, 20, 30, 40: median 25); row 4 is validation with an extreme age and a new city.
    const mixed = preparedTable({
      age: ['10', '20', '30', '40', '9000'],
      city: ['a', 'a', 'b', 'b', 'zzz'],
      y: ['1', '2', '3', '4', '5'],
    });
    const spec: FeatureSpec = {
      target: 'y',
      task: 'regression',
      transforms: [
        { kind: 'numeric', column: 'age', impute: 'median', scale: 'standardize' },
        { kind: 'onehot', column: 'city', topK: 10 },
      ],
    };
    const onTrain = fitFeaturePipeline(spec, tableSource(mixed, Uint32Array.of(0, 1, 2, 3)));
    const trainOnly = fitFeaturePipeline(
      spec,
      tableSource(
        preparedTable({
          age: ['10', '20', '30', '40'],
          city: ['a', 'a', 'b', 'b'],
          y: ['1', '2', '3', '4'],
        }),
      ),
    );
    expect(onTrain).toEqual(trainOnly);
    expect(onTrain.steps[0]).toMatchObject({ fill: 25, center: 25 });
    expect(onTrain.outputs).toEqual(['age', 'city=a', 'city=b', 'city=(other)']);
    expect(fitFeaturePipeline(spec, tableSource(mixed)).steps[0]).not.toMatchObject({ center: 25 });
  });

  it('gives repeated feature names a suffix so that outputs stay unique', () => {
    const twice = fitFeaturePipeline(
      {
        target: 'churned',
        task: 'binary',
        transforms: [
          { kind: 'ordinal', column: 'plan', order: ['basic', 'plus', 'pro'] },
          { kind: 'frequency', column: 'plan' },
        ],
      },
      tableSource(table),
    );
    expect(twice.outputs).toEqual(['plan', 'plan #2']);
    expect(twice.groups).toEqual([0, 0]);
  });

  it('refuses a malformed spec, naming the field', () => {
    const bad = { ...CHURN_SPEC, transforms: [{ kind: 'onehot', column: 'city', topK: 0 }] } as FeatureSpec;
    expect(() => fitFeaturePipeline(bad, tableSource(table))).toThrow(FeatureValidationError);
    expect(() => fitFeaturePipeline(bad, tableSource(table))).toThrow(/field transforms\.0\.topK/);
    const targetAsFeature: FeatureSpec = {
      ...CHURN_SPEC,
      transforms: [{ kind: 'onehot', column: 'churned', topK: 3 }],
    };
    expect(() => fitFeaturePipeline(targetAsFeature, tableSource(table))).toThrow(
      /transforms\.0\.column.*target/,
    );
  });

  it('refuses a target that does not fit the task, naming it', () => {
    const three = preparedTable({ x: ['1', '2', '3'], y: ['a', 'b', 'c'] });
    const spec: FeatureSpec = { target: 'y', task: 'binary', transforms: [] };
    expect(() => fitFeaturePipeline(spec, tableSource(three))).toThrow(
      /Target "y": a binary task needs exactly 2/,
    );
    expect(() =>
      fitFeaturePipeline({ ...spec, positiveClass: 'z' }, tableSource(preparedTable({ y: ['a', 'b'] }))),
    ).toThrow(/positive class "z"/);
  });

  it('names a column the training data lacks', () => {
    const spec: FeatureSpec = { ...CHURN_SPEC, transforms: [{ kind: 'boolean', column: 'ghost' }] };
    expect(() => fitFeaturePipeline(spec, tableSource(table))).toThrow(/Missing column "ghost"/);
  });
});
describe('transform', () => {
  const batch = transform(fitted, tableSource(table));

  it('writes rows × outputs finite float32 values', () => {
    expect(batch.rows).toBe(80);
    expect(batch.cols).toBe(fitted.outputs.length);
    expect(batch.values).toHaveLength(80 * fitted.outputs.length);
    expect(batch.values.every(Number.isFinite)).toBe(true);
  });

  it('gives bit-identical features for a prepared table and the same rows as JSON records', () => {
    const served = transform(fitted, recordsSource(recordsOf(table)));
    expect(bytesOf(served.values)).toEqual(bytesOf(batch.values));
  });

  it('gives bit-identical features one row at a time and all at once', () => {
    const records = recordsOf(table);
    const single = new Float32Array(batch.values.length);
    records.forEach((record, r) => {
      const one = transform(fitted, recordsSource([record]));
      expect(one.rows).toBe(1);
      single.set(one.values, r * batch.cols);
    });
    expect(bytesOf(single)).toEqual(bytesOf(batch.values));
  });

  it('gives the same rows through a row subset of the table, in the subset order', () => {
    const subset = Uint32Array.of(70, 3, 41);
    const picked = transform(fitted, tableSource(table, subset));
    const rows = matrixRows(batch);
    expect(matrixRows(picked)).toEqual([rows[70], rows[3], rows[41]]);
  });

  it('encodes missing cells and values never seen in training without throwing', () => {
    const record: Record<string, unknown> = {
      age: null,
      income: 'not a number',
      city: 'Atlantis',
      plan: 'platinum',
      region: 'moon',
      signup: '31/31/2031',
      review: '',
      autopay: 'perhaps',
    };
    const { values } = transform(fitted, recordsSource([record]));
    expect(values.every(Number.isFinite)).toBe(true);
    const feature = (name: string): number => values[fitted.outputs.indexOf(name)]!;
    const age = fitted.steps[1] as FittedNumericStep;
    expect(feature('age')).toBe(Math.fround((age.fill - age.center) / age.scale));
    expect(feature('age (missing)')).toBe(1);
    expect(feature('income (missing)')).toBe(1);
    expect(fitted.outputs.filter((name) => name.startsWith('city=')).map(feature)).toEqual([
      0, 0, 0, 0, 1, 0,
    ]);
    expect(feature('plan')).toBe(Math.fround((fitted.steps[5] as FittedOrdinalStep).fill));
    expect(feature('region')).toBe(0);
    const signupParts = ['year', 'month', 'day', 'weekday', 'hour', 'days_since'];
    expect(signupParts.map((part) => feature(`signup.${part}`))).toEqual([0, 0, 0, 0, 0, 0]);
    expect(feature('signup.is_weekend')).toBe(Math.fround((fitted.steps[7] as FittedDatetimeStep).fill[5]!));
    expect(feature('signup (missing)')).toBe(1);
    expect(fitted.outputs.filter((name) => name.startsWith('review:')).map(feature)).toEqual([0, 0, 0, 0, 0]);
    expect(feature('autopay')).toBe(Math.fround((fitted.steps[9] as FittedBooleanStep).fill));
    expect(feature('autopay (missing)')).toBe(1);
  });

  it('throws an error naming a missing input column; the target is not needed', () => {
    const records = recordsOf(table).slice(0, 2);
    for (const record of records) delete record['churned'];
    expect(() => transform(fitted, recordsSource(records))).not.toThrow();
    delete records[1]!['city'];
    expect(() => transform(fitted, recordsSource(records))).toThrow(MissingColumnError);
    expect(() => transform(fitted, recordsSource(records))).toThrow(/"city"/);
    const noRegion = preparedTable({ age: ['1'], income: ['2'], city: ['a'], plan: ['basic'] });
    expect(() => transform(fitted, tableSource(noRegion))).toThrow(/Missing column "region"/);
  });

  it('transforms no rows into an empty matrix', () => {
    const none = transform(fitted, recordsSource([]));
    expect(none).toMatchObject({ rows: 0, cols: fitted.outputs.length });
    expect(none.values).toHaveLength(0);
  });
});
describe('records as a source', () => {
  const spec: FeatureSpec = {
    target: 'y',
    task: 'regression',
    transforms: [
      { kind: 'numeric', column: 'n', impute: 'zero', scale: 'none' },
      { kind: 'boolean', column: 'b' },
      { kind: 'onehot', column: 'c', topK: 3 },
    ],
  };
  const small = fitFeaturePipeline(
    spec,
    tableSource(preparedTable({ n: ['1234.5', null], b: ['true', 'false'], c: ['x', null], y: ['1', '2'] })),
  );

  it('reads numbers as canonical text, booleans as true/false, and null, undefined and "" as missing', () => {
    const fromRecords = transform(
      small,
      recordsSource([
        { n: 1234.5, b: true, c: 'x' },
        { n: null, b: undefined, c: '' },
        { n: -0, b: false, c: Number.NaN },
      ]),
    );
    const fromTable = transform(
      small,
      tableSource(
        preparedTable({ n: ['1234.5', null, '0'], b: ['true', null, 'false'], c: ['x', null, null] }),
      ),
    );
    expect(bytesOf(fromRecords.values)).toEqual(bytesOf(fromTable.values));
  });

  it('refuses an object value, naming the record and field', () => {
    expect(() => transform(small, recordsSource([{ n: 1, b: true, c: { nested: 1 } }]))).toThrow(
      /Record 1, field "c"/,
    );
  });
});
