/**
 * How messages point at a record: "datasets.json: record 3 (id 'd-1')". Records are counted from 1, as a
 * person counts them; the id, when the record has one, finds it in any JSON viewer.
 */
export function recordLabel(file: string, index: number, record: unknown): string {
  const id =
    record !== null && typeof record === 'object' && typeof (record as { id?: unknown }).id === 'string'
      ? ` (id '${(record as { id: string }).id}')`
      : '';
  return `${file}: record ${index + 1}${id}`;
}
