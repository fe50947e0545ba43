import type { CDPSession } from 'playwright-core';

export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  args?: { name?: string };
}

/** Starts a Chrome trace of the page; `stop()` resolves with the duration (ms) of every main-thread task. */
export async function traceMainThread(cdp: CDPSession): Promise<{ stop(): Promise<number[]> }> {
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (event) => events.push(...(event.value as unknown as TraceEvent[])));
  await cdp.send('Tracing.start', {
    categories: 'devtools.timeline,disabled-by-default-devtools.timeline',
    transferMode: 'ReportEvents',
  });
  return {
    async stop() {
      const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
      await cdp.send('Tracing.end');
      await done;
      return rendererMainTasks(events);
    },
  };
}

/** Durations (ms) of every task on the page's main thread (CrRendererMain) in a Chrome trace. */
export function rendererMainTasks(events: TraceEvent[]): number[] {
  const main = events.find(
    (e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain',
  );
  if (!main) return [];
  return events
    .filter((e) => e.pid === main.pid && e.tid === main.tid && e.name === 'RunTask' && e.dur !== undefined)
    .map((e) => e.dur! / 1000);
}
