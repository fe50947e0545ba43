/**
 * What monitoring reads and writes (LIFECYCLE §7): the prediction log by time window, its pruning, the
 * labels that arrive later keyed by request id, the alerts, and the project's monitoring settings.
 */
import type { IDBPDatabase } from 'idb';
import { RECORD_SCHEMA_VERSION, type AlertRecord, type Id, type LabelRecord } from '../core/records.ts';
import { announceChange } from './broadcast.ts';
import { restoreAlert, restoreLabel, restorePrediction } from './restore.ts';
import type { LooplabDB } from './schema.ts';
import { addTimelineEvent, newTimelineEvent } from './timeline.ts';
import { touchProject } from './touch-project.ts';
import { queueWrite, runRead, runWrite } from './transact.ts';

/** The project's prediction-log entries with `from` ≤ createdAt < `to`, oldest first. */
export async function listPredictionsBetween(
  db: IDBPDatabase<LooplabDB>,
  projectId: Id,
  from: number,
  to: number,
) {
  const range = IDBKeyRange.bound([projectId, from], [projectId, to], false, true);
  const raw = await runRead(() => db.getAllFromIndex('predictions', 'by-project-time', range));
  return raw.map(restorePrediction);
}

/**
 * Deletes log entries older than `before`, but never one at or after `keepSince`: the start of the oldest
 * monitoring window still in use, whose statistics (drift, realised metric, latency) would otherwise change
 * under the user. Returns the number deleted; a timeline event records it.
 */
export async function prunePredictions(
  db: IDBPDatabase<LooplabDB>,
  projectId: Id,
  before: number,
  keepSince = Infinity,
): Promise<number> {
  const cutoff = Math.min(before, keepSince);
  const deleted = await runWrite(db, ['predictions', 'timeline'], async (tx) => {
    const range = IDBKeyRange.bound([projectId, -Infinity], [projectId, cutoff], false, true);
    let cursor = await tx.objectStore('predictions').index('by-project-time').openCursor(range);
    let count = 0;
    while (cursor) {
      queueWrite(cursor.delete());
      count++;
      cursor = await cursor.continue();
    }
    if (count)
      await addTimelineEvent(
        tx.objectStore('timeline'),
        newTimelineEvent(
          projectId,
          'log-pruned',
          `Pruned ${count} prediction-log entries older than ${new Date(cutoff).toISOString()}`,
          {
            count,
            cutoff,
          },
        ),
      );
    return count;
  });
  if (deleted) announceChange({ store: 'predictions', projectId });
  return deleted;
}

/**
 * Stores labels that arrived for logged requests, one per request (a later label replaces an earlier one).
 * Labels whose request id is not in the log are not stored and are returned, so none vanishes unseen.
 */
export async function addLabels(
  db: IDBPDatabase<LooplabDB>,
  projectId: Id,
  labels: readonly { requestId: string; label: string }[],
): Promise<{ stored: number; unknown: string[] }> {
  const now = Date.now();
  const result = await runWrite(db, ['predictions', 'labels', 'timeline'], async (tx) => {
    const predictions = tx.objectStore('predictions');
    const store = tx.objectStore('labels');
    const unknown: string[] = [];
    let stored = 0;
    for (const { requestId, label } of labels) {
      const logged = await predictions.get(requestId);
      if (!logged || logged.projectId !== projectId) {
        unknown.push(requestId);
        continue;
      }
      const record: LabelRecord = {
        schemaVersion: RECORD_SCHEMA_VERSION,
        id: `${projectId}:${requestId}`,
        projectId,
        createdAt: now,
        requestId,
        label,
      };
      queueWrite(store.put(record));
      stored++;
    }
    if (stored)
      await addTimelineEvent(
        tx.objectStore('timeline'),
        newTimelineEvent(projectId, 'labels-added', `${stored} labels joined to logged requests`, {
          stored,
          unknown: unknown.length,
        }),
      );
    return { stored, unknown };
  });
  if (result.stored) announceChange({ store: 'labels', projectId });
  return result;
}

export async function listLabels(db: IDBPDatabase<LooplabDB>, projectId: Id): Promise<LabelRecord[]> {
  const raw = await runRead(() => db.getAllFromIndex('labels', 'by-project', projectId));
  return raw.map(restoreLabel);
}

/** Stores fired alerts with their timeline events, in one transaction. */
export async function addAlerts(
  db: IDBPDatabase<LooplabDB>,
  projectId: Id,
  alerts: readonly { kind: string; message: string; data?: Record<string, unknown> }[],
): Promise<AlertRecord[]> {
  if (!alerts.length) return [];
  const now = Date.now();
  const stored = await runWrite(db, ['alerts', 'timeline'], async (tx) => {
    const records: AlertRecord[] = [];
    for (const alert of alerts) {
      const record: AlertRecord = {
        schemaVersion: RECORD_SCHEMA_VERSION,
        id: crypto.randomUUID(),
        projectId,
        createdAt: now,
        kind: alert.kind,
        message: alert.message,
        acknowledged: false,
        ...(alert.data ? { data: alert.data } : {}),
      };
      queueWrite(tx.objectStore('alerts').add(record));
      await addTimelineEvent(
        tx.objectStore('timeline'),
        newTimelineEvent(projectId, 'alert', alert.message, { alertId: record.id, kind: alert.kind }, now),
      );
      records.push(record);
    }
    return records;
  });
  announceChange({ store: 'alerts', projectId });
  return stored;
}

/** The project's alerts, newest first. */
export async function listAlerts(db: IDBPDatabase<LooplabDB>, projectId: Id): Promise<AlertRecord[]> {
  const raw = await runRead(() => db.getAllFromIndex('alerts', 'by-project', projectId));
  return raw.map(restoreAlert).sort((a, b) => b.createdAt - a.createdAt || a.id.localeCompare(b.id));
}

export async function acknowledgeAlert(db: IDBPDatabase<LooplabDB>, id: Id): Promise<void> {
  const projectId = await runWrite(db, ['alerts'], async (tx) => {
    const alert = await tx.objectStore('alerts').get(id);
    if (!alert) throw new Error('That alert is no longer stored.');
    queueWrite(tx.objectStore('alerts').put({ ...alert, acknowledged: true }));
    return alert.projectId;
  });
  announceChange({ store: 'alerts', projectId });
}

/** Replaces the project's monitoring settings (validated by the caller, src/core/monitor). */
export async function setMonitorSettings(
  db: IDBPDatabase<LooplabDB>,
  projectId: Id,
  settings: Record<string, unknown>,
): Promise<void> {
  await runWrite(db, ['projects'], async (tx) => {
    const projects = tx.objectStore('projects');
    const project = await touchProject(projects, projectId, Date.now());
    queueWrite(projects.put({ ...project, monitor: settings }));
  });
  announceChange({ store: 'projects', projectId });
}
