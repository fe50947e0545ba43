/** Two samples' counts over the sorted union of their categories, as the drift oracle tabulates them. */
export interface CategoryCounts {
  /** Every category of either sample, in Python's `sorted` order (by code point). */
  categories: string[];
  countReference: number[];
  countCurrent: number[];
  /** In current, never in reference (the oracle's `new_categories`). */
  newCategories: string[];
  /** In reference, never in current (the oracle's `missing_categories`). */
  missingCategories: string[];
}

/**
 * Counts each category in both samples over the sorted union of categories. The order matters only for the
 * output (PSI, Jensen–Shannon and chi-square do not depend on it); it is the oracle's, code-point order, so
 * the per-category terms line up with its `psi_terms`.
 *
 * @example
 * categoryCounts(['a', 'b', 'a'], ['b', 'c']);
 * // { categories: ['a', 'b', 'c'], countReference: [2, 1, 0], countCurrent: [0, 1, 1],
 * //   newCategories: ['c'], missingCategories: ['a'] }
 */
export function categoryCounts(reference: readonly string[], current: readonly string[]): CategoryCounts {
  // Maps, not objects: a category called "__proto__" must count like any other.
  const ref = tally(reference);
  const cur = tally(current);
  const categories = [...new Set([...ref.keys(), ...cur.keys()])].sort(compareCodePoints);
  return {
    categories,
    countReference: categories.map((c) => ref.get(c) ?? 0),
    countCurrent: categories.map((c) => cur.get(c) ?? 0),
    newCategories: categories.filter((c) => !ref.has(c)),
    missingCategories: categories.filter((c) => !cur.has(c)),
  };
}

function tally(values: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

/** Python's string order: by code point (JavaScript's `<` compares UTF-16 units, which differs past U+FFFF). */
function compareCodePoints(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
  }
  return x.length - y.length;
}
