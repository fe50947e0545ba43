import { LatencyTracker } from '../deploy/latency-tracker.ts';

/** What a window's statistics need of one served request. */
export interface ServedEntry {
  createdAt: number;
  latencyMs: number;
  error?: boolean;
  /** Binary tasks: whether the answer was the positive class. */
  positive?: boolean;
}

export interface WindowStats {
  /** Window start (inclusive) and end (exclusive), ms since the epoch. */
  start: number;
  end: number;
  requests: number;
  errors: number;
  /** Requests per second over the window's length. */
  throughput: number;
  p50: number;
  p95: number;
  p99: number;
  /** Binary tasks: share of answers that were the positive class; undefined otherwise or when empty. */
  positiveRate?: number;
}

/**
 * Latency, errors, throughput and positive rate per window of `windowMs`, windows aligned to multiples of
 * `windowMs` since the epoch (so they line up across reloads), oldest first, empty windows between the
 * first and last request included (a gap in traffic is itself worth seeing).
 */
export function windowStats(entries: readonly ServedEntry[], windowMs: number): WindowStats[] {
  if (!entries.length) return [];
  const startOf = (t: number) => Math.floor(t / windowMs) * windowMs;
  const first = startOf(Math.min(...entries.map((e) => e.createdAt)));
  const last = startOf(Math.max(...entries.map((e) => e.createdAt)));
  const windows = new Map<number, ServedEntry[]>();
  for (let t = first; t <= last; t += windowMs) windows.set(t, []);
  for (const entry of entries) windows.get(startOf(entry.createdAt))!.push(entry);
  return [...windows].map(([start, inWindow]) => {
    const latency = new LatencyTracker(Math.max(1, inWindow.length));
    let errors = 0;
    let positives = 0;
    let binary = 0;
    for (const e of inWindow) {
      latency.record(e.latencyMs);
      if (e.error) errors++;
      if (e.positive !== undefined) {
        binary++;
        if (e.positive) positives++;
      }
    }
    const p = inWindow.length ? latency.percentiles() : { p50: NaN, p95: NaN, p99: NaN };
    const stats: WindowStats = {
      start,
      end: start + windowMs,
      requests: inWindow.length,
      errors,
      throughput: inWindow.length / (windowMs / 1000),
      ...p,
    };
    if (binary) stats.positiveRate = positives / binary;
    return stats;
  });
}
