/**
 * Which rows a virtualised list renders, and the spacer heights around them.
 *
 * Browsers cap an element's height (Chromium near 33.5 million px, Firefox near 17.9 million): at 28 px a row,
 * a 1.2-million-row table would be cut off. Past `maxScrollPx` the scrollbar is compressed instead: the scroll
 * position maps to a row by its fraction of the way down, and the rows in view keep their real height.
 */
export interface VirtualWindowInput {
  rowCount: number;
  rowHeight: number;
  viewportHeight: number;
  scrollTop: number;
  overscan: number;
  maxScrollPx: number;
}

export interface VirtualWindow {
  /** Rows [first, last) are rendered. */
  first: number;
  last: number;
  topPx: number;
  bottomPx: number;
  compressed: boolean;
}

export function virtualWindow(input: VirtualWindowInput): VirtualWindow {
  const { rowCount, rowHeight, viewportHeight, scrollTop, overscan, maxScrollPx } = input;
  const compressed = rowCount * rowHeight > maxScrollPx;
  const totalPx = compressed ? maxScrollPx : rowCount * rowHeight;
  const fraction = Math.min(1, Math.max(0, scrollTop / Math.max(1, totalPx - viewportHeight)));
  const startRow = compressed
    ? Math.floor(fraction * Math.max(0, rowCount - viewportHeight / rowHeight))
    : Math.floor(Math.max(0, scrollTop) / rowHeight);
  const first = Math.max(0, Math.min(startRow, rowCount) - overscan);
  const last = Math.min(rowCount, startRow + Math.ceil(viewportHeight / rowHeight) + 1 + overscan);
  const topPx = compressed
    ? Math.max(0, Math.min(scrollTop, totalPx) - (startRow - first) * rowHeight)
    : first * rowHeight;
  const bottomPx = Math.max(0, totalPx - topPx - (last - first) * rowHeight);
  return { first, last, topPx, bottomPx, compressed };
}
