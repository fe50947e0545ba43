/**
 * Request latencies of one model: exact p50, p95 and p99 over the last `window` requests (nearest-rank, on
 * a sorted copy). Exact rather than a sketch: a window of a few thousand numbers sorts in well under a
 * millisecond, and a percentile the user can recompute by hand is worth more than saved microseconds.
 */
export class LatencyTracker {
  readonly #values: number[] = [];
  #next = 0;
  #count = 0;

  constructor(readonly window = 2000) {}

  record(ms: number): void {
    if (this.#values.length < this.window) this.#values.push(ms);
    else this.#values[this.#next] = ms;
    this.#next = (this.#next + 1) % this.window;
    this.#count++;
  }

  /** How many requests were recorded in all (not only in the window). */
  get count(): number {
    return this.#count;
  }

  /** Nearest-rank percentiles of the window; NaN before the first request. */
  percentiles(): { p50: number; p95: number; p99: number } {
    const sorted = [...this.#values].sort((a, b) => a - b);
    const at = (p: number) => (sorted.length ? sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]! : NaN);
    return { p50: at(0.5), p95: at(0.95), p99: at(0.99) };
  }
}
