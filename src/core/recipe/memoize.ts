/** Results remembered per rewrite; beyond this, values are computed without being remembered. */
const MEMO_CAP = 65536;

/**
 * Remembers a per-value rewrite. Categorical and date columns repeat a few values across a million rows, so
 * a title-case or date parse then runs once per distinct value; a column of unique values costs one Map
 * lookup more per cell, and the memory stays bounded.
 */
export function memoize<T>(rewrite: (text: string) => T): (text: string) => T {
  const memo = new Map<string, T>();
  return (text) => {
    const known = memo.get(text);
    if (known !== undefined || memo.has(text)) return known as T;
    const value = rewrite(text);
    if (memo.size < MEMO_CAP) memo.set(text, value);
    return value;
  };
}
