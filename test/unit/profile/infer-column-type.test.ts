import { describe, expect, it } from 'vitest';
import { inferColumnType, looksLikeIdName } from '../../../src/core/profile/index.ts';

const typeOf = (values: string[], name?: string) => inferColumnType(values, name ? { name } : {}).type;
const range = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i));

describe('inferColumnType', () => {
  it('infers integer and number from non-missing values, missing markers skipped', () => {
    expect(typeOf(['1', '2', '', '3', 'NA', '2'])).toBe('integer');
    expect(typeOf(['1', '2.5', '-0.5', '+7', '1e3', '1'])).toBe('number');
  });

  it('keeps 0/1 columns integer, not boolean', () => {
    expect(typeOf(['0', '1', '1', '0'])).toBe('integer');
  });

  it('reads true/false and t/f as boolean in any case, but yes/no as a category', () => {
    expect(typeOf(['True', 'False', 'True'])).toBe('boolean');
    expect(typeOf(['t', 'f', 'F', 'T'])).toBe('boolean');
    expect(typeOf(['Yes', 'No', 'Yes'])).toBe('category');
  });

  it('calls a column numeric when at least 95% are numbers, and reports the text ones', () => {
    const values = [...range(99, (i) => String(i % 50)), '\u001160'];
    const inference = inferColumnType(values);
    expect(inference.type).toBe('integer');
    expect(inference.numericShare).toBe(0.99);
    expect(inference.parsedShare).toBe(0.99);
    expect(inference.unparsed).toEqual({ count: 1, examples: ['\u001160'] });
    expect(inference.reason).toContain('1 of 100 is text');
  });

  it('does not call a column numeric when more than 5% are text (titanic Ticket)', () => {
    const values = [...range(74, (i) => String(100000 + i * 37)), ...range(26, (i) => `A/5 ${2100 + i}`)];
    const inference = inferColumnType(values);
    expect(inference.type).toBe('category');
    expect(inference.numericShare).toBe(0.74);
    expect(inference.unparsed.count).toBe(26);
    expect(inference.unparsed.examples[0]).toBe('A/5 2100');
  });

  it('does not accept thousands separators as numbers', () => {
    expect(inferColumnType(['1,234', '5,678', '9,012']).numericShare).toBe(0);
  });

  it('infers date and datetime from the three formats', () => {
    expect(typeOf(['2011-01-01', '2011-01-02', ''])).toBe('date');
    expect(typeOf(['1/2/2011', '12/31/2011'])).toBe('date');
    expect(typeOf(['Jun 12 1998', 'Jul 1 1999'])).toBe('date');
    expect(typeOf(['2019-03-23 20:21:09', '2019-03-04 16:11:55'])).toBe('datetime');
    expect(typeOf(['2019-03-23', '2019-03-04T16:11'])).toBe('datetime');
  });

  it('calls unique short codes an id (telco customerID), and a row counter of integers too', () => {
    expect(typeOf(range(20, (i) => `${7590 + i}-VHVEG`))).toBe('id');
    expect(typeOf(range(20, (i) => String(i + 1)))).toBe('id');
    expect(typeOf(range(20, (i) => String(i)))).toBe('id');
  });

  it('does not call distinct integers an id unless they count rows or the name says id', () => {
    const years = range(20, (i) => String(1990 + i));
    expect(typeOf(years, 'year')).toBe('integer');
    expect(typeOf(years, 'user_id')).toBe('id');
    const shuffled = ['5', '3', '9', '1', '7', '2', '8', '4', '6', '10'];
    expect(typeOf(shuffled, 'score')).toBe('integer');
    expect(typeOf(shuffled, 'PassengerId')).toBe('id');
  });

  it('calls long or mostly distinct, spaced values text (titanic Name)', () => {
    expect(typeOf(range(20, (i) => `Braund, Mr. Owen Harris ${i}`))).toBe('text');
    expect(typeOf(['x'.repeat(60), 'y'.repeat(55), 'x'.repeat(60)])).toBe('text');
  });

  it('calls repeated values a category', () => {
    expect(typeOf(['No internet service', 'Yes', 'No', 'Yes', 'No'])).toBe('category');
    expect(typeOf(['a', 'b', 'c'])).toBe('category');
  });

  it('calls an all-missing column a category and says why', () => {
    const inference = inferColumnType(['', 'NA', ' ']);
    expect(inference.type).toBe('category');
    expect(inference.reason).toBe('All 3 values are missing.');
  });

  it('takes custom missing markers', () => {
    expect(inferColumnType(['1', 'unknown', '2'], { missingMarkers: ['', 'unknown'] }).type).toBe('integer');
  });
});

describe('looksLikeIdName', () => {
  it('recognises id-like names and not words that end in id', () => {
    for (const name of [
      'id',
      'ID',
      'user_id',
      'user id',
      'order-id',
      'PassengerId',
      'customerID',
      'uuid',
      'id_card',
    ]) {
      expect(looksLikeIdName(name), name).toBe(true);
    }
    for (const name of ['paid', 'valid', 'Paid', 'idle', 'width', 'fluid']) {
      expect(looksLikeIdName(name), name).toBe(false);
    }
  });
});
