/**
 * A byte count for a message, in binary units (1 KiB = 1024 bytes), so limits such as 1 GiB read as round
 * numbers.
 *
 * @example formatSize(2048) // '2.0 KiB'
 */
export function formatSize(bytes: number): string {
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  if (bytes < 1024) return `${bytes} bytes`;
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}
