import { DEFAULT_MISSING_MARKERS } from '../table/raw-table.ts';

/**
 * A compiled list of missing markers, compared after trimming both sides, so `' ?'` and a whitespace-only
 * cell are missing. Built once per column (or table) because profiling checks every cell: the length test
 * skips the hash lookup for the long values that are most cells of most files.
 *
 * @example
 * const markers = new MissingMarkers(['', 'NA']);
 * markers.indexOf(' NA '.trim()); // 1
 * markers.indexOf('None'); // -1: "None" is a category (the FAA damage level), never a marker
 */
export class MissingMarkers {
  /** The markers, trimmed and without repeats, in the order given. */
  readonly markers: readonly string[];
  readonly #index: Map<string, number>;
  readonly #maxLength: number;

  constructor(markers: Iterable<string> = DEFAULT_MISSING_MARKERS) {
    const list: string[] = [];
    this.#index = new Map();
    for (const marker of markers) {
      const trimmed = marker.trim();
      if (this.#index.has(trimmed)) continue;
      this.#index.set(trimmed, list.length);
      list.push(trimmed);
    }
    this.markers = list;
    this.#maxLength = list.reduce((max, m) => Math.max(max, m.length), 0);
  }

  /** The position of `trimmed` (an already trimmed cell) in {@link markers}, or -1 when it is a value. */
  indexOf(trimmed: string): number {
    if (trimmed.length > this.#maxLength) return -1;
    return this.#index.get(trimmed) ?? -1;
  }
}
