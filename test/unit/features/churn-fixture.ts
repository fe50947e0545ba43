import type { FeatureSpec } from '../../../src/core/features/feature-spec.ts';
import type { PreparedTable } from '../../../src/core/recipe/prepared-table.ts';
import { createRng } from '../../../src/core/random.ts';
import { preparedTable } from './feature-table.ts';

const CITIES = ['Paris', 'Lyon', 'Nice', 'Lille', 'Nantes', 'Brest'];
const WORDS = ['refund', 'late', 'great', 'support', 'price', 'app', 'crash', 'thanks'];

/**
 * A small churn-like prepared table exercising every transform kind, with missing cells sprinkled in every
 * column. Cells are canonical text, as a recipe leaves them.
 */
export function churnTable(rows: number, seed = 7): PreparedTable {
  const rng = createRng(seed);
  const gap = (text: string): string | null => (rng.next() < 0.1 ? null : text);
  const columns: Record<string, (string | null)[]> = {
    id: [],
    age: [],
    income: [],
    city: [],
    plan: [],
    region: [],
    signup: [],
    review: [],
    autopay: [],
    churned: [],
  };
  for (let r = 0; r < rows; r++) {
    columns.id!.push(`C${1000 + r}`);
    columns.age!.push(gap(String(rng.int(18, 80))));
    columns.income!.push(gap(String(Math.round(rng.normal(3000, 900) * 100) / 100)));
    columns.city!.push(gap(rng.pick(CITIES)));
    columns.plan!.push(gap(rng.pick(['basic', 'plus', 'pro'])));
    columns.region!.push(gap(rng.pick(['north', 'south', 'east', 'west'])));
    const day = String(rng.int(1, 28)).padStart(2, '0');
    const hour = String(rng.int(0, 23)).padStart(2, '0');
    columns.signup!.push(gap(`202${rng.int(0, 4)}-0${rng.int(1, 9)}-${day}T${hour}:15:00`));
    columns.review!.push(gap(Array.from({ length: rng.int(0, 6) }, () => rng.pick(WORDS)).join(' ')));
    columns.autopay!.push(gap(rng.next() < 0.5 ? 'true' : 'false'));
    columns.churned!.push(rng.next() < 0.3 ? 'yes' : 'no');
  }
  return preparedTable(columns);
}

/** A spec with one transform of every kind. */
export const CHURN_SPEC: FeatureSpec = {
  target: 'churned',
  task: 'binary',
  transforms: [
    { kind: 'drop', column: 'id' },
    { kind: 'numeric', column: 'age', impute: 'median', scale: 'standardize' },
    {
      kind: 'numeric',
      column: 'income',
      impute: 'mean',
      scale: 'minmax',
      log1p: true,
      clip: { quantiles: [0.05, 0.95] },
    },
    { kind: 'numeric', column: 'income', impute: 'median', scale: 'none', bins: 4 },
    { kind: 'onehot', column: 'city', topK: 4 },
    { kind: 'ordinal', column: 'plan', order: ['basic', 'plus', 'pro'] },
    { kind: 'frequency', column: 'region' },
    {
      kind: 'datetime',
      column: 'signup',
      parts: ['year', 'month', 'day', 'weekday', 'hour', 'is_weekend', 'days_since'],
    },
    { kind: 'tfidf', column: 'review', maxVocab: 5 },
    { kind: 'boolean', column: 'autopay' },
  ],
};

/** The table's rows as JSON records, as a serving request would send them (numbers as numbers). */
export function recordsOf(
  table: PreparedTable,
  numeric: readonly string[] = ['age', 'income'],
): Record<string, unknown>[] {
  const rows = table.columns[0]?.length ?? 0;
  return Array.from({ length: rows }, (_, r) => {
    const record: Record<string, unknown> = {};
    table.names.forEach((name, c) => {
      const cell = table.columns[c]![r]!;
      record[name] = cell !== null && numeric.includes(name) ? Number(cell) : cell;
    });
    return record;
  });
}
