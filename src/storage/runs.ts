/**
 * Training runs (LIFECYCLE §4). The train worker writes a run as `running` when its trial starts, rewrites
 * it after each epoch (so the curves survive a reload), and finishes it in one transaction with its
 * artifact and metrics. A cancel (the page terminates the worker) turns the runs still `running` into
 * `cancelled`; a run whose tab closed mid-training is found on the next load, by its Web Lock no longer
 * being held, and marked `interrupted`.
 */
import type { IDBPDatabase } from 'idb';
import type { Id, RunRecord, RunStatus } from '../core/records.ts';
import { announceChange } from './broadcast.ts';
import { restoreRun } from './restore.ts';
import type { LooplabDB } from './schema.ts';
import { addTimelineEvent, newTimelineEvent } from './timeline.ts';
import { queueWrite, runRead, runWrite } from './transact.ts';

/** The Web Lock a worker holds while it trains a run; absent after the worker or its tab is gone. */
export function runLockName(runId: Id): string {
  return `looplab-run:${runId}`;
}

/** Stores a run as it is now (start, or after an epoch), unless it already ended (cancelled meanwhile). */
export async function putRunProgress(db: IDBPDatabase<LooplabDB>, run: RunRecord): Promise<boolean> {
  const written = await runWrite(db, ['runs'], async (tx) => {
    const stored = await tx.objectStore('runs').get(run.id);
    if (stored && stored.status !== 'running') return false;
    queueWrite(tx.objectStore('runs').put(run));
    return true;
  });
  if (written) announceChange({ store: 'runs', projectId: run.projectId, id: run.id });
  return written;
}

/**
 * Ends runs in one transaction (finished with their artifacts, or failed), with one timeline event. A run
 * that was cancelled meanwhile stays cancelled.
 */
export async function finishRuns(
  db: IDBPDatabase<LooplabDB>,
  runs: readonly RunRecord[],
  event?: { projectId: Id; kind: string; message: string; data?: Record<string, unknown> },
): Promise<number> {
  const count = await runWrite(db, ['runs', 'timeline'], async (tx) => {
    let written = 0;
    for (const run of runs) {
      const stored = await tx.objectStore('runs').get(run.id);
      if (stored && stored.status !== 'running') continue;
      queueWrite(tx.objectStore('runs').put(run));
      written++;
    }
    if (event && written > 0) {
      await addTimelineEvent(
        tx.objectStore('timeline'),
        newTimelineEvent(event.projectId, event.kind, event.message, event.data),
      );
    }
    return written;
  });
  for (const run of runs) announceChange({ store: 'runs', projectId: run.projectId, id: run.id });
  return count;
}

/**
 * Ends every still-running run that matches as `cancelled` or `interrupted`, in one transaction. Their
 * epochs so far are kept for the curves; no artifact or final metric is, since none was finished.
 *
 * @param still Which running runs to end: by sweep, or those whose worker no longer holds their lock.
 * @returns The ids ended.
 */
export async function endRunningRuns(
  db: IDBPDatabase<LooplabDB>,
  projectId: Id | undefined,
  status: Extract<RunStatus, 'cancelled' | 'interrupted'>,
  still: (run: RunRecord) => boolean,
): Promise<Id[]> {
  const ended = await runWrite(db, ['runs'], async (tx) => {
    const running = await tx.objectStore('runs').index('by-status').getAll('running');
    const ids: Id[] = [];
    for (const raw of running) {
      const run = restoreRun(raw);
      if (projectId !== undefined && run.projectId !== projectId) continue;
      if (!still(run)) continue;
      const { artifact: _artifact, ...rest } = run;
      queueWrite(tx.objectStore('runs').put({ ...rest, status, finishedAt: Date.now() }));
      ids.push(run.id);
    }
    return ids;
  });
  if (ended.length && projectId !== undefined) announceChange({ store: 'runs', projectId });
  return ended;
}

/** A project's runs, newest first. */
export async function listRuns(db: IDBPDatabase<LooplabDB>, projectId: Id): Promise<RunRecord[]> {
  const runs = await runRead(() => db.getAllFromIndex('runs', 'by-project', projectId));
  return runs.map(restoreRun).sort((a, b) => b.createdAt - a.createdAt || (b.trial ?? 0) - (a.trial ?? 0));
}

export async function getRun(db: IDBPDatabase<LooplabDB>, id: Id): Promise<RunRecord | undefined> {
  const run = await runRead(() => db.get('runs', id));
  return run && restoreRun(run);
}

/** Deletes runs (not their timeline events, which stay true about the past). */
export async function deleteRuns(
  db: IDBPDatabase<LooplabDB>,
  projectId: Id,
  ids: readonly Id[],
): Promise<void> {
  await runWrite(db, ['runs'], async (tx) => {
    for (const id of ids) queueWrite(tx.objectStore('runs').delete(id));
  });
  announceChange({ store: 'runs', projectId });
}
