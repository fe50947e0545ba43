import { parseDateText } from '../recipe/parse-date.ts';

/** A date's fields, written into a reused object so that reading a column allocates nothing per cell. */
export interface DateFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** False for a date without a time (the time fields are then 0). */
  hasTime: boolean;
}

/** A fresh {@link DateFields} to read into. */
export function dateFields(): DateFields {
  return { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0, hasTime: false };
}

/**
 * Reads a cell as the recipe's `parseDateText(text, 'auto')` does, into `into`.
 * The canonical forms a recipe cast writes, yyyy-mm-dd and yyyy-mm-ddTHH:MM:SS, are read straight from their
 * character codes (with the same validity checks); every other form goes to `parseDateText`.
 *
 * @returns False when the cell is missing or not a valid date (`into` is then unspecified).
 */
export function readDateInto(cell: string | null, into: DateFields): boolean {
  if (cell === null) return false;
  const length = cell.length;
  if ((length === 10 || length === 19) && readCanonical(cell, length, into)) return true;
  const date = parseDateText(cell, 'auto');
  if (date === null) return false;
  into.year = date.year;
  into.month = date.month;
  into.day = date.day;
  into.hasTime = date.time !== null;
  into.hour = date.time?.hour ?? 0;
  into.minute = date.time?.minute ?? 0;
  into.second = date.time?.second ?? 0;
  return true;
}

function readCanonical(text: string, length: number, into: DateFields): boolean {
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return false;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return false;
  let hour = 0;
  let minute = 0;
  let second = 0;
  if (length === 19) {
    const separator = text.charCodeAt(10);
    if (
      (separator !== 84 /* T */ && separator !== 32) ||
      text.charCodeAt(13) !== 58 ||
      text.charCodeAt(16) !== 58
    ) {
      return false;
    }
    hour = digitsAt(text, 11, 2);
    minute = digitsAt(text, 14, 2);
    second = digitsAt(text, 17, 2);
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return false;
  }
  into.year = year;
  into.month = month;
  into.day = day;
  into.hour = hour;
  into.minute = minute;
  into.second = second;
  into.hasTime = length === 19;
  return true;
}

/** The decimal number written by `count` ASCII digits from `start`, or −1 when one of them is not a digit. */
function digitsAt(text: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
