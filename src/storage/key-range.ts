/**
 * Every compound key that starts with `prefix`: `[datasetId]` selects all of a dataset's chunks, `[projectId]`
 * all of a project's aliases. Arrays sort after every number and string in IndexedDB's key order, so
 * `[...prefix, []]` is above any key that extends the prefix with a number or a string.
 */
export function prefixRange(...prefix: IDBValidKey[]): IDBKeyRange {
  return IDBKeyRange.bound(prefix, [...prefix, []]);
}
