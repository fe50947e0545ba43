import { asValueCounts, type ValueCounts } from './value-counter.ts';

/** Distinct values that are probably one value spelled several ways, most frequent first. */
export interface SpellingGroup {
  /** The folded form they share. */
  key: string;
  variants: { value: string; count: number }[];
}

/** Above this many distinct values a column is free text or codes, and folding every value costs more than it tells. */
export const SPELLING_MAX_DISTINCT = 50_000;

// Everything but letters, digits and the comparison signs of interval labels ('<1' and '>=1' in the
// German credit data must stay apart).
const FOLDED_AWAY = /[^\p{L}\p{N}<>=]+/gu;

/**
 * The form values are compared in for spelling variants: lower case, with whitespace and punctuation
 * removed. `'New York'`, `'new york'` and `'NEW-YORK'` all fold to `'newyork'`; cars `'datsun 200-sx'` and
 * `'datsun 200sx'` to `'datsun200sx'`.
 *
 * @example
 * spellingKey('Datsun 200-SX'); // 'datsun200sx'
 */
export function spellingKey(value: string): string {
  return value.toLowerCase().replace(FOLDED_AWAY, '');
}

/**
 * Groups of distinct values (of a column's trimmed, non-missing values) that fold to the same
 * {@link spellingKey}. Values that fold to nothing (`'.'`, `'-'`) are left out: punctuation alone is not a
 * spelling of anything. Leading and trailing whitespace is already gone from the counts; the profile
 * reports it separately as whitespace padding.
 *
 * @param counts Count per distinct value (a Map, or the profile's ValueCounter).
 * @example
 * findSpellingVariants(new Map([['New York', 5], ['new york', 2], ['Boston', 4]]));
 * // [{ key: 'newyork', variants: [{ value: 'New York', count: 5 }, { value: 'new york', count: 2 }] }]
 */
export function findSpellingVariants(counts: ReadonlyMap<string, number> | ValueCounts): SpellingGroup[] {
  const list = asValueCounts(counts);
  if (list.size > SPELLING_MAX_DISTINCT) return [];
  const byKey = new Map<string, { value: string; count: number }[]>();
  for (let i = 0; i < list.size; i++) {
    const value = list.keyAt(i);
    const count = list.countAt(i);
    const key = spellingKey(value);
    if (key === '') continue;
    const group = byKey.get(key);
    if (group) group.push({ value, count });
    else byKey.set(key, [{ value, count }]);
  }
  const groups: SpellingGroup[] = [];
  for (const [key, variants] of byKey) {
    if (variants.length < 2) continue;
    variants.sort((a, b) => b.count - a.count);
    groups.push({ key, variants });
  }
  // The groups that touch the most rows first.
  const rowsOf = (g: SpellingGroup) => g.variants.reduce((sum, v) => sum + v.count, 0);
  return groups.sort((a, b) => rowsOf(b) - rowsOf(a));
}
