import { cos, sin } from '../math/portable-math.ts';
import { formatIsoDate } from '../recipe/parse-date.ts';
import type { Applier } from './applier.ts';
import { civilDays, weekdayOf } from './civil-days.ts';
import { DATE_PARTS, type DatePart, type FeatureTransform } from './feature-spec.ts';
import { presentValues, standardizer } from './fit-stats.ts';
import type { FittedDatetimeStep } from './fitted-pipeline.ts';
import type { Cells } from './read-cell.ts';
import { dateFields, readDateInto, type DateFields } from './read-date.ts';

type DatetimeTransform = Extract<FeatureTransform, { kind: 'datetime' }>;

const SECONDS_PER_DAY = 86_400;
const TAU = 2 * Math.PI;

/** Parts written as they are (center 0, scale 1): is_weekend stays 0/1 and the cyclic parts stay in [−1, 1]. */
const UNSCALED: ReadonlySet<DatePart> = new Set([
  'is_weekend',
  'month_sin',
  'month_cos',
  'day_of_year_sin',
  'day_of_year_cos',
]);

/**
 * Learns, per date part, the training mean and standard deviation: every part but is_weekend and the sin/cos
 * parts is standardized, since a network needs year (≈2000) and weekday (0–6) on comparable scales;
 * is_weekend stays 0/1 and the sin/cos parts stay in [−1, 1]. A missing or unreadable date gets each part's
 * training mean (so 0 after standardizing a standardized part), and a "(missing)" 0/1 column
 * when the training rows had such dates. `days_since` counts from `reference`, or from the earliest training
 * date (1970-01-01 when there is none).
 *
 * @throws Error when `reference` is not a date.
 */
export function fitDatetime(transform: DatetimeTransform, cells: Cells, rows: number): FittedDatetimeStep {
  const what = `Datetime feature "${transform.column}"`;
  const parts = transform.parts.slice();
  const codes = partCodes(parts);
  const values = parts.map(() => new Float64Array(rows));
  const instants = new Float64Array(rows);
  const date = dateFields();
  let earliest: DateFields | null = null;
  let earliestInstant = Infinity;
  let missing = 0;
  for (let r = 0; r < rows; r++) {
    if (!readDateInto(cells[r]!, date)) {
      missing++;
      instants[r] = NaN;
      for (const column of values) column[r] = NaN;
      continue;
    }
    const days = civilDays(date.year, date.month, date.day);
    instants[r] = instantOf(date, days);
    if (instants[r]! < earliestInstant) {
      earliestInstant = instants[r]!;
      earliest = { ...date };
    }
    for (let p = 0; p < parts.length; p++) values[p]![r] = partValue(codes[p]!, date, days, 0);
  }

  let reference: DateFields | null = earliest;
  if (transform.reference !== undefined) {
    reference = dateFields();
    if (!readDateInto(transform.reference, reference)) {
      throw new Error(`${what}: the reference "${transform.reference}" is not a date`);
    }
  }
  const referenceDays =
    reference === null ? 0 : instantOf(reference, civilDays(reference.year, reference.month, reference.day));
  const step: FittedDatetimeStep = {
    kind: 'datetime',
    column: transform.column,
    parts,
    reference: reference === null ? '1970-01-01' : isoText(reference),
    referenceDays,
    fill: [],
    center: [],
    scale: [],
    missingIndicator: missing > 0,
  };
  parts.forEach((part, p) => {
    const column = values[p]!;
    if (part === 'days_since') for (let r = 0; r < rows; r++) column[r] = instants[r]! - referenceDays;
    const present = presentValues(column);
    const { center, scale } = standardizer(present, `${what}, part ${part}`);
    step.fill.push(present.length === 0 ? 0 : center);
    step.center.push(UNSCALED.has(part) ? 0 : center);
    step.scale.push(UNSCALED.has(part) ? 1 : scale);
  });
  return step;
}

/** The step's {@link Applier}. */
export function datetimeApplier(step: FittedDatetimeStep): Applier {
  const { parts, fill, center, scale, referenceDays, missingIndicator } = step;
  const count = parts.length;
  const codes = partCodes(parts);
  const date = dateFields();
  return (cells, from, to, out, cols, offset) => {
    for (let r = from, at = from * cols + offset; r < to; r++, at += cols) {
      if (!readDateInto(cells[r]!, date)) {
        for (let p = 0; p < count; p++) out[at + p] = (fill[p]! - center[p]!) / scale[p]!;
        if (missingIndicator) out[at + count] = 1;
        continue;
      }
      const days = civilDays(date.year, date.month, date.day);
      for (let p = 0; p < count; p++) {
        out[at + p] = (partValue(codes[p]!, date, days, referenceDays) - center[p]!) / scale[p]!;
      }
    }
  };
}

/** "signup.year", "signup.weekday", … in the spec's order, then "signup (missing)" when the training rows had gaps. */
export function datetimeOutputNames(step: FittedDatetimeStep): string[] {
  const names = step.parts.map((part) => `${step.column}.${part}`);
  if (step.missingIndicator) names.push(`${step.column} (missing)`);
  return names;
}

/** Days since 1970-01-01 UTC, with the time of day as a fraction; `days` is the date's civil day number. */
function instantOf(date: DateFields, days: number): number {
  return date.hasTime ? days + (date.hour * 3600 + date.minute * 60 + date.second) / SECONDS_PER_DAY : days;
}

/**
 * A part's value; `code` is the part's index in DATE_PARTS (year, month, day, weekday, hour, is_weekend,
 * days_since, day_of_year, month_sin, month_cos, day_of_year_sin, day_of_year_cos). `days` is the date's
 * civil day number.
 */
function partValue(code: number, date: DateFields, days: number, referenceDays: number): number {
  switch (code) {
    case 0:
      return date.year;
    case 1:
      return date.month;
    case 2:
      return date.day;
    case 3:
      return weekdayOf(days);
    case 4:
      return date.hour;
    case 5:
      return weekdayOf(days) >= 5 ? 1 : 0;
    case 6:
      return instantOf(date, days) - referenceDays;
    case 7:
      return dayOfYear(date.year, days);
    case 8:
      return sin((TAU * (date.month - 1)) / 12);
    case 9:
      return cos((TAU * (date.month - 1)) / 12);
    case 10:
      return sin((TAU * (dayOfYear(date.year, days) - 1)) / daysInYear(date.year));
    default:
      return cos((TAU * (dayOfYear(date.year, days) - 1)) / daysInYear(date.year));
  }
}

/** 1 on 1 January of `year`; `days` is the date's civil day number. */
function dayOfYear(year: number, days: number): number {
  return days - civilDays(year, 1, 1) + 1;
}

/** 366 in a leap year of the proleptic Gregorian calendar, else 365. */
function daysInYear(year: number): number {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 366 : 365;
}

/** Each part as its index in DATE_PARTS, so that the per-cell switch compares small integers. */
function partCodes(parts: readonly DatePart[]): Int32Array {
  return Int32Array.from(parts, (part) => DATE_PARTS.indexOf(part));
}

function isoText(date: DateFields): string {
  const { year, month, day, hour, minute, second } = date;
  return formatIsoDate({ year, month, day, time: date.hasTime ? { hour, minute, second } : null });
}
