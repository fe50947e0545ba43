/**
 * The old array when `next` holds the same records (by id and update time), else `next`: a list reloaded
 * from storage that did not change keeps its identity, so the views that draw it are not re-rendered.
 */
export function sameRecords<T extends { id: string; updatedAt?: number }>(old: T[], next: T[]): T[] {
  const same =
    old.length === next.length &&
    old.every((r, i) => r.id === next[i]!.id && r.updatedAt === next[i]!.updatedAt);
  return same ? old : next;
}
