/** One metric across seeds. */
export interface SeedSummary {
  mean: number;
  /** Sample standard deviation (n − 1); NaN for a single run, where spread cannot be estimated. */
  std: number;
  min: number;
  max: number;
  /** How many runs reported the metric. */
  n: number;
}

/**
 * Mean ± std per metric over runs that differ only in their seed (LIFECYCLE §5: stability, K = 3 by
 * default). A metric missing from some runs is summarised over the runs that have it (`n` says how many).
 * A NaN value is kept, so the summary is NaN: an undefined metric on one seed should not vanish into a mean.
 *
 * @param runs One record of metrics per seed, as runs store them.
 * @example
 * summarizeSeeds([{ auc: 0.8 }, { auc: 0.82 }, { auc: 0.81 }]).auc; // { mean: 0.81, std: 0.01, min: 0.8, max: 0.82, n: 3 }
 */
export function summarizeSeeds(runs: readonly Record<string, number>[]): Record<string, SeedSummary> {
  const values = new Map<string, number[]>();
  for (const run of runs) {
    for (const [metric, value] of Object.entries(run)) {
      const list = values.get(metric);
      if (list) list.push(value);
      else values.set(metric, [value]);
    }
  }
  const out: Record<string, SeedSummary> = {};
  for (const [metric, list] of values) {
    const n = list.length;
    const mean = list.reduce((s, v) => s + v, 0) / n;
    // Two-pass variance: subtracting the mean first avoids the cancellation of Σx² − n·mean² when the
    // seeds agree to many digits, which is exactly the stable case.
    const squares = list.reduce((s, v) => s + (v - mean) ** 2, 0);
    out[metric] = {
      mean,
      std: n > 1 ? Math.sqrt(squares / (n - 1)) : NaN,
      min: Math.min(...list),
      max: Math.max(...list),
      n,
    };
  }
  return out;
}
