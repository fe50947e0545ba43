import { describe, expect, it } from 'vitest';
import { canonicalNumberText, parseDateText, parseNumberText } from '../../../src/core/recipe/index.ts';

describe('parseNumberText', () => {
  it('reads plain and grouped decimals', () => {
    expect(
      ['12', '-3.5', '.5', '5.', '1e-3', '+7', ' 42 ', '1,234', '1,234,567.89', '-1,000.5'].map(
        parseNumberText,
      ),
    ).toEqual([12, -3.5, 0.5, 5, 0.001, 7, 42, 1234, 1234567.89, -1000.5]);
  });

  it('refuses what Number() would wrongly accept, and bad grouping', () => {
    for (const text of [
      '',
      ' ',
      '0x10',
      'Infinity',
      '1e999',
      '12,34',
      '1,2345',
      '1.2.3',
      '--1',
      '1 000',
      'abc',
    ]) {
      expect(parseNumberText(text), text).toBeNaN();
    }
  });
});

describe('canonicalNumberText', () => {
  it('writes the shortest text that reads back to the same number', () => {
    const cases: [string, string | null][] = [
      ['1,234.50', '1234.5'],
      ['0', '0'],
      ['-0', '0'],
      ['-0.0', '0'],
      ['007', '7'],
      ['0.5', '0.5'],
      ['-0.25', '-0.25'],
      ['0.000001', '0.000001'],
      ['0.0000001', '1e-7'],
      ['123456789012345', '123456789012345'],
      ['1234567890123456789', '1234567890123456800'],
      ['0.1000', '0.1'],
      ['2.50', '2.5'],
      ['1e21', '1e+21'],
      ['x', null],
    ];
    for (const [text, expected] of cases) expect(canonicalNumberText(text), text).toBe(expected);
  });

  it('agrees with String(Number(x)) on many generated decimals', () => {
    for (let i = 0; i < 20000; i++) {
      const digits = String((i * 7919) % 100000);
      const text =
        i % 3 === 0
          ? `${digits}.${String(i % 1000).padStart(3, '0')}`
          : i % 3 === 1
            ? `-0.${digits}`
            : digits;
      expect(canonicalNumberText(text), text).toBe(String(Number(text)));
    }
  });
});

describe('parseDateText', () => {
  it('reads ISO dates and times, shifting offsets to UTC', () => {
    expect(parseDateText('2020-01-31', 'iso')).toEqual({ year: 2020, month: 1, day: 31, time: null });
    expect(parseDateText('2020-01-31T23:59:58.123', 'iso')).toEqual({
      year: 2020,
      month: 1,
      day: 31,
      time: { hour: 23, minute: 59, second: 58 },
    });
    expect(parseDateText('2020-12-31T23:30:00-01:00', 'iso')).toEqual({
      year: 2021,
      month: 1,
      day: 1,
      time: { hour: 0, minute: 30, second: 0 },
    });
    expect(parseDateText('2020-03-01 00:15+0100', 'iso')).toMatchObject({
      month: 2,
      day: 29,
      time: { hour: 23 },
    });
  });

  it('reads m/d/yyyy with 12-hour times', () => {
    expect(parseDateText('7/4/1976', 'mdy')).toEqual({ year: 1976, month: 7, day: 4, time: null });
    expect(parseDateText('07-04-1976 12:30 PM', 'mdy')?.time).toEqual({ hour: 12, minute: 30, second: 0 });
    expect(parseDateText('07/04/1976 12:30 am', 'mdy')?.time).toEqual({ hour: 0, minute: 30, second: 0 });
    expect(parseDateText('07/04-1976', 'mdy')).toBeNull();
    expect(parseDateText('13/04/1976', 'mdy')).toBeNull();
    expect(parseDateText('1/1/1976 13:00 PM', 'mdy')).toBeNull();
  });

  it('reads month names', () => {
    expect(parseDateText('Jun 12 1998', 'mon-d-y')).toEqual({ year: 1998, month: 6, day: 12, time: null });
    expect(parseDateText('September 1st, 2001', 'mon-d-y')).toMatchObject({ month: 9, day: 1 });
    expect(parseDateText('Sept. 3 2001', 'mon-d-y')).toMatchObject({ month: 9, day: 3 });
    expect(parseDateText('Junes 12 1998', 'mon-d-y')).toBeNull();
  });

  it('refuses impossible dates and times', () => {
    for (const text of [
      '2021-02-29',
      '1900-02-29',
      '2020-04-31',
      '2020-00-10',
      '2020-01-01T24:00',
      '2020-01-01T10:60',
    ]) {
      expect(parseDateText(text, 'auto'), text).toBeNull();
    }
    expect(parseDateText('2000-02-29', 'auto')).not.toBeNull();
  });
});
