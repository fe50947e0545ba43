const DAY_MS = 86_400_000;
const DASH = 45;
const COLON = 58;
const SPACE = 32;
const UPPER_T = 84;
const ZERO = 48;

// ISO 8601 calendar date, optionally with a time (after 'T' or a space) and a zone. No zone means UTC:
// the data is read as written, never shifted into the browser's time zone.
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/;
// US month/day/year, as spreadsheets export it; an optional 24-hour time.
const US = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
// "Jun 12 1998", "June 12, 1998", "Sept. 3 2001".
const NAMED = /^([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})$/;
const TIME_OF_DAY = /\d:\d\d/;

const MONTHS = new Map<string, number>([
  ['jan', 1],
  ['feb', 2],
  ['mar', 3],
  ['apr', 4],
  ['may', 5],
  ['jun', 6],
  ['jul', 7],
  ['aug', 8],
  ['sep', 9],
  ['sept', 9],
  ['oct', 10],
  ['nov', 11],
  ['dec', 12],
  ['january', 1],
  ['february', 2],
  ['march', 3],
  ['april', 4],
  ['june', 6],
  ['july', 7],
  ['august', 8],
  ['september', 9],
  ['october', 10],
  ['november', 11],
  ['december', 12],
]);

/**
 * Parses a date or date-time cell to milliseconds since 1970-01-01T00:00:00Z, or NaN. Three formats, as the
 * spec lists them: ISO `yyyy-mm-dd` (optionally with `HH:MM[:SS[.fff]]` after `T` or a space, and a `Z` or
 * `±HH:MM` zone), US `m/d/yyyy` (optionally with a time), and `Jun 12 1998` (also `June 12, 1998`).
 * A time without a zone is taken as UTC, so the same file gives the same numbers in every time zone.
 * Impossible dates (`2021-02-30`, `13/1/2020`) are NaN rather than rolled over as `Date.UTC` would.
 *
 * @example
 * parseDate('2011-01-01'); // 1293840000000
 * parseDate('1/2/2011'); // 1293926400000 (2 January: month first)
 * parseDate('Jun 12 1998'); // 897609600000
 * parseDate('2019-03-23 20:21:09'); // 1553372469000
 */
export function parseDate(text: string): number {
  const s = text.trim();
  const fast = fastIso(s);
  if (fast !== undefined) return fast;
  let m = ISO.exec(s);
  if (m) {
    const ms = civilMs(+m[1]!, +m[2]!, +m[3]!, m[4], m[5], m[6], m[7]);
    return m[8] === undefined ? ms : ms - zoneOffsetMs(m[8]);
  }
  m = US.exec(s);
  if (m) return civilMs(+m[3]!, +m[1]!, +m[2]!, m[4], m[5], m[6], undefined);
  m = NAMED.exec(s);
  if (m) {
    const month = MONTHS.get(m[1]!.toLowerCase());
    return month === undefined
      ? NaN
      : civilMs(+m[3]!, month, +m[2]!, undefined, undefined, undefined, undefined);
  }
  return NaN;
}

/**
 * Whether a date cell carries a time of day (`HH:MM`), which makes its column a datetime rather than a date.
 *
 * @example
 * hasTimeOfDay('2019-03-23 20:21:09'); // true
 * hasTimeOfDay('2019-03-23'); // false
 */
export function hasTimeOfDay(text: string): boolean {
  return TIME_OF_DAY.test(text);
}

/**
 * `yyyy-mm-dd` and `yyyy-mm-dd HH:MM:SS` (or with `T`), the two shapes of nearly every date column, read
 * from char codes without a regex match; undefined for anything else, which then goes to the regexes.
 */
function fastIso(s: string): number | undefined {
  const n = s.length;
  if (n !== 10 && n !== 19) return undefined;
  if (s.charCodeAt(4) !== DASH || s.charCodeAt(7) !== DASH) return undefined;
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 2);
  const day = digits(s, 8, 2);
  if (year < 0 || month < 0 || day < 0) return undefined;
  if (n === 10) return civilMs(year, month, day, undefined, undefined, undefined, undefined);
  const sep = s.charCodeAt(10);
  if ((sep !== SPACE && sep !== UPPER_T) || s.charCodeAt(13) !== COLON || s.charCodeAt(16) !== COLON) {
    return undefined;
  }
  const hour = digits(s, 11, 2);
  const minute = digits(s, 14, 2);
  const second = digits(s, 17, 2);
  if (hour < 0 || minute < 0 || second < 0) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return NaN;
  const date = civilMs(year, month, day, undefined, undefined, undefined, undefined);
  return date + ((hour * 60 + minute) * 60 + second) * 1000;
}

/** The decimal value of `count` digits at `start`, or -1 if any is not a digit. */
function digits(s: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const d = s.charCodeAt(i) - ZERO;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

function civilMs(
  year: number,
  month: number,
  day: number,
  hour: string | undefined,
  minute: string | undefined,
  second: string | undefined,
  fraction: string | undefined,
): number {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NaN;
  const h = hour === undefined ? 0 : +hour;
  const mi = minute === undefined ? 0 : +minute;
  const sec = second === undefined ? 0 : +second;
  if (h > 23 || mi > 59 || sec > 59) return NaN;
  const frac = fraction === undefined ? 0 : Math.round(Number(`0.${fraction}`) * 1000);
  return daysFromCivil(year, month, day) * DAY_MS + ((h * 60 + mi) * 60 + sec) * 1000 + frac;
}

function zoneOffsetMs(zone: string): number {
  if (zone === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = +digits.slice(0, 2);
  const minutes = digits.length > 2 ? +digits.slice(2) : 0;
  return sign * (hours * 60 + minutes) * 60_000;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil). Plain arithmetic rather
 * than `Date.UTC`, which allocates nothing either but maps years 0-99 to 1900-1999.
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}
