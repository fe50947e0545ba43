/**
 * Makes header names usable as keys: an empty name becomes `column_N` (1-based position) and a repeated name
 * gets `_2`, `_3`, ... Returns the names and one warning per change, naming the column.
 */
export function uniqueHeader(raw: readonly string[]): { names: string[]; warnings: string[] } {
  const names: string[] = [];
  const warnings: string[] = [];
  const seen = new Set<string>();
  raw.forEach((value, i) => {
    let name = value.trim() === '' ? `column_${i + 1}` : value;
    if (name !== value) warnings.push(`Column ${i + 1} has an empty header; it is named "${name}".`);
    if (seen.has(name)) {
      let k = 2;
      while (seen.has(`${name}_${k}`)) k++;
      const renamed = `${name}_${k}`;
      warnings.push(`Column ${i + 1} repeats the header "${name}"; it is named "${renamed}".`);
      name = renamed;
    }
    seen.add(name);
    names.push(name);
  });
  return { names, warnings };
}
