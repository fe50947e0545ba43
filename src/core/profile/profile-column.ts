import { DEFAULT_MISSING_MARKERS, type ColumnType } from '../table/raw-table.ts';
import { ColumnFacts } from './column-facts.ts';
import { columnWarnings } from './column-warnings.ts';
import { inferFromFacts, NUMERIC_SHARE, type TypeInference } from './infer-column-type.ts';
import { MissingMarkers } from './missing-markers.ts';
import type { NumberScratch } from './number-scratch.ts';
import { summarizeNumbers, type NumericSummary } from './numeric-summary.ts';
import type { ProfileWarning } from './profile-warning.ts';
import type { TypedColumn } from '../table/typed-column.ts';
import { findSentinels, type SentinelSuspect } from './sentinel-suspects.ts';
import { findSpellingVariants, type SpellingGroup } from './spelling-variants.ts';
import { topSortedValues, topValues, type ValueCount } from './top-values.ts';

/** The earliest and latest value of a date or datetime column. */
export interface DateRange {
  /** As written in the file (trimmed). */
  min: string;
  max: string;
  /** Milliseconds since the epoch, UTC (see parseDate). */
  minMs: number;
  maxMs: number;
}

/** Everything the Prepare stage shows about one column. */
export interface ColumnProfile {
  name: string;
  /** The type in force: the override when one was given, else the inferred one. */
  type: ColumnType;
  /** The guess, kept even when overridden, so the UI can show both. */
  inference: TypeInference;
  rows: number;
  missing: number;
  /** 0-100. */
  missingPercent: number;
  /** Cells per marker (trimmed, `''` for blank or whitespace-only), only markers that occur. */
  missingByMarker: Record<string, number>;
  /** Cells with leading or trailing whitespace, missing ones included (adult's `, ` separator pads every field). */
  whitespacePadded: number;
  /**
   * Distinct non-missing values: as numbers for integer and number columns (`'1'` and `'1.0'` are one value,
   * as pandas' `nunique` counts them), as trimmed text otherwise.
   */
  distinct: number;
  /** Up to 10 most frequent non-missing values (trimmed; for numeric columns, as `String(number)`). */
  topValues: ValueCount[];
  /**
   * Non-missing values that are not valid for `type`: for integer and number (and an id of numbers), text
   * among the numbers ("numbers stored as text"); for date and datetime, unparsable dates. Count and up to
   * 8 examples.
   */
  unparsed: { count: number; examples: string[] };
  /** For integer and number columns. */
  numeric: NumericSummary | null;
  /** For date and datetime columns. */
  dates: DateRange | null;
  /** For integer and number columns. */
  sentinels: SentinelSuspect[];
  /** For category, text and boolean columns. */
  spellingVariants: SpellingGroup[];
  warnings: ProfileWarning[];
}

export interface ProfileColumnOptions {
  /** Overrides the inferred type. */
  type?: ColumnType;
  /** Compared after trimming. Default DEFAULT_MISSING_MARKERS. */
  missingMarkers?: readonly string[] | MissingMarkers;
  /** Buffers reused across the columns of a table (profileTable passes one). */
  scratch?: NumberScratch;
}

/**
 * Profiles one column of raw strings in a single scan plus, for numeric columns, one sort. See the fields
 * of {@link ColumnProfile} for the definitions; statistics follow pandas/numpy conventions (sample std,
 * linear quantiles) so they can be checked against ../shared/data/real/PROFILE.json.
 *
 * @example
 * const p = profileColumn('age', ['22', '38', '', '26', '35']);
 * p.type; // 'integer'
 * p.missing; // 1
 * p.numeric?.quantiles.p50; // 30.5
 */
export function profileColumn(
  name: string,
  values: readonly string[] | TypedColumn,
  options: ProfileColumnOptions = {},
): ColumnProfile {
  const markers =
    options.missingMarkers instanceof MissingMarkers
      ? options.missingMarkers
      : new MissingMarkers(options.missingMarkers ?? DEFAULT_MISSING_MARKERS);
  const facts = new ColumnFacts(values, markers, options.scratch);
  const inference = inferFromFacts(facts, name);
  const type = options.type ?? inference.type;
  const isNumeric = type === 'integer' || type === 'number';
  const isDate = type === 'date' || type === 'datetime';

  const missingByMarker: Record<string, number> = {};
  markers.markers.forEach((marker, i) => {
    const count = facts.missingByMarker[i]!;
    if (count > 0) missingByMarker[marker] = count;
  });

  let numeric: NumericSummary | null = null;
  let sentinels: SentinelSuspect[] = [];
  let dates: DateRange | null = null;
  let unparsed = { count: 0, examples: [] as string[] };
  let distinct: number;
  let top: ValueCount[];
  let spellingVariants: SpellingGroup[] = [];
  if (isNumeric) {
    numeric = summarizeNumbers(facts.numbers, facts.sortedNumbers);
    sentinels = findSentinels(facts.sortedNumbers);
    unparsed = { count: facts.nonNumeric, examples: facts.nonNumericExamples };
    distinct = numeric?.distinct ?? 0;
    top = topSortedValues(facts.sortedNumbers);
  } else {
    // An ID column of numbers with a stray text value (bike `instant`) still has numbers stored as text.
    if (inference.numericShare >= NUMERIC_SHARE && facts.nonNumeric > 0) {
      unparsed = { count: facts.nonNumeric, examples: facts.nonNumericExamples };
    }
    distinct = facts.counts.size;
    top = topValues(facts.counts);
    if (type === 'category' || type === 'text' || type === 'boolean') {
      spellingVariants = findSpellingVariants(facts.counts);
    }
    if (isDate) {
      const scan = facts.dates();
      unparsed = { count: scan.failed, examples: scan.failedExamples };
      if (scan.parsed > 0) {
        dates = { min: scan.minText, max: scan.maxText, minMs: scan.minMs, maxMs: scan.maxMs };
      }
    }
  }

  const profile: ColumnProfile = {
    name,
    type,
    inference,
    rows: facts.rows,
    missing: facts.missing,
    missingPercent: facts.rows === 0 ? 0 : (100 * facts.missing) / facts.rows,
    missingByMarker,
    whitespacePadded: facts.whitespacePadded,
    distinct,
    topValues: top,
    unparsed,
    numeric,
    dates,
    sentinels,
    spellingVariants,
    warnings: [],
  };
  profile.warnings = columnWarnings(profile);
  return profile;
}
