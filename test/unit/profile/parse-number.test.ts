import { describe, expect, it } from 'vitest';
import { NumberReader, numberSyntax, parseNumber } from '../../../src/core/profile/index.ts';

describe('parseNumber', () => {
  it('accepts signs, decimals, a bare point and exponents', () => {
    expect(parseNumber('42')).toBe(42);
    expect(parseNumber('-0.5')).toBe(-0.5);
    expect(parseNumber('+7')).toBe(7);
    expect(parseNumber('1e3')).toBe(1000);
    expect(parseNumber('2.5E-2')).toBe(0.025);
    expect(parseNumber('.5')).toBe(0.5);
    expect(parseNumber('2.')).toBe(2);
    expect(parseNumber(' 12 ')).toBe(12);
    expect(Object.is(parseNumber('-0'), -0)).toBe(true);
  });

  it('rejects thousands separators, hex, words and empty cells', () => {
    for (const text of [
      '1,234',
      '1 234',
      '0x1F',
      'Infinity',
      'NaN',
      '',
      '.',
      '-',
      '1e',
      '1e+',
      '1_000',
      '12abc',
      '\u001160',
    ]) {
      expect(parseNumber(text), JSON.stringify(text)).toBeNaN();
    }
  });

  it('gives the same double as Number() on short, long and extreme inputs', () => {
    const cases = [
      '0.1',
      '512.3292',
      '0.30000000000000004',
      '123456789012345678',
      '9007199254740993',
      '1.7976931348623157e308',
      '5e-324',
      '1e400',
      '0.000000000000000000000000001',
      '3.14159265358979323846',
      '-8019',
      '99999',
    ];
    for (const text of cases) expect(Object.is(parseNumber(text), Number(text)), text).toBe(true);
  });
});

describe('numberSyntax', () => {
  it('tells integers from decimals by how they are written', () => {
    expect(numberSyntax('-12')).toBe('integer');
    expect(numberSyntax('+3')).toBe('integer');
    expect(numberSyntax('3.0')).toBe('decimal');
    expect(numberSyntax('1e3')).toBe('decimal');
    expect(numberSyntax('1,234')).toBeNull();
  });
});

describe('NumberReader', () => {
  it('reports the value and whether it was written as an integer', () => {
    const reader = new NumberReader();
    expect(reader.read('-1.5e2')).toBe(true);
    expect(reader.value).toBe(-150);
    expect(reader.integer).toBe(false);
    expect(reader.read('17')).toBe(true);
    expect(reader.integer).toBe(true);
    expect(reader.read('x')).toBe(false);
    expect(reader.value).toBeNaN();
  });
});
