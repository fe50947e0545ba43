import { IngestError } from './ingest-error.ts';

/** A ceiling on the size of a file this device can take, and what sets it, in the user's words. */
export interface SizeLimit {
  bytes: number;
  /** Completes "the limit is 12 MB, ...": e.g. "the storage free on this device, halved for the stored copy". */
  because: string;
}

/**
 * Refuses a file before a byte of it is read when it is larger than any limit, so the user gets a clear
 * message instead of a tab or process that runs out of memory (or storage) minutes later.
 *
 * @example checkFileSize(5e9, [{ bytes: 2e9, because: 'a quarter of this device's memory' }]) // throws
 */
export function checkFileSize(size: number, limits: readonly SizeLimit[]): void {
  for (const limit of limits) {
    if (!(size > limit.bytes)) continue;
    throw new IngestError(
      'too-large',
      `The file is too large for this device: it is ${formatSize(size)}, and the limit is ${formatSize(
        Math.max(0, limit.bytes),
      )} (${limit.because}). Nothing was stored. Use a smaller file, or a sample of its rows.`,
    );
  }
}

const GIB = 1024 ** 3;

/**
 * The browser's limits for an upload. The parse holds every chunk in the data worker's memory until the one
 * transaction that stores them, and the stored copy (packed text plus 4 bytes of offset per cell) needs a
 * little more than the file, so a file may use a quarter of the memory the browser reports (Chromium caps
 * navigator.deviceMemory at 8) and half the storage it reports free. Chromium reports its quota as usage
 * plus a fixed 10 GiB whatever the real quota, so a real shortfall can still surface later as "storage is
 * full"; that write is one transaction, so it too leaves nothing behind.
 */
export function browserSizeLimits(
  deviceMemoryGiB: number | undefined,
  estimate: { quota?: number; usage?: number } | undefined,
): SizeLimit[] {
  const memory = deviceMemoryGiB ?? 4;
  const limits: SizeLimit[] = [
    {
      bytes: (memory * GIB) / 4,
      because: `a quarter of the ${formatSize(memory * GIB)} of memory the browser reports`,
    },
  ];
  if (estimate?.quota !== undefined) {
    const free = Math.max(0, estimate.quota - (estimate.usage ?? 0));
    limits.push({
      bytes: free / 2,
      because: `half the ${formatSize(free)} of storage free for this app, leaving room for the stored copy's offsets`,
    });
  }
  return limits;
}

/** Bytes in binary units, to three significant figures (1,536 → "1.50 KiB"). */
export function formatSize(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${Math.round(value)} bytes` : `${value.toPrecision(3)} ${units[unit]}`;
}
