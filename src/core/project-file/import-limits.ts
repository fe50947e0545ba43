import { formatSize } from './format-size.ts';

/**
 * The largest files Looplab opens, and the one sentence that refuses a bigger one. Kept apart from the
 * decoders so the page can refuse an oversized file by its size alone, before reading a byte of it into
 * memory, without loading zod and the zip reader.
 */

/** 1 GiB: a generous ceiling that still refuses a file that would exhaust a tab's memory. */
export const DEFAULT_MAX_PROJECT_FILE_BYTES = 1024 ** 3;

/** 200 MB: far above any model Looplab trains, and well below what would exhaust a tab's memory. */
export const DEFAULT_MAX_BUNDLE_BYTES = 200 * 1000 * 1000;

/**
 * Why a file of `bytes` is refused, or null when it is within `maxBytes`.
 *
 * @example tooLargeMessage(2 * 1024 ** 3, 1024 ** 3) // 'The file is 2.0 GiB, over the 1.0 GiB limit; …'
 */
export function tooLargeMessage(bytes: number, maxBytes: number): string | null {
  if (bytes <= maxBytes) return null;
  const size = formatSize(bytes);
  const limit = formatSize(maxBytes);
  // Rounded, a file a little over the limit reads as the limit itself; "just over" keeps it from reading as a bug.
  return size === limit
    ? `The file is just over the ${limit} limit; it was not opened.`
    : `The file is ${size}, over the ${limit} limit; it was not opened.`;
}
