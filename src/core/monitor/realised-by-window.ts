import { realisedMetric, type MetricContext, type ServedOutput } from '../deploy/realised-metric.ts';

export interface RealisedWindow {
  start: number;
  end: number;
  /** Labelled requests in the window that could be scored. */
  labelled: number;
  value: number | undefined;
  /** Fewer labelled requests than the minimum: shown, with a warning, but not judged. */
  tooSmall: boolean;
}

/**
 * The problem's metric per time window on the served requests whose labels arrived (joined by request id),
 * for the "realised vs at deployment" plot. Windows are aligned like `windowStats`; only windows with at
 * least one label are returned.
 */
export function realisedByWindow(
  context: MetricContext,
  served: readonly { requestId: string; createdAt: number; output: ServedOutput }[],
  labels: ReadonlyMap<string, string>,
  windowMs: number,
  minRows: number,
): RealisedWindow[] {
  const windows = new Map<number, { output: ServedOutput; truth: string }[]>();
  for (const entry of served) {
    const truth = labels.get(entry.requestId);
    if (truth === undefined) continue;
    const start = Math.floor(entry.createdAt / windowMs) * windowMs;
    let list = windows.get(start);
    if (!list) windows.set(start, (list = []));
    list.push({ output: entry.output, truth });
  }
  return [...windows]
    .sort(([a], [b]) => a - b)
    .map(([start, outcomes]) => {
      const { value, n } = realisedMetric(context, outcomes);
      return { start, end: start + windowMs, labelled: n, value, tooSmall: n < minRows };
    });
}
