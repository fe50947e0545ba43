import { describe, expect, it } from 'vitest';
import { profileTable } from '../../../src/core/profile/index.ts';

describe('profileTable', () => {
  const table = {
    names: ['customerID', 'plan', 'fee'],
    columns: [
      Array.from({ length: 12 }, (_, i) => `C${1000 + i}`),
      ['basic', 'pro', 'basic', 'pro', 'basic', 'pro', 'basic', 'pro', 'basic', 'pro', 'basic', 'basic'],
      ['10', '20', '10', '20', '10', '25', '10', '20', '11', '20', '10', '10'],
    ],
  };

  it('counts duplicate rows whole and ignoring ID columns', () => {
    const profile = profileTable(table);
    expect(profile.rows).toBe(12);
    expect(profile.columns.map((c) => c.type)).toEqual(['id', 'category', 'integer']);
    expect(profile.idColumns).toEqual(['customerID']);
    expect(profile.duplicateRows).toBe(0);
    // (basic, 10) x 6 -> 5 repeats; (pro, 20) x 4 -> 3 repeats.
    expect(profile.duplicateRowsIgnoringIds).toBe(8);
    expect(profile.warnings.filter((w) => w.kind === 'duplicate-rows').map((w) => w.message)).toEqual([
      '8 rows repeat an earlier row in everything but customerID.',
    ]);
  });

  it('takes type overrides and extra ID columns', () => {
    const profile = profileTable(table, { types: { customerID: 'category' }, idColumns: ['fee'] });
    expect(profile.columns[0]!.type).toBe('category');
    // customerID is then a unique category, still ID-like; fee is ignored too, leaving plan alone.
    expect(profile.idColumns).toEqual(['customerID', 'fee']);
    expect(profile.duplicateRowsIgnoringIds).toBe(10);
  });

  it('takes custom missing markers for every column', () => {
    const profile = profileTable(
      { names: ['job'], columns: [['admin', 'unknown', 'admin']] },
      { missingMarkers: ['', 'unknown'] },
    );
    expect(profile.columns[0]!.missingByMarker).toEqual({ unknown: 1 });
  });

  it('reports progress per column and stops when aborted', () => {
    const seen: number[] = [];
    profileTable(table, { onProgress: (done) => seen.push(done) });
    expect(seen).toEqual([1, 2, 3]);
    const signal = { aborted: false };
    expect(() =>
      profileTable(table, {
        signal,
        onProgress: () => {
          signal.aborted = true;
        },
      }),
    ).toThrow('Profiling was cancelled.');
  });
});
