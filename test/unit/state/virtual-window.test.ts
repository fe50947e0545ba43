import { describe, expect, it } from 'vitest';
import { virtualWindow } from '../../../src/state/virtual-window.ts';

const base = { rowHeight: 28, viewportHeight: 420, overscan: 8, maxScrollPx: 8_000_000 };

describe('virtualWindow', () => {
  it('renders the rows in view plus the overscan, with spacers that add up to every row', () => {
    // scrollTop 2800 = row 100 at the top; 420 px show 15 rows.
    const w = virtualWindow({ ...base, rowCount: 1000, scrollTop: 2800 });
    expect(w).toEqual({
      first: 92,
      last: 124,
      topPx: 92 * 28,
      bottomPx: (1000 - 124) * 28,
      compressed: false,
    });
    expect(w.topPx + (w.last - w.first) * 28 + w.bottomPx).toBe(1000 * 28);
  });

  it('compresses the scroll height of a table taller than the cap, and still reaches the first and last rows', () => {
    const rows = 2_000_000; // 56 million px at 28 px a row: more than any browser allows
    const top = virtualWindow({ ...base, rowCount: rows, scrollTop: 0 });
    expect(top.compressed).toBe(true);
    expect(top.first).toBe(0);
    expect(top.topPx + (top.last - top.first) * 28 + top.bottomPx).toBe(8_000_000);
    const end = virtualWindow({ ...base, rowCount: rows, scrollTop: 8_000_000 - 420 });
    expect(end.last).toBe(rows);
    // Halfway down the scrollbar is halfway through the rows (less the rows a screen shows).
    const mid = virtualWindow({ ...base, rowCount: rows, scrollTop: (8_000_000 - 420) / 2 });
    expect(mid.first + 8).toBe(Math.floor(0.5 * (rows - 15)));
  });

  it('moves forward, never back, as the user scrolls down a compressed table', () => {
    let previous = -1;
    for (let scrollTop = 0; scrollTop <= 8_000_000; scrollTop += 100_003) {
      const { first } = virtualWindow({ ...base, rowCount: 5_000_000, scrollTop });
      expect(first).toBeGreaterThanOrEqual(previous);
      previous = first;
    }
  });
});
