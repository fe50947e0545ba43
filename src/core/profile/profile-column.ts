import { DEFAULT_MISSING_MARKERS, type ColumnType } from '../table/raw-table.ts';
import { ColumnFacts } from './column-facts.ts';
import { inferFromFacts, MIXED_NUMERIC_SHARE, type TypeInference } from './infer-column-type.ts';
import { MissingMarkers } from './missing-markers.ts';
import { summarizeNumbers, type NumericSummary } from './numeric-summary.ts';
import type { ProfileWarning } from './profile-warning.ts';
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
   * Non-missing values that are not valid for `type`: for integer and number, text among the numbers
   * ("numbers stored as text"); for date and datetime, unparsable dates. Count and up to 8 examples.
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
  values: readonly string[],
  options: ProfileColumnOptions = {},
): ColumnProfile {
  const markers =
    options.missingMarkers instanceof MissingMarkers
      ? options.missingMarkers
      : new MissingMarkers(options.missingMarkers ?? DEFAULT_MISSING_MARKERS);
  const facts = new ColumnFacts(values, markers);
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

/** The findings worth a line in the Prepare stage, in the order a user would fix them. */
function columnWarnings(p: ColumnProfile): ProfileWarning[] {
  const column = p.name;
  const warnings: ProfileWarning[] = [];
  const add = (kind: ProfileWarning['kind'], message: string) => warnings.push({ column, kind, message });
  const examples = (list: readonly string[]) =>
    list
      .slice(0, 3)
      .map((e) => JSON.stringify(e))
      .join(', ');
  if (p.missing > 0) {
    const markers = Object.entries(p.missingByMarker)
      .map(([marker, count]) => `${count} × ${marker === '' ? 'blank' : JSON.stringify(marker)}`)
      .join(', ');
    add('missing', `${column}: ${p.missing} missing (${p.missingPercent.toFixed(1)}%): ${markers}.`);
  }
  if (p.whitespacePadded > 0) {
    add('whitespace', `${column}: ${p.whitespacePadded} values have leading or trailing spaces.`);
  }
  if (p.numeric && p.unparsed.count > 0) {
    add(
      'numbers-stored-as-text',
      `${column}: numbers stored as text: ${p.unparsed.count} values are not numbers (${examples(p.unparsed.examples)}), so a strict parser reads the whole column as text.`,
    );
  }
  if (!p.numeric && p.inference.numericShare > MIXED_NUMERIC_SHARE && p.inference.numericShare < 1) {
    const share = (100 * p.inference.numericShare).toFixed(0);
    add(
      'mixed-numbers-and-text',
      `${column}: ${share}% of values are numbers and the rest text (${examples(p.inference.unparsed.examples)}): too many to treat as numbers.`,
    );
  }
  if (p.dates && p.unparsed.count > 0) {
    add(
      'unparsed-dates',
      `${column}: ${p.unparsed.count} values are not dates (${examples(p.unparsed.examples)}).`,
    );
  }
  for (const s of p.sentinels) {
    const why =
      s.rule === 'negative'
        ? 'the only negative value in a column of non-negative numbers'
        : `far from the other values (the nearest is ${s.nearest})`;
    add('sentinel', `${column}: ${s.value} appears ${s.count} times, ${why}: probably a code for "unknown".`);
  }
  if (p.numeric && p.numeric.zOutliers > 0) {
    add(
      'outliers',
      `${column}: ${p.numeric.zOutliers} values are more than 4 standard deviations from the mean.`,
    );
  }
  for (const group of p.spellingVariants) {
    const variants = group.variants.map((v) => `${JSON.stringify(v.value)} (${v.count})`).join(', ');
    add('inconsistent-spelling', `${column}: one value spelled ${group.variants.length} ways: ${variants}.`);
  }
  if (p.rows > 1 && p.missing < p.rows && p.distinct === 1) {
    add('constant', `${column}: every non-missing value is the same, so it cannot help a model.`);
  }
  return warnings;
}
