import { DEFAULT_MISSING_MARKERS, type ColumnType } from '../table/raw-table.ts';
import { ColumnFacts } from './column-facts.ts';
import { looksLikeIdName } from './looks-like-id-name.ts';
import { MissingMarkers } from './missing-markers.ts';

/** A column's guessed type, why, and how well its values fit it. */
export interface TypeInference {
  type: ColumnType;
  /** One sentence for the user, with the counts behind the guess. */
  reason: string;
  /** Non-missing values the guess was made from. */
  nonMissing: number;
  /** Share of non-missing values that are valid values of `type` (1 for category, text and id). */
  parsedShare: number;
  /** Share of non-missing values that are numbers (by the grammar of `numberSyntax`). */
  numericShare: number;
  /**
   * The values that kept the column from being cleanly the numeric or date type it mostly is: for a numeric
   * or date type, the values that do not parse; for a category that is mostly numbers (titanic `Ticket`),
   * its text values. Count, and up to 8 distinct examples in order of appearance.
   */
  unparsed: { count: number; examples: string[] };
}

export interface InferOptions {
  /** Compared after trimming. Default DEFAULT_MISSING_MARKERS. */
  missingMarkers?: readonly string[];
  /** The column's name, a hint for integer ID columns (`PassengerId`, `user_id`). */
  name?: string;
}

/** A column this numeric (share of non-missing values) is numeric; the rest are "numbers stored as text". */
export const NUMERIC_SHARE = 0.95;
/** Same tolerance for dates. */
export const DATE_SHARE = 0.95;
/** Above this share of numbers, a column that is not numeric is reported as numbers mixed with text. */
export const MIXED_NUMERIC_SHARE = 0.5;
const ID_MIN_ROWS = 10;
const NEAR_UNIQUE_MIN_ROWS = 100;
const NEAR_UNIQUE_SHARE = 0.95;
const ID_MAX_MEAN_LENGTH = 40;
const ID_MAX_WHITESPACE_SHARE = 0.05;
const TEXT_MEAN_LENGTH = 50;
const TEXT_DISTINCT_SHARE = 0.5;
const TEXT_WHITESPACE_SHARE = 0.5;

/**
 * Guesses a column's type from its non-missing, trimmed values. The rules, in order:
 *
 * 1. boolean: every value is true/false or t/f, in any case. Not yes/no (telco `Churn`, `Partner`: they are
 *    labels, and a category keeps them as written for the positive class) and not 0/1 (stays integer, so the
 *    profile still gives its mean, the positive rate).
 * 2. integer / number: at least 95% of values are numbers (`1e3`, `-0.5` and `+7` are; `1,234` is not);
 *    integer when every number is written without a point or exponent. The rest are reported in `unparsed`
 *    as numbers stored as text (bike `instant`'s one `\x11160`). An integer column is an id instead when its
 *    values are all distinct and either count rows (rise strictly from 0 or 1, like `instant`, `PassengerId`)
 *    or the column's name says id (`user_id`, `customerID`).
 * 3. date / datetime: at least 95% of values parse with `parseDate` (ISO, m/d/yyyy, `Jun 12 1998`); datetime
 *    when any has a time of day.
 * 4. id: (near-)unique short codes: every value distinct over at least 10 values (or 95% distinct over at
 *    least 100, or all distinct with an id-like name), at most 40 characters on average and almost never
 *    containing a space (telco `customerID`).
 * 5. text: long values (50+ characters on average), or mostly distinct values that mostly contain spaces
 *    (titanic `Name`, cars `Name`).
 * 6. category: everything else, including an all-missing column.
 *
 * @example
 * inferColumnType(['1', '2', '', '3']).type; // 'integer' ('' is missing)
 * inferColumnType(['Yes', 'No', 'Yes']).type; // 'category'
 * inferColumnType(['2011-01-01', '2011-01-02']).type; // 'date'
 */
export function inferColumnType(values: readonly string[], options: InferOptions = {}): TypeInference {
  const markers = new MissingMarkers(options.missingMarkers ?? DEFAULT_MISSING_MARKERS);
  return inferFromFacts(new ColumnFacts(values, markers), options.name ?? '');
}

/** {@link inferColumnType} over a column already scanned, so the profile reuses the scan. */
export function inferFromFacts(facts: ColumnFacts, name = ''): TypeInference {
  const n = facts.nonMissing;
  const numericShare = n === 0 ? 0 : facts.numeric / n;
  const none: TypeInference['unparsed'] = { count: 0, examples: [] };
  const result = (type: ColumnType, reason: string, parsedShare = 1, unparsed = none): TypeInference => ({
    type,
    reason,
    nonMissing: n,
    parsedShare,
    numericShare,
    unparsed,
  });
  if (n === 0) return result('category', `All ${facts.rows} values are missing.`);
  if (facts.booleanLike === n) return result('boolean', `All ${n} values are true/false.`);

  const textValues = { count: facts.nonNumeric, examples: facts.nonNumericExamples };
  if (numericShare >= NUMERIC_SHARE) {
    const integer = facts.integerSyntax === facts.numeric;
    const asText = facts.nonNumeric > 0 ? ` ${describeText(facts.nonNumeric, n, textValues.examples)}` : '';
    if (integer && facts.distinctNumbers === facts.numeric) {
      const first = facts.numbers[0]!;
      const counter =
        facts.numeric >= ID_MIN_ROWS && facts.strictlyIncreasing && (first === 0 || first === 1);
      if (counter || (facts.numeric >= 2 && looksLikeIdName(name))) {
        const why = counter ? 'count up from ' + first + ' row by row' : 'are distinct and the name says id';
        return result('id', `All ${facts.numeric} integers ${why}.${asText}`, numericShare, textValues);
      }
    }
    const type = integer ? 'integer' : 'number';
    const what = integer ? 'integers' : 'numbers';
    const share =
      facts.numeric === n ? `All ${n} values are ${what}.` : `${percent(numericShare)} are ${what}.`;
    return result(type, `${share}${asText}`, numericShare, textValues);
  }

  const dates = facts.dates(Math.floor(n * (1 - DATE_SHARE)) + 1);
  if (dates.parsed / n >= DATE_SHARE) {
    const type = dates.hasTime ? 'datetime' : 'date';
    const unparsed = { count: dates.failed, examples: dates.failedExamples };
    const what = dates.hasTime ? 'dates with a time' : 'dates';
    const share =
      dates.failed === 0 ? `All ${n} values are ${what}` : `${percent(dates.parsed / n)} are ${what}`;
    return result(type, `${share} (${dates.minText} to ${dates.maxText}).`, dates.parsed / n, unparsed);
  }

  const mixed = numericShare > MIXED_NUMERIC_SHARE ? textValues : none;
  const distinct = facts.counts.size;
  const meanLength = facts.totalLength / n;
  const whitespaceShare = facts.withInnerWhitespace / n;
  const counted = `${distinct} distinct values among ${n}`;
  const unique = distinct === n;
  const nearUnique =
    (unique && (n >= ID_MIN_ROWS || (n >= 2 && looksLikeIdName(name)))) ||
    (n >= NEAR_UNIQUE_MIN_ROWS && distinct >= NEAR_UNIQUE_SHARE * n);
  if (nearUnique && meanLength <= ID_MAX_MEAN_LENGTH && whitespaceShare <= ID_MAX_WHITESPACE_SHARE) {
    return result('id', `${counted}: ${unique ? 'unique' : 'nearly unique'} codes without spaces.`, 1, mixed);
  }
  if (meanLength >= TEXT_MEAN_LENGTH) {
    return result('text', `Values are ${Math.round(meanLength)} characters long on average.`, 1, mixed);
  }
  if (distinct > TEXT_DISTINCT_SHARE * n && whitespaceShare >= TEXT_WHITESPACE_SHARE) {
    return result('text', `${counted}, ${percent(whitespaceShare)} with spaces: free text.`, 1, mixed);
  }
  const numbersToo =
    mixed.count > 0 ? ` ${percent(numericShare)} are numbers: too few to call it numeric.` : '';
  return result('category', `${counted}.${numbersToo}`, 1, mixed);
}

function describeText(count: number, n: number, examples: readonly string[]): string {
  const shown = examples
    .slice(0, 3)
    .map((e) => JSON.stringify(e))
    .join(', ');
  return `${count} of ${n} ${count === 1 ? 'is' : 'are'} text (${shown}).`;
}

function percent(share: number): string {
  const p = share * 100;
  return `${p >= 99.95 && p < 100 ? p.toFixed(2) : p.toFixed(1)}%`;
}
