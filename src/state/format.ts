/** Human-readable byte size: 1536 → "1.5 KB". */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 && unit > 0 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

/** Grouped integer: 100000 → "100,000". */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** A count with its noun, singular for one: (1, 'request') → "1 request", (2000, 'request') → "2,000 requests". */
export function countOf(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}
