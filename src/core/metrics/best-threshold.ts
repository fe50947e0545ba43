/** The binary label metrics a decision threshold is tuned for (issue 17: F1-type metrics). */
export type ThresholdMetric = 'f1' | 'f1_macro';

/** Whether a binary task's threshold is tuned for this metric. */
export function isThresholdMetric(metric: string): metric is ThresholdMetric {
  return metric === 'f1' || metric === 'f1_macro';
}

/**
 * The decision threshold on P(positive) that maximises a binary F1-type metric on held-out predictions
 * (out-of-fold ones, in the search), and the metric there.
 *
 * One pass over the rows sorted by score: cutting after each distinct score gives every distinct labelling
 * "positive when p ≥ t", and its confusion counts follow from running sums, so the cost is the sort. The
 * threshold returned is the midpoint between the last score labelled positive and the next one below, so a
 * new row scored between them is labelled as the held-out rows around it suggest, rather than by a tie. A
 * tie between cuts goes to the one nearest 0.5, the default, so an uninformative search moves nothing.
 *
 * @param y True classes, 0 or 1.
 * @param p P(positive) per row.
 * @returns `threshold` in [0, 1] and the metric's `value` at it; with no rows, 0.5 and NaN.
 * @example
 * bestThreshold([0, 0, 1, 1], [0.1, 0.3, 0.35, 0.8], 'f1'); // { threshold: ≈0.325, value: 1 }
 */
export function bestThreshold(
  y: ArrayLike<number>,
  p: ArrayLike<number>,
  metric: ThresholdMetric,
): { threshold: number; value: number } {
  const n = y.length;
  if (n === 0) return { threshold: 0.5, value: NaN };
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => p[b]! - p[a]!);
  let positives = 0;
  for (let i = 0; i < n; i++) positives += y[i] === 1 ? 1 : 0;
  const negatives = n - positives;
  const score = (tp: number, fp: number) => {
    const fn = positives - tp;
    const tn = negatives - fp;
    const f1 = (a: number, wrongA: number, missedA: number) =>
      a + wrongA + missedA === 0 ? 0 : (2 * a) / (2 * a + wrongA + missedA);
    const positive = f1(tp, fp, fn);
    if (metric === 'f1') return positive;
    // Macro over the classes present in the truth or the prediction, as classificationMetrics does.
    const present: number[] = [];
    if (positives > 0 || tp + fp > 0) present.push(positive);
    if (negatives > 0 || tn + fn > 0) present.push(f1(tn, fn, fp));
    return present.reduce((a, b) => a + b, 0) / present.length;
  };
  // Cut 0: nothing positive (threshold above every score).
  let best = { threshold: Math.min(1, p[order[0]!]! + 1e-9), value: score(0, 0) };
  let tp = 0;
  let fp = 0;
  for (let i = 0; i < n; i++) {
    const row = order[i]!;
    if (y[row] === 1) tp++;
    else fp++;
    const here = p[row]!;
    const below = i + 1 < n ? p[order[i + 1]!]! : undefined;
    if (below !== undefined && below === here) continue;
    const threshold = below === undefined ? Math.max(0, here) : (here + below) / 2;
    const value = score(tp, fp);
    const better =
      value > best.value + 1e-12 ||
      (Math.abs(value - best.value) <= 1e-12 && Math.abs(threshold - 0.5) < Math.abs(best.threshold - 0.5));
    if (better) best = { threshold, value };
  }
  return { threshold: Math.min(1, Math.max(0, best.threshold)), value: best.value };
}
