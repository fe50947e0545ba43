import { describe, expect, it } from 'vitest';
import { civilDays, weekdayOf } from '../../../src/core/features/civil-days.ts';
import { fitOne } from './fit-one.ts';
import { float32, matrixRows } from './feature-table.ts';

describe('civil day numbers', () => {
  it('agree with Date.UTC and know the weekday (0 = Monday)', () => {
    for (const [y, m, d] of [
      [1970, 1, 1],
      [2000, 2, 29],
      [2000, 3, 1],
      [1969, 12, 31],
      [2024, 12, 31],
      [1600, 1, 1],
    ] as const) {
      const days = civilDays(y, m, d);
      const date = new Date(Date.UTC(y, m - 1, d));
      expect(days, `${y}-${m}-${d}`).toBe(date.getTime() / 86_400_000);
      expect(weekdayOf(days), `${y}-${m}-${d}`).toBe((date.getUTCDay() + 6) % 7);
    }
  });
});

describe('datetime features', () => {
  // 2024-03-01 is a Friday (weekday 4), 2024-03-02 a Saturday (5), 2024-03-04 a Monday (0).
  const train = ['2024-03-01', '2024-03-02', '2024-03-04T12:00:00'];

  it('extracts raw parts; is_weekend stays 0/1 while the others are standardized', () => {
    const { fitted, matrix } = fitOne(
      {
        kind: 'datetime',
        column: 'x',
        parts: ['year', 'month', 'day', 'weekday', 'hour', 'is_weekend', 'days_since'],
      },
      train,
    );
    expect(fitted.outputs).toEqual([
      'x.year',
      'x.month',
      'x.day',
      'x.weekday',
      'x.hour',
      'x.is_weekend',
      'x.days_since',
    ]);
    // weekday 4, 5, 0: mean 3, sd √(14/3). day 1, 2, 4: mean 7/3, sd √(14/9). hour 0, 0, 12: mean 4, sd √32.
    // days since the earliest date (2024-03-01): 0, 1, 3.5: mean 1.5, sd √((2.25 + 0.25 + 4) / 3).
    // year and month are constant: 0.
    const weekdaySd = Math.sqrt(14 / 3);
    const daySd = Math.sqrt(14 / 9);
    const hourSd = Math.sqrt(32);
    const sinceSd = Math.sqrt(6.5 / 3);
    const expected = [
      [0, 0, (1 - 7 / 3) / daySd, 1 / weekdaySd, -4 / hourSd, 0, -1.5 / sinceSd],
      [0, 0, (2 - 7 / 3) / daySd, 2 / weekdaySd, -4 / hourSd, 1, -0.5 / sinceSd],
      [0, 0, (4 - 7 / 3) / daySd, -3 / weekdaySd, 8 / hourSd, 0, 2 / sinceSd],
    ];
    const actual = matrixRows(matrix);
    expected.forEach((row, r) =>
      row.forEach((value, c) =>
        expect(actual[r]![c], `row ${r}, ${fitted.outputs[c]}`).toBeCloseTo(value, 6),
      ),
    );
    expect(fitted.steps[0]).toMatchObject({ reference: '2024-03-01', referenceDays: civilDays(2024, 3, 1) });
  });

  it('counts days_since from a given reference date', () => {
    const { fitted } = fitOne(
      { kind: 'datetime', column: 'x', parts: ['days_since'], reference: '2024-02-29' },
      train,
    );
    // 1, 2, 4.5 days after the reference: mean 2.5.
    expect(fitted.steps[0]).toMatchObject({ reference: '2024-02-29', center: [2.5] });
  });

  it('gives a missing or unreadable date the training mean of each part and flags it', () => {
    const { fitted, matrix } = fitOne(
      { kind: 'datetime', column: 'x', parts: ['weekday', 'is_weekend'] },
      ['2024-03-01', '2024-03-02', null],
      [null, 'not a date', '2024-03-03'],
    );
    expect(fitted.outputs).toEqual(['x.weekday', 'x.is_weekend', 'x (missing)']);
    // Weekday mean 4.5, sd 0.5; is_weekend share 0.5. Sunday 2024-03-03 is weekday 6.
    expect(matrixRows(matrix)).toEqual(
      [
        [0, 0.5, 1],
        [0, 0.5, 1],
        [3, 1, 0],
      ].map(float32),
    );
  });

  it('reads the other formats the recipe reads, and applies a time zone offset (UTC)', () => {
    const { matrix } = fitOne(
      { kind: 'datetime', column: 'x', parts: ['hour'] },
      ['2024-03-01T00:00:00', '2024-03-01T10:00:00'],
      ['03/01/2024 10:00', 'Mar 1 2024', '2024-03-01T12:00:00+02:00'],
    );
    // hour 0, 10 in training: mean 5, sd 5. 10 → 1; no time → hour 0 → −1; 12:00+02:00 = 10:00 UTC → 1.
    expect(matrixRows(matrix)).toEqual([[1], [-1], [1]]);
  });
});
