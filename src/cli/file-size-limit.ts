import { getHeapStatistics } from 'node:v8';
import { checkFileSize } from '../core/ingest/index.ts';

/**
 * Each cell becomes its own JS string (about 20 bytes of header) in an array slot (8 bytes) before it is
 * packed, so a table of short numbers takes about 8 times its file size on the heap.
 */
const HEAP_PER_FILE_BYTE = 8;
/**
 * Read into typed columns (issue 18), a number is 8 bytes for its 5 to 20 in the file and a repeated
 * category 4; only distinct text is kept as strings (2 bytes a character plus a header), so 3 is a safe
 * bound even for a file of unique text.
 */
export const TYPED_HEAP_PER_FILE_BYTE = 3;

/**
 * Refuses a file the Node heap cannot hold, before reading it, instead of crashing with "JavaScript heap out
 * of memory" after minutes. LOOPLAB_MAX_FILE_BYTES sets a lower ceiling (tests, shared machines); the heap
 * ceiling follows --max-old-space-size.
 */
export function checkCliFileSize(size: number, heapPerFileByte = HEAP_PER_FILE_BYTE): void {
  const heap = getHeapStatistics().heap_size_limit;
  const share = heapPerFileByte === 8 ? 'an eighth' : `1/${heapPerFileByte}`;
  const limits = [
    {
      bytes: Math.floor(heap / heapPerFileByte),
      because: `${share} of Node's ${Math.round(heap / 1024 ** 2)} MiB heap; raise it with NODE_OPTIONS=--max-old-space-size=<MiB>`,
    },
  ];
  const override = Number(process.env.LOOPLAB_MAX_FILE_BYTES);
  if (process.env.LOOPLAB_MAX_FILE_BYTES !== undefined && Number.isFinite(override)) {
    limits.unshift({ bytes: override, because: 'set by LOOPLAB_MAX_FILE_BYTES' });
  }
  checkFileSize(size, limits);
}
