import { parseNumberText } from '../recipe/index.ts';

/** Reference and current shares over the same bins, for an overlaid histogram. */
export interface OverlayHistogram {
  labels: string[];
  reference: number[];
  current: number[];
}

const isBlank = (cell: string | null | undefined): cell is null | undefined =>
  cell === null || cell === undefined || cell.trim() === '';

/**
 * Numeric cells binned on the reference's quantile edges (values beyond them fall in the end bins), as
 * shares of each window's non-missing values, so windows of any size compare.
 */
export function numericOverlay(
  edges: readonly number[],
  reference: readonly (string | null | undefined)[],
  current: readonly (string | null | undefined)[],
): OverlayHistogram {
  const bins = Math.max(1, edges.length - 1);
  const shares = (cells: readonly (string | null | undefined)[]) => {
    const counts = new Array<number>(bins).fill(0);
    let n = 0;
    for (const cell of cells) {
      if (isBlank(cell)) continue;
      const v = parseNumberText(cell);
      if (Number.isNaN(v)) continue;
      let bin = 0;
      while (bin < bins - 1 && v >= edges[bin + 1]!) bin++;
      counts[bin]!++;
      n++;
    }
    return counts.map((c) => (n ? c / n : 0));
  };
  const fmt = (v: number) =>
    Math.abs(v) >= 1000 || Number.isInteger(v) ? String(Math.round(v)) : v.toPrecision(3);
  const labels =
    edges.length > 1 ? edges.slice(0, -1).map((e, i) => `${fmt(e)}–${fmt(edges[i + 1]!)}`) : ['all'];
  return { labels, reference: shares(reference), current: shares(current) };
}

/**
 * Categorical cells over the reference's top categories, then the current window's categories the
 * reference never had (so a new category shows as its own bar), then everything else as "(other)".
 */
export function categoricalOverlay(
  topReference: readonly string[],
  reference: readonly (string | null | undefined)[],
  current: readonly (string | null | undefined)[],
  maxNew = 5,
): OverlayHistogram {
  const known = new Set(reference.filter((c): c is string => !isBlank(c)));
  const fresh = new Map<string, number>();
  for (const cell of current)
    if (!isBlank(cell) && !known.has(cell)) fresh.set(cell, (fresh.get(cell) ?? 0) + 1);
  const newOnes = [...fresh]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, maxNew)
    .map(([v]) => v);
  const labels = [...topReference, ...newOnes.map((v) => `${v} (new)`), '(other)'];
  const index = new Map<string, number>([...topReference, ...newOnes].map((v, i) => [v, i]));
  const shares = (cells: readonly (string | null | undefined)[]) => {
    const counts = new Array<number>(labels.length).fill(0);
    let n = 0;
    for (const cell of cells) {
      if (isBlank(cell)) continue;
      counts[index.get(cell) ?? labels.length - 1]!++;
      n++;
    }
    return counts.map((c) => (n ? c / n : 0));
  };
  return { labels, reference: shares(reference), current: shares(current) };
}
