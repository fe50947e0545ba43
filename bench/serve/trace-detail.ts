/**
 * A Chrome trace of the page, like bench/trace.ts's traceMainTasks (same categories, and its
 * rendererMainTasks picks the tasks, so the figures mean the same), that also keeps what ran inside the
 * longest main-thread tasks, and the longest main-thread events that ran outside any RunTask (work a
 * RunTask count would miss): what made a task long, not only that it was.
 */
import type { CDPSession } from 'playwright-core';
import { rendererMainTasks, type MainTask, type TraceEvent } from '../trace.ts';

interface TimedEvent extends TraceEvent {
  ts?: number;
  args?: {
    name?: string;
    data?: { functionName?: string; url?: string; type?: string; message?: string; [key: string]: unknown };
    [key: string]: unknown;
  };
}

/** One event on the main thread, in ms; `atMs` from the first traced main-thread task. */
export interface MainEvent {
  name: string;
  ms: number;
  atMs: number;
  detail?: string;
}

/** One long task: its wall and CPU time and the longest events that ran inside it. */
export interface TaskDetail extends MainTask {
  atMs: number;
  inside: Omit<MainEvent, 'atMs'>[];
}

export interface TraceDetail {
  /** Every RunTask on the page's main thread (bench/trace.ts's definition). */
  tasks: MainTask[];
  /** The longest of them, with what ran inside. */
  longest: TaskDetail[];
  /** The longest main-thread events outside any RunTask. */
  outsideTasks: MainEvent[];
}

/**
 * Starts the trace. `stop(top, window)` keeps only the main-thread events that overlap the window between two
 * `console.timeStamp(label)` calls of the page (the whole trace when a label is missing), and says whether
 * the window was found.
 */
export async function traceMainTaskDetail(cdp: CDPSession): Promise<{
  stop(top?: number, window?: { from: string; to: string }): Promise<TraceDetail & { windowFound: boolean }>;
}> {
  const events: TimedEvent[] = [];
  cdp.on('Tracing.dataCollected', (event) => events.push(...(event.value as unknown as TimedEvent[])));
  await cdp.send('Tracing.start', {
    categories: 'devtools.timeline,disabled-by-default-devtools.timeline',
    transferMode: 'ReportEvents',
  });
  return {
    async stop(top = 5, window) {
      const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
      await cdp.send('Tracing.end');
      await done;
      const stamp = (label: string | undefined) =>
        events.find((e) => e.name === 'TimeStamp' && e.args?.data?.message === label)?.ts;
      const [from, to] = [stamp(window?.from), stamp(window?.to)];
      const windowFound = from !== undefined && to !== undefined;
      const kept = windowFound
        ? events.filter((e) => e.ph !== 'X' || (e.ts! + (e.dur ?? 0) >= from && e.ts! <= to))
        : events;
      return { tasks: rendererMainTasks(kept), ...details(kept, top), windowFound };
    },
  };
}

function describe(e: TimedEvent): string {
  const data = e.args?.data;
  return [data?.type, data?.functionName, data?.url ? String(data.url).split('/').pop() : '']
    .filter(Boolean)
    .join(' ');
}

function details(events: TimedEvent[], top: number): Omit<TraceDetail, 'tasks'> {
  const main = events.find(
    (e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain',
  );
  if (!main) return { longest: [], outsideTasks: [] };
  const onMain = events
    .filter(
      (e) =>
        e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined && e.ts !== undefined,
    )
    // By start; at the same start the longer (enclosing) event first.
    .sort((a, b) => a.ts! - b.ts! || b.dur! - a.dur!);
  const tasks = onMain.filter((e) => e.name === 'RunTask');
  if (!tasks.length) return { longest: [], outsideTasks: [] };
  const origin = tasks[0]!.ts!;
  const event = (e: TimedEvent): MainEvent => {
    const detail = describe(e);
    return {
      name: e.name,
      ms: +(e.dur! / 1000).toFixed(1),
      atMs: Math.round((e.ts! - origin) / 1000),
      ...(detail ? { detail } : {}),
    };
  };
  const longest = [...tasks]
    .sort((a, b) => b.dur! - a.dur!)
    .slice(0, top)
    .map((task) => {
      const end = task.ts! + task.dur!;
      const inside = onMain
        .filter((e) => e !== task && e.name !== 'RunTask' && e.ts! >= task.ts! && e.ts! + e.dur! <= end)
        .sort((a, b) => b.dur! - a.dur!)
        .slice(0, 8)
        .map((e) => {
          const { atMs: _atMs, ...rest } = event(e);
          return rest;
        });
      return {
        ms: +(task.dur! / 1000).toFixed(1),
        cpuMs: +((task.tdur ?? task.dur!) / 1000).toFixed(1),
        atMs: Math.round((task.ts! - origin) / 1000),
        inside,
      };
    });
  // A sweep by start time: an event that starts after the enclosing top-level event has ended is top-level.
  const outside: TimedEvent[] = [];
  let coveredTo = -Infinity;
  for (const e of onMain) {
    if (e.ts! < coveredTo) continue;
    coveredTo = e.ts! + e.dur!;
    if (e.name !== 'RunTask') outside.push(e);
  }
  const outsideTasks = outside
    .sort((a, b) => b.dur! - a.dur!)
    .slice(0, top)
    .map(event);
  return { longest, outsideTasks };
}
