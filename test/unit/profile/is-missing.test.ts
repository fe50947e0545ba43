import { describe, expect, it } from 'vitest';
import { isMissing, MissingMarkers } from '../../../src/core/profile/index.ts';

describe('isMissing', () => {
  it('treats the default markers as missing after trimming, whitespace-only included', () => {
    for (const cell of ['', '   ', '\t', 'NA', ' NA ', 'N/A', 'null', 'NaN', '?', ' ?']) {
      expect(isMissing(cell), JSON.stringify(cell)).toBe(true);
    }
  });

  it('never treats None as missing: it is a category in real data', () => {
    expect(isMissing('None')).toBe(false);
    expect(isMissing('none')).toBe(false);
  });

  it('compares markers exactly, so case variants and longer values are values', () => {
    expect(isMissing('na')).toBe(false);
    expect(isMissing('NULL')).toBe(false);
    expect(isMissing('??')).toBe(false);
    expect(isMissing('0')).toBe(false);
  });

  it('takes custom markers, themselves trimmed', () => {
    expect(isMissing('unknown', ['', ' unknown '])).toBe(true);
    expect(isMissing('?', ['unknown'])).toBe(false);
  });
});

describe('MissingMarkers', () => {
  it('gives the position of the marker a trimmed cell matches, dropping repeated markers', () => {
    const markers = new MissingMarkers(['', 'NA', ' NA', '?']);
    expect(markers.markers).toEqual(['', 'NA', '?']);
    expect(markers.indexOf('NA')).toBe(1);
    expect(markers.indexOf('?')).toBe(2);
    expect(markers.indexOf('a long value')).toBe(-1);
  });
});
