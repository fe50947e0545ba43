import { describe, expect, it } from 'vitest';
import { hasTimeOfDay, parseDate } from '../../../src/core/profile/index.ts';

describe('parseDate', () => {
  it('reads ISO dates as midnight UTC', () => {
    expect(parseDate('2011-01-01')).toBe(Date.UTC(2011, 0, 1));
    expect(parseDate('2012-02-29')).toBe(Date.UTC(2012, 1, 29));
    expect(parseDate(' 1970-01-01 ')).toBe(0);
  });

  it('reads ISO date-times after T or a space, without a zone as UTC', () => {
    expect(parseDate('2019-03-23 20:21:09')).toBe(Date.UTC(2019, 2, 23, 20, 21, 9));
    expect(parseDate('2019-03-23T20:21')).toBe(Date.UTC(2019, 2, 23, 20, 21));
    expect(parseDate('2019-03-23T20:21:09.250')).toBe(Date.UTC(2019, 2, 23, 20, 21, 9, 250));
  });

  it('applies a zone when one is given', () => {
    expect(parseDate('2019-03-23T20:21:09Z')).toBe(Date.UTC(2019, 2, 23, 20, 21, 9));
    expect(parseDate('2019-03-23T20:21:09+02:00')).toBe(Date.UTC(2019, 2, 23, 18, 21, 9));
    expect(parseDate('2019-03-23T20:21:09-0530')).toBe(Date.UTC(2019, 2, 24, 1, 51, 9));
  });

  it('reads m/d/yyyy month first', () => {
    expect(parseDate('1/2/2011')).toBe(Date.UTC(2011, 0, 2));
    expect(parseDate('12/31/1999')).toBe(Date.UTC(1999, 11, 31));
    expect(parseDate('06/12/1998 13:45')).toBe(Date.UTC(1998, 5, 12, 13, 45));
  });

  it('reads month names: Jun 12 1998, June 12, 1998, Sept. 3 2001', () => {
    expect(parseDate('Jun 12 1998')).toBe(Date.UTC(1998, 5, 12));
    expect(parseDate('June 12, 1998')).toBe(Date.UTC(1998, 5, 12));
    expect(parseDate('jun 12 1998')).toBe(Date.UTC(1998, 5, 12));
    expect(parseDate('Sept. 3 2001')).toBe(Date.UTC(2001, 8, 3));
  });

  it('gives NaN for impossible dates instead of rolling them over', () => {
    for (const text of [
      '2021-02-30',
      '2011-02-29',
      '2011-13-01',
      '13/1/2020',
      '2/30/2020',
      'Jun 31 1998',
      'Foo 12 1998',
    ]) {
      expect(parseDate(text), text).toBeNaN();
    }
    expect(parseDate('2019-03-23 24:00:00')).toBeNaN();
  });

  it('gives NaN for text, numbers and other date shapes', () => {
    for (const text of ['', 'yesterday', '20110101', '1998', '2011/01/01', '01-02-2011', '12 Jun 1998']) {
      expect(parseDate(text), text).toBeNaN();
    }
  });

  it('keeps years below 100 as written (Date.UTC would make 0099 into 1999)', () => {
    expect(parseDate('0099-06-01')).toBe(Date.parse('0099-06-01T00:00:00Z'));
  });
});

describe('hasTimeOfDay', () => {
  it('spots an HH:MM part', () => {
    expect(hasTimeOfDay('2019-03-23 20:21:09')).toBe(true);
    expect(hasTimeOfDay('2019-03-23')).toBe(false);
    expect(hasTimeOfDay('Jun 12 1998')).toBe(false);
  });
});
