/**
 * The names with repeats made unique by a " #2", " #3", … suffix (first come keeps its name), so that two
 * transforms of one column ("age" scaled and "age" as a frequency) still get distinct feature names.
 *
 * @example
 * uniqueNames(['age', 'age', 'city']); // ['age', 'age #2', 'city']
 */
export function uniqueNames(names: readonly string[]): string[] {
  const taken = new Set(names);
  const seen = new Set<string>();
  return names.map((name) => {
    if (!seen.has(name)) {
      seen.add(name);
      return name;
    }
    let k = 2;
    while (taken.has(`${name} #${k}`)) k++;
    const unique = `${name} #${k}`;
    taken.add(unique);
    return unique;
  });
}
