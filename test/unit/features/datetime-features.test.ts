import { describe, expect, it } from 'vitest';
import { civilDays, weekdayOf } from '../../../src/core/features/civil-days.ts';
import { DATE_PARTS } from '../../../src/core/features/feature-spec.ts';
import type { FittedDatetimeStep } from '../../../src/core/features/fitted-pipeline.ts';
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

  it('keeps the stored parts where they were: new parts only ever go at the end', () => {
    // A fitted pipeline names its parts, and the encoder switches on their index here.
    expect(DATE_PARTS).toEqual([
      'year',
      'month',
      'day',
      'weekday',
      'hour',
      'is_weekend',
      'days_since',
      'day_of_year',
      'month_sin',
      'month_cos',
      'day_of_year_sin',
      'day_of_year_cos',
    ]);
  });

  it('counts the day of the year from 1 on 1 January, to 366 in a leap year', () => {
    const dayOfYear = (date: string) =>
      (
        fitOne({ kind: 'datetime', column: 'x', parts: ['day_of_year'] }, [date]).fitted
          .steps[0] as FittedDatetimeStep
      ).center[0];
    // One training date: the center is its own day of the year.
    expect(dayOfYear('2024-01-01')).toBe(1);
    expect(dayOfYear('2024-03-01')).toBe(61); // 31 + 29 (leap February) + 1
    expect(dayOfYear('2023-03-01')).toBe(60); // 31 + 28 + 1
    expect(dayOfYear('2024-12-31')).toBe(366);
    expect(dayOfYear('2023-12-31')).toBe(365);
    expect(dayOfYear('2024-12-31T23:59:59')).toBe(366);
  });

  it('puts the month and the day of the year on a circle, unscaled', () => {
    const { fitted, matrix } = fitOne(
      {
        kind: 'datetime',
        column: 'x',
        parts: ['day_of_year', 'month_sin', 'month_cos', 'day_of_year_sin', 'day_of_year_cos'],
      },
      ['2024-03-01', '2024-12-31', '2023-12-31', '2024-01-01'],
    );
    expect(fitted.outputs).toEqual([
      'x.day_of_year',
      'x.month_sin',
      'x.month_cos',
      'x.day_of_year_sin',
      'x.day_of_year_cos',
    ]);
    const step = fitted.steps[0] as FittedDatetimeStep;
    // Day of year 61, 366, 365, 1: standardized around 793 / 4. The sin/cos parts are written as they are.
    expect(step.center).toEqual([793 / 4, 0, 0, 0, 0]);
    expect(step.scale.slice(1)).toEqual([1, 1, 1, 1]);
    const tau = 2 * Math.PI;
    const expected = [
      // 2024-03-01: month 3 → sin(2π·2/12) = √3/2, cos = 1/2; day 61 of a 366-day year.
      [Math.sqrt(3) / 2, 0.5, Math.sin((tau * 60) / 366), Math.cos((tau * 60) / 366)],
      // 2024-12-31: month 12 → sin(2π·11/12) = −1/2, cos = √3/2; day 366 of 366, just short of a full turn.
      [-0.5, Math.sqrt(3) / 2, Math.sin((tau * 365) / 366), Math.cos((tau * 365) / 366)],
      // 2023-12-31: day 365 of a 365-day year.
      [-0.5, Math.sqrt(3) / 2, Math.sin((tau * 364) / 365), Math.cos((tau * 364) / 365)],
      // 2024-01-01: the start of both circles.
      [0, 1, 0, 1],
    ];
    const actual = matrixRows(matrix);
    expected.forEach((row, r) =>
      row.forEach((value, c) =>
        expect(actual[r]![c + 1], `row ${r}, ${fitted.outputs[c + 1]}`).toBeCloseTo(value, 6),
      ),
    );
    expect(actual[0]![1]).toBeCloseTo(0.8660254, 6);
    expect(actual[1]![3]).toBeCloseTo(-0.0171663, 6); // sin(2π·365/366)
  });

  it('gives a missing date the training mean of a cyclic part, unscaled', () => {
    const { matrix } = fitOne(
      { kind: 'datetime', column: 'x', parts: ['month_cos'] },
      ['2024-01-15', '2024-04-15'],
      [null],
    );
    // January cos(0) = 1 and April cos(2π·3/12) = 0: mean 1/2, not standardized to 0.
    expect(matrixRows(matrix)[0]![0]).toBeCloseTo(0.5, 6);
  });
});
