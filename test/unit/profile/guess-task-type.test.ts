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

  it('calls more than 20 distinct whole numbers regression and 3 to 20 multiclass', () => {
    expect(guessTaskType(distinctRows(20, 100))).toBe('multiclass');
    expect(guessTaskType(distinctRows(21, 21))).toBe('regression');
    expect(guessTaskType(distinctRows(21, 1000))).toBe('regression'); // however often each repeats
    expect(guessTaskType(distinctRows(3, 3))).toBe('multiclass');
    expect(guessTaskType(distinctRows(2, 50))).toBe('binary');
  });

  it('calls a diabetes-like progression (whole numbers 25 to 346, many distinct) regression', () => {
    // sklearn's raw diabetes target has 442 rows of whole numbers from 25 to 346 (214 distinct); these 442
    // repeat 120 of their 322 values.
    const progression = Array.from({ length: 442 }, (_, i) => String(25 + ((i * 13) % 322)));
    expect(new Set(progression).size).toBe(322);
    expect(guessTaskType(progression)).toBe('regression');
  });

  it('counts distinct values without the missing ones', () => {
    expect(guessTaskType([...distinctRows(20, 20), ...Array<string>(100).fill(''), 'NA'])).toBe('multiclass');
    expect(guessTaskType([...distinctRows(21, 21), ...Array<string>(100).fill('')])).toBe('regression');
  });

  it('calls text classification however many values it has', () => {
    expect(guessTaskType(Array.from({ length: 30 }, (_, i) => `city ${i}`))).toBe('multiclass');
    expect(guessTaskType(['true', 'false', 'true'])).toBe('binary');
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
