import type { DateFormat } from './recipe-step.ts';

/** A calendar date with an optional wall-clock time, validated (no 31 April, no 25:00). */
export interface ParsedDate {
  year: number;
  month: number;
  day: number;
  /** null when the text had no time. */
  time: { hour: number; minute: number; second: number } | null;
}

const TIME = String.raw`(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*([AaPp][Mm])?`;
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/;
const MDY = new RegExp(String.raw`^(\d{1,2})([/-])(\d{1,2})\2(\d{4})(?:[ T]+${TIME})?$`);
const MON_D_Y = new RegExp(
  String.raw`^([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?:[ T,]+${TIME})?$`,
);
const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/**
 * Reads a date in the given format (see `DateFormat`); `auto` tries iso, mdy, then mon-d-y. A time zone offset
 * on an ISO value is applied, so the result is in UTC; values without one are taken as they are.
 *
 * @returns The date, or null when the text is not a valid date in that format.
 * @example
 * parseDateText('Jun 12 1998', 'auto'); // { year: 1998, month: 6, day: 12, time: null }
 */
export function parseDateText(text: string, format: DateFormat): ParsedDate | null {
  const trimmed = text.trim();
  switch (format) {
    case 'iso':
      return parseIso(trimmed);
    case 'mdy':
      return parseMdy(trimmed);
    case 'mon-d-y':
      return parseMonDY(trimmed);
    case 'auto':
      return parseIso(trimmed) ?? parseMdy(trimmed) ?? parseMonDY(trimmed);
  }
}

/** yyyy-mm-dd, or yyyy-mm-ddTHH:MM:SS when the value has a time (midnight included). */
export function formatIsoDate(date: ParsedDate, withTime = date.time !== null): string {
  const day = `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
  if (!withTime) return day;
  const time = date.time ?? { hour: 0, minute: 0, second: 0 };
  return `${day}T${pad(time.hour, 2)}:${pad(time.minute, 2)}:${pad(time.second, 2)}`;
}

function parseIso(text: string): ParsedDate | null {
  const m = ISO.exec(text);
  if (m === null) return null;
  const date = build(+m[1]!, +m[2]!, +m[3]!, m[4], m[5], m[6], undefined);
  const offset = m[7];
  if (date === null || date.time === null || offset === undefined) return date;
  return shiftToUtc(date, offset);
}

function parseMdy(text: string): ParsedDate | null {
  const m = MDY.exec(text);
  if (m === null) return null;
  return build(+m[4]!, +m[1]!, +m[3]!, m[5], m[6], m[7], m[8]);
}

function parseMonDY(text: string): ParsedDate | null {
  const m = MON_D_Y.exec(text);
  if (m === null) return null;
  const word = m[1]!.toLowerCase();
  // A prefix of at least three letters names a month: "Jun", "June", "Sept"; "Junes" does not.
  const month = MONTHS.findIndex((name) => name.startsWith(word)) + 1;
  if (month === 0) return null;
  return build(+m[3]!, month, +m[2]!, m[4], m[5], m[6], m[7]);
}

function build(
  year: number,
  month: number,
  day: number,
  hourText: string | undefined,
  minuteText: string | undefined,
  secondText: string | undefined,
  meridiem: string | undefined,
): ParsedDate | null {
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hourText === undefined) return { year, month, day, time: null };
  let hour = +hourText;
  const minute = +(minuteText ?? 0);
  const second = +(secondText ?? 0);
  if (meridiem !== undefined) {
    if (hour < 1 || hour > 12) return null;
    const pm = meridiem.toLowerCase() === 'pm';
    hour = (hour % 12) + (pm ? 12 : 0);
  }
  if (hour > 23 || minute > 59 || second > 59) return null;
  return { year, month, day, time: { hour, minute, second } };
}

function shiftToUtc(date: ParsedDate, offset: string): ParsedDate {
  if (offset === 'Z') return date;
  const sign = offset.startsWith('-') ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  const minutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0));
  const time = date.time ?? { hour: 0, minute: 0, second: 0 };
  // setUTCFullYear, not Date.UTC, which maps years 0–99 to 1900–1999.
  const utc = new Date(0);
  utc.setUTCFullYear(date.year, date.month - 1, date.day);
  utc.setUTCHours(time.hour, time.minute - minutes, time.second, 0);
  return {
    year: utc.getUTCFullYear(),
    month: utc.getUTCMonth() + 1,
    day: utc.getUTCDate(),
    time: { hour: utc.getUTCHours(), minute: utc.getUTCMinutes(), second: utc.getUTCSeconds() },
  };
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}
