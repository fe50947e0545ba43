/**
 * A project's timeline: one event for every change worth telling the user about (a dataset added, a model
 * promoted, an alert fired), oldest first. Events that accompany a write are added in that write's own
 * transaction (`newTimelineEvent`, then `addTimelineEvent`), so the timeline never claims something that did
 * not happen.
 */
import type { IDBPDatabase, IDBPObjectStore, StoreNames } from 'idb';
import { RECORD_SCHEMA_VERSION, type Id, type Millis, type TimelineRecord } from '../core/records.ts';
import { announceChange } from './broadcast.ts';
import { restoreTimeline } from './restore.ts';
import type { LooplabDB } from './schema.ts';
import { touchProject } from './touch-project.ts';
import { runRead, runWrite } from './transact.ts';

export type TimelineStore = IDBPObjectStore<
  LooplabDB,
  ArrayLike<StoreNames<LooplabDB>>,
  'timeline',
  'readwrite'
>;

/** Builds (does not store) a timeline event, for `addTimelineEvent` inside another write's transaction. */
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
 * Inside a write, stores `event` as the next event of its project's timeline. The sequence number is the
 * count of the project's events so far: readwrite transactions on the timeline run one at a time, even across
 * tabs and workers, so the count is exact.
 */
export async function addTimelineEvent(
  timeline: TimelineStore,
  event: TimelineRecord,
): Promise<TimelineRecord> {
  const sequence = await timeline.index('by-project').count(event.projectId);
  const stored = { ...event, sequence };
  await timeline.add(stored);
  return stored;
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
  const stored = await runWrite(db, ['projects', 'timeline'], async (tx) => {
    await touchProject(tx.objectStore('projects'), projectId, event.createdAt);
    return addTimelineEvent(tx.objectStore('timeline'), event);
  });
  announceChange({ store: 'timeline', projectId, id: event.id });
  return stored;
}

/** Timeline order: oldest first; events of the same millisecond in the order they were stored. */
export function compareTimeline(a: TimelineRecord, b: TimelineRecord): number {
  return (
    a.createdAt - b.createdAt ||
    (a.sequence ?? 0) - (b.sequence ?? 0) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/** A project's timeline, in {@link compareTimeline} order. */
export async function listTimeline(db: IDBPDatabase<LooplabDB>, projectId: Id): Promise<TimelineRecord[]> {
  const events = await runRead(() => db.getAllFromIndex('timeline', 'by-project', projectId));
  return events.map(restoreTimeline).sort(compareTimeline);
}
