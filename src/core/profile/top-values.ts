import { asValueCounts, type ValueCounts } from './value-counter.ts';

/** A value and how many non-missing cells hold it. */
export interface ValueCount {
  value: string;
  count: number;
}

/** How many top values a profile keeps. */
export const TOP_VALUES = 10;

/**
 * The `k` most frequent values of a count map (or ValueCounter), most frequent first; ties keep the order
 * of first appearance (the map's order), so the result does not depend on the sort algorithm.
 *
 * @example
 * topValues(new Map([['a', 1], ['b', 3], ['c', 1]]), 2); // [{ value: 'b', count: 3 }, { value: 'a', count: 1 }]
 */
export function topValues(counts: ReadonlyMap<string, number> | ValueCounts, k = TOP_VALUES): ValueCount[] {
  const list = asValueCounts(counts);
  const top: ValueCount[] = [];
  for (let i = 0; i < list.size; i++) {
    const count = list.countAt(i);
    if (top.length < k || count > top[top.length - 1]!.count) insertTop(top, k, list.keyAt(i), count);
  }
  return top;
}

/**
 * The `k` most frequent values of ascending numbers, read off their runs without a map (a numeric column
 * can have a million distinct values); ties go to the smaller number. Values are written with `String(x)`,
 * so `'1.0'` and `'1'` in the file are both counted as `'1'`.
 *
 * @example
 * topSortedValues(Float64Array.of(1, 2, 2, 3), 1); // [{ value: '2', count: 2 }]
 */
export function topSortedValues(sorted: Float64Array, k = TOP_VALUES): ValueCount[] {
  const top: ValueCount[] = [];
  let start = 0;
  for (let i = 1; i <= sorted.length; i++) {
    if (i < sorted.length && sorted[i] === sorted[start]) continue;
    const count = i - start;
    // Only runs that beat the current k-th count need a string.
    if (top.length < k || count > top[top.length - 1]!.count) insertTop(top, k, String(sorted[start]), count);
    start = i;
  }
  return top;
}

/** Inserts into a list kept sorted by count, descending, stable for equal counts, at most k long. */
function insertTop(top: ValueCount[], k: number, value: string, count: number): void {
  if (top.length === k && count <= top[k - 1]!.count) return;
  let at = top.length;
  while (at > 0 && top[at - 1]!.count < count) at--;
  top.splice(at, 0, { value, count });
  if (top.length > k) top.pop();
}
