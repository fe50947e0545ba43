import type { Rng } from '../random.ts';
import type { ChurnColumn, ChurnRow } from './churn-columns.ts';

/** One kind of realistic data problem planted in the sample churn CSVs. */
export interface ChurnMessItem {
  kind: 'missing' | 'inconsistent-spelling' | 'sentinel' | 'outlier' | 'number-as-text' | 'duplicate-rows';
  /** The column it affects, or null for whole rows. */
  column: ChurnColumn | null;
  /**
   * The share of the batch's distinct rows it affects (exact, rounded to a whole row count). Duplicate rows
   * copy the mess of their source, so counts over the whole file can be a row or two higher.
   */
  share: number;
  description: string;
}

/**
 * The mess in the sample churn CSVs, so that the Prepare stage has something real to find and fix. The UI and
 * the tests both read this list; the generator plants exactly what it says.
 */
export const CHURN_SAMPLE_MESS: readonly ChurnMessItem[] = [
  {
    kind: 'missing',
    column: 'total_spend',
    share: 0.03,
    description: 'total_spend is blank in about 3% of rows (accounts migrated from the old billing system).',
  },
  {
    kind: 'missing',
    column: 'satisfaction',
    share: 0.02,
    description: "satisfaction is the text 'NA' in about 2% of rows (the customer skipped the survey).",
  },
  {
    kind: 'inconsistent-spelling',
    column: 'plan',
    share: 0.05,
    description:
      "plan is in another case or has a stray space in about 5% of rows: 'premium', 'PREMIUM', ' Premium'.",
  },
  {
    kind: 'inconsistent-spelling',
    column: 'region',
    share: 0.04,
    description:
      "region is in another case or has a stray space in about 4% of rows: 'new york', 'NEW YORK', 'New York '.",
  },
  {
    kind: 'sentinel',
    column: 'monthly_fee',
    share: 0.005,
    description: 'monthly_fee is the sentinel 9999 in about 0.5% of rows (fee unknown to the CRM export).',
  },
  {
    kind: 'outlier',
    column: 'support_tickets',
    share: 0.0025,
    description:
      'support_tickets is between 40 and 60 in about 0.25% of rows (tickets opened by a monitoring bot).',
  },
  {
    kind: 'number-as-text',
    column: 'total_spend',
    share: 0.02,
    description:
      'total_spend has a thousands separator, and so is quoted ("1,234.50"), in about 2% of rows, all of them 1,000 or more.',
  },
  {
    kind: 'duplicate-rows',
    column: null,
    share: 0.01,
    description:
      'About 1% of rows are exact copies of another row (a double export), scattered through the file.',
  },
];

interface Planter {
  eligible?: (row: ChurnRow) => boolean;
  /** The messy text that replaces the clean value. */
  value: (clean: string, rng: Rng) => string;
}

/** How each item is planted, keyed by `kind:column`; items run in list order (blanks before separators). */
const PLANTERS: Record<string, Planter> = {
  'missing:total_spend': { value: () => '' },
  'missing:satisfaction': { value: () => 'NA' },
  'inconsistent-spelling:plan': { value: misspell },
  'inconsistent-spelling:region': { value: misspell },
  'sentinel:monthly_fee': { value: () => '9999' },
  'outlier:support_tickets': { value: (_, rng) => String(rng.int(40, 60)) },
  'number-as-text:total_spend': {
    eligible: (row) => row.total_spend !== '' && Number(row.total_spend) >= 1000,
    value: withThousandsSeparator,
  },
};

/**
 * How many of `totalRows` rows are duplicates.
 *
 * @example
 * churnDuplicateCount(2000); // 20
 */
export function churnDuplicateCount(totalRows: number): number {
  const item = CHURN_SAMPLE_MESS.find((m) => m.kind === 'duplicate-rows');
  return Math.round(totalRows * (item?.share ?? 0));
}

/**
 * Plants {@link CHURN_SAMPLE_MESS} into clean rows: edits `uniqueRows` in place, then returns them with
 * `duplicateCount` exact copies inserted at random places.
 *
 * @param uniqueRows Clean rows, one per customer.
 * @param duplicateCount How many copies to add (see {@link churnDuplicateCount}).
 * @param rng Each kind of mess draws from its own fork, so adding a kind leaves the others' rows unchanged.
 * @returns All rows, duplicates included.
 * @example
 * const rows = messUpChurnRows(clean, churnDuplicateCount(2000), rng.fork('mess'));
 */
export function messUpChurnRows(uniqueRows: ChurnRow[], duplicateCount: number, rng: Rng): ChurnRow[] {
  for (const item of CHURN_SAMPLE_MESS) {
    if (item.column === null) continue;
    const key = `${item.kind}:${item.column}`;
    const planter = PLANTERS[key];
    if (!planter) throw new Error(`CHURN_SAMPLE_MESS item ${key} has no planter`);
    const itemRng = rng.fork(key);
    const eligible = uniqueRows.filter((row) => planter.eligible?.(row) ?? true);
    const count = Math.min(eligible.length, Math.round(item.share * uniqueRows.length));
    const column = item.column;
    for (const row of itemRng.shuffle(eligible).slice(0, count)) {
      row[column] = planter.value(row[column], itemRng);
    }
  }

  const duplicateRng = rng.fork('duplicate-rows');
  const sources = duplicateRng.shuffle([...uniqueRows]).slice(0, duplicateCount);
  const all = [...uniqueRows];
  for (const source of sources) all.splice(duplicateRng.int(0, all.length), 0, { ...source });
  return all;
}

/** 'Premium' -> 'premium' | 'PREMIUM' | ' Premium' | 'Premium ': the variants a case/space fold merges. */
function misspell(value: string, rng: Rng): string {
  return rng.pick([value.toLowerCase(), value.toUpperCase(), ` ${value}`, `${value} `]);
}

/** '1234.50' -> '1,234.50'. Done by hand: toLocaleString depends on the user's locale. */
function withThousandsSeparator(value: string): string {
  const [whole = '', cents] = value.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+$)/g, ',');
  return cents === undefined ? grouped : `${grouped}.${cents}`;
}
