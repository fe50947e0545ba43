import { describe, expect, it } from 'vitest';
import { safeCsvCell } from '../../../src/core/deploy/index.ts';

describe('safeCsvCell', () => {
  it('defuses every formula prefix (= + - @ tab CR) and quotes what needs quoting', () => {
    expect(safeCsvCell('=1+1')).toBe("'=1+1");
    expect(safeCsvCell('+33 6 12')).toBe("'+33 6 12");
    expect(safeCsvCell('-2+3')).toBe("'-2+3");
    expect(safeCsvCell('-A1')).toBe("'-A1");
    expect(safeCsvCell("=cmd|' /C calc'!A0")).toBe("'=cmd|' /C calc'!A0");
    expect(safeCsvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(safeCsvCell('\tx')).toBe("'\tx");
    expect(safeCsvCell('\rx')).toBe('"\'\rx"');
    expect(safeCsvCell('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
    expect(safeCsvCell('a,b')).toBe('"a,b"');
    expect(safeCsvCell('plain')).toBe('plain');
  });

  it('writes numbers as numbers (a negative prediction stays negative) and blanks for missing', () => {
    expect(safeCsvCell(-1.5)).toBe('-1.5');
    expect(safeCsvCell(NaN)).toBe('');
    expect(safeCsvCell(null)).toBe('');
  });

  it('leaves a text cell that is only a decimal number as it is: a class labelled "-1" stays -1', () => {
    expect(safeCsvCell('-1')).toBe('-1');
    expect(safeCsvCell('-2.5')).toBe('-2.5');
    expect(safeCsvCell('+3')).toBe('+3');
    expect(safeCsvCell('-1e-3')).toBe('-1e-3');
    expect(safeCsvCell('-.5')).toBe('-.5');
    expect(safeCsvCell('-Infinity')).toBe("'-Infinity");
    expect(safeCsvCell('-1,5')).toBe('"\'-1,5"');
  });
});
