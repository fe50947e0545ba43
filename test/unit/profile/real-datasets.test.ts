// Profiles every dataset in ../shared/data/real and checks the counts against PROFILE.json, which
// ../shared/data/scripts/profile_real.py computed with pandas 1.5 / numpy 1.24 from the raw text. The facts
// used are copied into test/fixtures/profile-facts (one file per dataset, with the SHA-256 of the data file
// they describe), so the facts travel with the repository; only the data files do not. Where ../shared/data
// is absent, each file-reading test is skipped and says so in its title.
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ingestCsv } from '../../../src/core/ingest/index.ts';
import {
  guessTaskType,
  leakageWarnings,
  parseNumber,
  profileColumn,
  profileTable,
  type ColumnProfile,
  type TableProfile,
  type TypedTable,
} from '../../../src/core/profile/index.ts';
import type { TypedColumn } from '../../../src/core/table/typed-column.ts';
import { DEFAULT_MISSING_MARKERS, type RawTable } from '../../../src/core/table/raw-table.ts';

const here = dirname(fileURLToPath(import.meta.url));
const FACTS_DIR = resolve(here, '../../fixtures/profile-facts');
const DATA_DIR = resolve(here, '../../../../shared/data/real');

interface ColumnFacts {
  kind: 'numeric' | 'numeric-with-text' | 'datetime-text' | 'categorical/text';
  missing_markers?: Record<string, number>;
  leading_trailing_ws?: number;
  min?: number | string;
  max?: number | string;
  iqr_outliers?: number;
  abs_z_gt_4?: number;
  unique?: number;
  top?: Record<string, number>;
  non_numeric_examples?: string[];
  non_numeric_count?: number;
}

interface DatasetFacts {
  dataset: string;
  file: string;
  sha256: string;
  rows: number;
  cols: number;
  target: string;
  task: 'binary' | 'multiclass' | 'regression';
  duplicate_rows: number;
  duplicate_rows_ignoring_unique_id_cols: number;
  columns: Record<string, ColumnFacts>;
}

const ADULT_COLUMNS = [
  'age',
  'workclass',
  'fnlwgt',
  'education',
  'education-num',
  'marital-status',
  'occupation',
  'relationship',
  'race',
  'sex',
  'capital-gain',
  'capital-loss',
  'hours-per-week',
  'native-country',
  'income',
];

/** How each file must be read (data/README.md lists the traps). */
const READ_OPTIONS: Record<string, { quote?: string; header?: string[]; skipFirstLine?: boolean }> = {
  // No header, and `, ` separators: every field after the first keeps a leading space.
  'adult.data': { header: ADULT_COLUMNS },
  // The same, after a junk first line "|1x3 Cross validator".
  'adult.test': { header: ADULT_COLUMNS, skipFirstLine: true },
  // Single-quote quoting: 'no checking', '<0'.
  'german_credit_risk.csv': { quote: "'" },
};

/** Sentinels named by data/README.md; the rule must find these and nothing else in these files. */
const EXPECTED_SENTINELS: Record<string, string[]> = {
  adult_train: ['capital-gain=99999'],
  adult_test: ['capital-gain=99999'],
  bank_marketing_full: ['pdays=-1'],
};

/** Leakage named by data/README.md and LIFECYCLE.md §1. */
const EXPECTED_LEAKAGE: Record<string, string[][]> = {
  seaborn_titanic: [['alive']],
  bike_sharing_hour: [['casual', 'registered']],
};

const factFiles = readdirSync(FACTS_DIR).filter((f) => f.endsWith('.json'));
const allFacts = factFiles.map((f) => JSON.parse(readFileSync(join(FACTS_DIR, f), 'utf8')) as DatasetFacts);

/** The file's bytes, with a header line put in front and a junk first line taken out where needed. */
async function* fileBytes(facts: DatasetFacts): AsyncIterable<Uint8Array> {
  const options = READ_OPTIONS[facts.file] ?? {};
  if (options.header) yield new TextEncoder().encode(`${options.header.join(',')}\n`);
  let skipping = options.skipFirstLine ?? false;
  for await (const chunk of createReadStream(join(DATA_DIR, facts.file)) as AsyncIterable<Buffer>) {
    if (!skipping) {
      yield chunk;
      continue;
    }
    const lf = chunk.indexOf(10);
    if (lf < 0) continue;
    skipping = false;
    yield chunk.subarray(lf + 1);
  }
}

async function readTable(facts: DatasetFacts): Promise<RawTable> {
  const options = READ_OPTIONS[facts.file] ?? {};
  const columns: string[][] = [];
  const result = await ingestCsv(fileBytes(facts), {
    delimiter: ',',
    quote: options.quote ?? '"',
    onChunk: (chunk) => {
      chunk.columns.forEach((values, c) => {
        const column = (columns[c] ??= []);
        for (const value of values) column.push(value);
      });
    },
  });
  return { names: result.header, columns };
}

/** The same file read into typed columns (issue 18), for the typed profile to be checked against. */
async function readTypedTable(facts: DatasetFacts): Promise<TypedTable> {
  const options = READ_OPTIONS[facts.file] ?? {};
  let columns: TypedColumn[] = [];
  const result = await ingestCsv(fileBytes(facts), {
    delimiter: ',',
    quote: options.quote ?? '"',
    chunkRows: Infinity,
    onTypedChunk: (chunk) => void (columns = chunk.columns),
  });
  return { names: result.header, columns };
}

function sha256Of(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** PROFILE.json spells the blank marker '<blank>'; ours is ''. */
const markerName = (marker: string) => (marker === '<blank>' ? '' : marker);

function checkNumeric(name: string, values: readonly string[], p: ColumnProfile, f: ColumnFacts): void {
  // PassengerId is an id here and a plain number in PROFILE.json: profile it as an integer to compare.
  const numeric = p.numeric ? p : profileColumn(name, values, { type: 'integer' });
  const n = numeric.numeric!;
  expect(['integer', 'number', 'id'], `${name} type`).toContain(p.type);
  expect(n.min, `${name} min`).toBe(f.min);
  expect(n.max, `${name} max`).toBe(f.max);
  expect(n.iqr.outliers, `${name} IQR outliers`).toBe(f.iqr_outliers);
  expect(n.zOutliers, `${name} |z| > 4`).toBe(f.abs_z_gt_4);
  expect(numeric.distinct, `${name} distinct`).toBe(f.unique);
  expect(numeric.unparsed.count, `${name} unparsed`).toBe(0);
}

function checkTop(name: string, p: ColumnProfile, top: Record<string, number>): void {
  const lowest = p.topValues[p.topValues.length - 1]?.count ?? 0;
  for (const [value, count] of Object.entries(top)) {
    const trimmed = value.trim();
    if (DEFAULT_MISSING_MARKERS.includes(trimmed)) continue;
    const ours = p.topValues.find((t) => t.value === trimmed);
    // PROFILE.json keeps 6 and we keep 10, so a value can be missing from ours only by losing a tie.
    if (ours) expect(ours.count, `${name} top ${JSON.stringify(value)}`).toBe(count);
    else
      expect(count, `${name} top ${JSON.stringify(value)} dropped only on a tie`).toBeLessThanOrEqual(lowest);
  }
}

function checkColumn(table: RawTable, profile: TableProfile, name: string, f: ColumnFacts): void {
  const c = table.names.indexOf(name);
  const values = table.columns[c]!;
  const p = profile.columns[c]!;
  for (const [marker, count] of Object.entries(f.missing_markers ?? {})) {
    const m = markerName(marker);
    // Non-default markers (bank's "unknown") are counted by profiling with that marker added.
    const counted = DEFAULT_MISSING_MARKERS.includes(m)
      ? p
      : profileColumn(name, values, { missingMarkers: [...DEFAULT_MISSING_MARKERS, m] });
    expect(counted.missingByMarker[m], `${name} missing ${JSON.stringify(marker)}`).toBe(count);
  }
  expect(p.whitespacePadded, `${name} whitespace-padded`).toBe(f.leading_trailing_ws ?? 0);

  if (f.kind === 'numeric') {
    checkNumeric(name, values, p, f);
  } else if (f.kind === 'numeric-with-text') {
    expect(p.inference.unparsed.count, `${name} non-numeric count`).toBe(f.non_numeric_count);
    for (const example of f.non_numeric_examples ?? []) expect(parseNumber(example), example).toBeNaN();
    const kinds = p.warnings.map((w) => w.kind);
    const expected = p.inference.numericShare >= 0.95 ? 'numbers-stored-as-text' : 'mixed-numbers-and-text';
    expect(kinds, `${name} warning`).toContain(expected);
  } else if (f.kind === 'datetime-text') {
    expect(['date', 'datetime'], `${name} type`).toContain(p.type);
    expect(p.dates, `${name} range`).toMatchObject({ min: f.min, max: f.max });
    expect(p.distinct, `${name} distinct`).toBe(f.unique);
  } else {
    expect(['date', 'datetime', 'integer', 'number'], `${name} type`).not.toContain(p.type);
    expect(p.distinct, `${name} distinct`).toBe(f.unique);
    if (f.top) checkTop(name, p, f.top);
  }
}

describe('profiles of the real datasets, checked against PROFILE.json', () => {
  for (const facts of allFacts) {
    const path = join(DATA_DIR, facts.file);
    const present = existsSync(path);
    const title = `profiles ${facts.dataset}${present ? '' : ' (skipped: ../shared/data absent)'}`;
    it.skipIf(!present)(
      title,
      async () => {
        expect(sha256Of(path), `${facts.file} is the file the facts describe`).toBe(facts.sha256);
        const table = await readTable(facts);
        expect(table.names).toEqual(Object.keys(facts.columns));
        const profile = profileTable(table);
        expect(profile.rows).toBe(facts.rows);
        expect(profile.duplicateRows).toBe(facts.duplicate_rows);
        expect(profile.duplicateRowsIgnoringIds).toBe(facts.duplicate_rows_ignoring_unique_id_cols);
        for (const [name, columnFacts] of Object.entries(facts.columns))
          checkColumn(table, profile, name, columnFacts);

        const sentinels = profile.columns.flatMap((p) => p.sentinels.map((s) => `${p.name}=${s.value}`));
        expect(sentinels, 'sentinels').toEqual(EXPECTED_SENTINELS[facts.dataset] ?? []);

        const types = Object.fromEntries(profile.columns.map((p) => [p.name, p.type]));
        const leaks = leakageWarnings(table, facts.target, types)
          .filter((w) => w.kind === 'leakage')
          .map((w) => w.columns ?? [w.column!]);
        expect(leaks, 'leakage').toEqual(EXPECTED_LEAKAGE[facts.dataset] ?? []);

        const target = table.columns[table.names.indexOf(facts.target)]!;
        // The rule (more than 20 distinct whole numbers is regression) agrees with data/README.md on every
        // dataset, bike cnt, california median_house_value and diabetes progression included.
        expect(guessTaskType(target), 'task type').toBe(facts.task);

        // The typed path (no string per cell) profiles the file to the same facts, field for field.
        const typed = await readTypedTable(facts);
        expect(typed.columns.map((c) => c.toStrings())).toEqual(table.columns);
        expect(profileTable(typed), 'typed profile').toEqual(profile);
      },
      60_000,
    );
  }
});

describe('facts from data/README.md', () => {
  const read = async (dataset: string) => {
    const facts = allFacts.find((f) => f.dataset.startsWith(dataset))!;
    const table = await readTable(facts);
    return { table, profile: profileTable(table) };
  };
  const present = (file: string) => existsSync(join(DATA_DIR, file));
  const skipped = (file: string) => (present(file) ? '' : ' (skipped: ../shared/data absent)');
  const column = (profile: TableProfile, name: string) => profile.columns.find((p) => p.name === name)!;

  it.skipIf(!present('telco_customer_churn.csv'))(
    `types telco TotalCharges as a number once its 11 blanks are missing${skipped('telco_customer_churn.csv')}`,
    async () => {
      const { profile } = await read('telco');
      const totalCharges = column(profile, 'TotalCharges');
      expect(totalCharges.type).toBe('number');
      expect(totalCharges.missingByMarker).toEqual({ '': 11 });
      expect(totalCharges.unparsed.count).toBe(0);
      expect(totalCharges.warnings.map((w) => w.kind)).not.toContain('numbers-stored-as-text');
      expect(column(profile, 'customerID').type).toBe('id');
      expect(column(profile, 'Churn').type).toBe('category');
    },
    60_000,
  );

  it.skipIf(!present('bike_sharing_hour.csv'))(
    `reports bike instant's stray control byte as a number stored as text${skipped('bike_sharing_hour.csv')}`,
    async () => {
      const { profile } = await read('bike');
      const instant = column(profile, 'instant');
      expect(instant.type).toBe('id');
      expect(instant.unparsed).toEqual({ count: 1, examples: ['\u001160'] });
      expect(column(profile, 'dteday').type).toBe('date');
      expect(column(profile, 'dteday').dates).toMatchObject({ min: '2011-01-01', max: '2012-12-31' });
    },
    60_000,
  );

  it.skipIf(!present('derived/vega_cars.csv'))(
    `finds the cars name spelling variants${skipped('derived/vega_cars.csv')}`,
    async () => {
      const { profile } = await read('vega_cars');
      const groups = column(profile, 'Name').spellingVariants.map((g) =>
        g.variants.map((v) => v.value).sort(),
      );
      expect(groups).toContainEqual(['datsun 200-sx', 'datsun 200sx']);
      expect(groups).toContainEqual(['audi 100 ls', 'audi 100ls']);
      // 8 cars without Miles_per_Gallon: the target is missing there.
      expect(column(profile, 'Miles_per_Gallon').missing).toBe(8);
      expect(column(profile, 'Year').type).toBe('date');
    },
    60_000,
  );

  it.skipIf(!present('adult.data'))(
    `counts adult's leading spaces as padding, not as part of the values${skipped('adult.data')}`,
    async () => {
      const { profile } = await read('adult_train');
      const workclass = column(profile, 'workclass');
      expect(workclass.whitespacePadded).toBe(32561);
      expect(workclass.missingByMarker).toEqual({ '?': 1836 });
      expect(workclass.topValues[0]).toEqual({ value: 'Private', count: 22696 });
      expect(column(profile, 'age').whitespacePadded).toBe(0);
      expect(column(profile, 'capital-gain').sentinels).toMatchObject([
        { value: 99999, count: 159, rule: 'far' },
      ]);
    },
    60_000,
  );

  it.skipIf(!present('bank_marketing_full.csv'))(
    `flags bank pdays = -1 as a sentinel${skipped('bank_marketing_full.csv')}`,
    async () => {
      const { profile } = await read('bank');
      expect(column(profile, 'pdays').sentinels).toMatchObject([
        { value: -1, count: 36954, rule: 'negative' },
      ]);
    },
    60_000,
  );
});
