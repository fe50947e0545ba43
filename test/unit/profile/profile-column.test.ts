import { describe, expect, it } from 'vitest';
import { profileColumn } from '../../../src/core/profile/index.ts';

describe('profileColumn', () => {
  it('profiles a numeric column with missing values', () => {
    const p = profileColumn('age', ['22', '38', '', '26', '35', ' NA ']);
    expect(p.type).toBe('integer');
    expect(p.rows).toBe(6);
    expect(p.missing).toBe(2);
    expect(p.missingPercent).toBeCloseTo(100 / 3, 12);
    expect(p.missingByMarker).toEqual({ '': 1, NA: 1 });
    expect(p.whitespacePadded).toBe(1);
    expect(p.distinct).toBe(4);
    expect(p.numeric).toMatchObject({ count: 4, min: 22, max: 38, mean: 30.25 });
    // sorted 22 26 35 38: median at h = 1.5 -> 30.5; q1 at h = 0.75 -> 25; q3 at h = 2.25 -> 35.75.
    expect(p.numeric?.quantiles).toMatchObject({ p0: 22, p25: 25, p50: 30.5, p75: 35.75, p100: 38 });
    expect(p.warnings.map((w) => w.kind)).toEqual(['missing', 'whitespace']);
  });

  it('counts whitespace-only cells as missing under the blank marker and as padded', () => {
    const p = profileColumn('TotalCharges', ['29.85', ' ', '1889.5', ' ']);
    expect(p.type).toBe('number');
    expect(p.missingByMarker).toEqual({ '': 2 });
    expect(p.whitespacePadded).toBe(2);
    expect(p.unparsed.count).toBe(0);
  });

  it('reports numbers stored as text with examples', () => {
    const values = Array.from({ length: 40 }, (_, i) => (i % 20 === 7 ? `1,${200 + i}.50` : `${100 + i}.25`));
    const p = profileColumn('total_spend', values);
    expect(p.type).toBe('number');
    expect(p.unparsed).toEqual({ count: 2, examples: ['1,207.50', '1,227.50'] });
    expect(p.numeric?.count).toBe(38);
    const warning = p.warnings.find((w) => w.kind === 'numbers-stored-as-text');
    expect(warning?.message).toContain('"1,207.50"');
  });

  it('uses a type override, keeping the inference', () => {
    const p = profileColumn('Pclass', ['3', '1', '3', '2'], { type: 'category' });
    expect(p.type).toBe('category');
    expect(p.inference.type).toBe('integer');
    expect(p.numeric).toBeNull();
    expect(p.topValues).toEqual([
      { value: '3', count: 2 },
      { value: '1', count: 1 },
      { value: '2', count: 1 },
    ]);
  });

  it('gives top values and spelling variants of a category, trimmed', () => {
    const cities = [
      'New York',
      ' New York',
      'new york',
      'Boston',
      'NEW-YORK',
      'Boston',
      '?',
      'Boston',
      'Boston',
    ];
    const p = profileColumn('city', cities);
    expect(p.type).toBe('category');
    expect(p.distinct).toBe(4);
    expect(p.topValues[0]).toEqual({ value: 'Boston', count: 4 });
    expect(p.topValues[1]).toEqual({ value: 'New York', count: 2 });
    expect(p.spellingVariants).toEqual([
      {
        key: 'newyork',
        variants: [
          { value: 'New York', count: 2 },
          { value: 'new york', count: 1 },
          { value: 'NEW-YORK', count: 1 },
        ],
      },
    ]);
    expect(p.warnings.map((w) => w.kind)).toEqual(['missing', 'whitespace', 'inconsistent-spelling']);
  });

  it('gives the range of a date column as written', () => {
    const p = profileColumn('dteday', ['2011-01-02', '2011-01-01', '2012-12-31', '']);
    expect(p.type).toBe('date');
    expect(p.dates).toEqual({
      min: '2011-01-01',
      max: '2012-12-31',
      minMs: Date.UTC(2011, 0, 1),
      maxMs: Date.UTC(2012, 11, 31),
    });
  });

  it('flags a sentinel', () => {
    const values = [...Array.from({ length: 30 }, (_, i) => String(i + 100)), ...Array<string>(6).fill('-1')];
    const p = profileColumn('pdays', values);
    expect(p.sentinels).toMatchObject([{ value: -1, count: 6, rule: 'negative' }]);
    expect(p.warnings.find((w) => w.kind === 'sentinel')?.message).toBe(
      'pdays: -1 appears 6 times, the only negative value in a column of non-negative numbers: probably a code for "unknown".',
    );
  });

  it('warns about a constant column', () => {
    expect(profileColumn('c', ['x', 'x', '']).warnings.map((w) => w.kind)).toEqual(['missing', 'constant']);
  });
});
