import { describe, expect, it } from 'vitest';
import { guessTaskType, targetMissing } from '../../../src/core/profile/index.ts';

const distinctRows = (distinct: number, rows: number) =>
  Array.from({ length: rows }, (_, i) => String(i % distinct));

describe('guessTaskType', () => {
  it('calls any negative or fractional value regression', () => {
    expect(guessTaskType(['1', '2', '-1'])).toBe('regression');
    expect(guessTaskType(['1', '2.5', '2'])).toBe('regression');
  });

  it('treats 2.0 as a whole number', () => {
    expect(guessTaskType(['2.0', '3.0', '2.0'])).toBe('binary');
  });

  it('calls more than 1000 distinct values that are over 70% of rows regression', () => {
    expect(guessTaskType(distinctRows(1001, 1001))).toBe('regression');
    expect(guessTaskType(distinctRows(1001, 1429))).toBe('regression'); // 1001 > 0.7 * 1429 = 1000.3
    expect(guessTaskType(distinctRows(1001, 1430))).toBe('multiclass'); // 1001 is not > 1001
    expect(guessTaskType(distinctRows(1000, 1000))).toBe('multiclass'); // not more than 1000
  });

  it('counts rows without the missing ones', () => {
    expect(guessTaskType([...distinctRows(1001, 1001), ...Array<string>(1000).fill('')])).toBe('regression');
  });

  it('calls 2 classes binary and more multiclass, numbers or not', () => {
    expect(guessTaskType(['0', '1', '1', ''])).toBe('binary');
    expect(guessTaskType(['1', '2', '3'])).toBe('multiclass');
    expect(guessTaskType(['Yes', 'No', 'Yes'])).toBe('binary');
    expect(guessTaskType(['rain', 'sun', 'fog'])).toBe('multiclass');
  });

  it('calls a target with any text classification, even with fractional numbers in it', () => {
    expect(guessTaskType(['1.5', '2.5', 'high'])).toBe('multiclass');
  });
});

describe('targetMissing', () => {
  it('counts missing targets, markers trimmed', () => {
    expect(targetMissing(['18', '', '15', 'NA', ' ? '])).toBe(3);
    expect(targetMissing(['a', 'unknown'], ['unknown'])).toBe(1);
  });
});
