/**
 * A project's timeline: one event for every change worth telling the user about (a dataset added, a model
 * promoted, an alert fired), oldest first. Events that accompany a write are added in that write's own
 * transaction with `newTimelineEvent`, so the timeline never claims something that did not happen.
 */
import type { IDBPDatabase } from 'idb';
import { RECORD_SCHEMA_VERSION, type Id, type Millis, type TimelineRecord } from '../core/records.ts';
import { announceChange } from './broadcast.ts';
import { restoreTimeline } from './restore.ts';
import type { LooplabDB } from './schema.ts';
import { touchProject } from './touch-project.ts';
import { runRead, runWrite } from './transact.ts';

/** Builds (does not store) a timeline event, for adding inside another write's transaction. */
export function newTimelineEvent(
  projectId: Id,
  kind: string,
  message: string,
  data?: Record<string, unknown>,
  createdAt: Millis = Date.now(),
): TimelineRecord {
  const event: TimelineRecord = {
    schemaVersion: RECORD_SCHEMA_VERSION,
    id: crypto.randomUUID(),
    projectId,
    createdAt,
    kind,
    message,
  };
  if (data !== undefined) event.data = data;
  return event;
}

/**
 * Appends an event to a project's timeline and marks the project as just updated. Throws StorageError if the
 * project does not exist.
 *
 * @example await appendTimeline(db, projectId, 'alert', 'p95 latency 240 ms is over 200 ms', { p95: 240 })
 */
export async function appendTimeline(
  db: IDBPDatabase<LooplabDB>,
  projectId: Id,
  kind: string,
  message: string,
  data?: Record<string, unknown>,
): Promise<TimelineRecord> {
  const event = newTimelineEvent(projectId, kind, message, data);
  await runWrite(db, ['projects', 'timeline'], async (tx) => {
    await touchProject(tx.objectStore('projects'), projectId, event.createdAt);
    await tx.objectStore('timeline').add(event);
  });
  announceChange({ store: 'timeline', projectId, id: event.id });
  return event;
}

/**
 * A project's timeline, oldest first. Events from the same millisecond have no defined order between them
 * (ties are broken by id, so the order is at least stable).
 */
export async function listTimeline(db: IDBPDatabase<LooplabDB>, projectId: Id): Promise<TimelineRecord[]> {
  const events = await runRead(() => db.getAllFromIndex('timeline', 'by-project', projectId));
  return events
    .map(restoreTimeline)
    .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
