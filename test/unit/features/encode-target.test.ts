import { describe, expect, it } from 'vitest';
import {
  encodeTarget,
  fitFeaturePipeline,
  recordsSource,
  tableSource,
} from '../../../src/core/features/index.ts';
import { CHURN_SPEC, churnTable } from './churn-fixture.ts';
import { preparedTable } from './feature-table.ts';

const table = churnTable(80);
const trainRows = Uint32Array.from({ length: 60 }, (_, i) => i);
const fitted = fitFeaturePipeline(CHURN_SPEC, tableSource(table, trainRows));

describe('encodeTarget', () => {
  it('encodes a binary target as 1 for the less frequent class by default', () => {
    const data = preparedTable({ y: ['no', 'yes', 'no', ' no ', null, 'maybe'] });
    const binary = fitFeaturePipeline(
      { target: 'y', task: 'binary', transforms: [] },
      tableSource(data, Uint32Array.of(0, 1, 2, 3, 4)),
    );
    expect(binary.target).toEqual({ kind: 'classes', classes: ['no', 'yes'], positiveClass: 'yes' });
    expect(Array.from(encodeTarget(binary, tableSource(data)))).toEqual([0, 1, 0, 0, NaN, NaN]);
  });

  it('puts the chosen positive class at index 1, and breaks a frequency tie by string order', () => {
    const data = preparedTable({ y: ['b', 'a', 'b', 'a'] });
    const chosen = fitFeaturePipeline(
      { target: 'y', task: 'binary', positiveClass: 'a', transforms: [] },
      tableSource(data),
    );
    expect(chosen.target).toEqual({ kind: 'classes', classes: ['b', 'a'], positiveClass: 'a' });
    expect(Array.from(encodeTarget(chosen, tableSource(data)))).toEqual([0, 1, 0, 1]);
    const tie = fitFeaturePipeline({ target: 'y', task: 'binary', transforms: [] }, tableSource(data));
    expect(tie.target).toEqual({ kind: 'classes', classes: ['a', 'b'], positiveClass: 'b' });
  });

  it('sorts multiclass labels by string order, as np.unique does', () => {
    const data = preparedTable({ y: ['sun', 'rain', 'fog', 'Snow', 'rain'] });
    const multi = fitFeaturePipeline({ target: 'y', task: 'multiclass', transforms: [] }, tableSource(data));
    expect(multi.target).toEqual({ kind: 'classes', classes: ['Snow', 'fog', 'rain', 'sun'] });
    expect(
      Array.from(encodeTarget(multi, recordsSource([{ y: 'fog' }, { y: 'hail' }, { y: 'sun' }]))),
    ).toEqual([1, NaN, 3]);
  });

  it('parses a regression target, NaN when missing or not a number', () => {
    const data = preparedTable({ y: ['1.5', '2,000', null, 'abc'] });
    const regression = fitFeaturePipeline(
      { target: 'y', task: 'regression', transforms: [] },
      tableSource(data),
    );
    expect(regression.target).toEqual({ kind: 'numeric' });
    expect(Array.from(encodeTarget(regression, tableSource(data)))).toEqual([1.5, 2000, NaN, NaN]);
  });

  it('names the target when the source lacks it', () => {
    expect(() => encodeTarget(fitted, recordsSource([{ age: 1 }]))).toThrow(/"churned"/);
  });
});
