import { describe, expect, it } from 'vitest';
import { safeCsvCell } from '../../../src/core/deploy/index.ts';

describe('safeCsvCell', () => {
  it('defuses every formula prefix (= + - @ tab CR) and quotes what needs quoting', () => {
    expect(safeCsvCell('=1+1')).toBe("'=1+1");
    expect(safeCsvCell('+33 6 12')).toBe("'+33 6 12");
    expect(safeCsvCell('-2')).toBe("'-2");
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
});
