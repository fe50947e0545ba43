import type { CDPSession } from 'playwright-core';

export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  /** Thread (CPU) time of a complete event, in µs. */
  tdur?: number;
  args?: { name?: string };
}

export interface MainTask {
  /** Wall-clock duration (ms). */
  ms: number;
  /** Time the thread was actually running (ms): far below `ms` when the OS descheduled it mid-task. */
  cpuMs: number;
}

/**
 * Starts a Chrome trace of the page; `stop()` resolves with every main-thread task's wall and thread time. On a
 * loaded 2-core machine a task can last 70 ms of wall time with 0.3 ms of CPU: that is the OS's doing, not the
 * page's.
 */
export async function traceMainTasks(cdp: CDPSession): Promise<{ stop(): Promise<MainTask[]> }> {
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

/** Starts a Chrome trace of the page; `stop()` resolves with the duration (ms) of every main-thread task. */
export async function traceMainThread(cdp: CDPSession): Promise<{ stop(): Promise<number[]> }> {
  const trace = await traceMainTasks(cdp);
  return { stop: async () => (await trace.stop()).map((task) => task.ms) };
}

/** Every task on the page's main thread (CrRendererMain) in a Chrome trace. */
export function rendererMainTasks(events: TraceEvent[]): MainTask[] {
  const main = events.find(
    (e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain',
  );
  if (!main) return [];
  return events
    .filter((e) => e.pid === main.pid && e.tid === main.tid && e.name === 'RunTask' && e.dur !== undefined)
    .map((e) => ({ ms: e.dur! / 1000, cpuMs: (e.tdur ?? e.dur!) / 1000 }));
}
