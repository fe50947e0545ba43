/**
 * Problems and recipes are versioned: saving never overwrites, it adds version N+1 of the project's record
 * (with a timeline event, in the same transaction), so a run can always name the exact version it used.
 */
import type { IDBPDatabase } from 'idb';
import { RECORD_SCHEMA_VERSION, type Id, type ProblemRecord, type RecipeRecord } from '../core/records.ts';
import { announceChange } from './broadcast.ts';
import { restoreProblem, restoreRecipe } from './restore.ts';
import type { LooplabDB } from './schema.ts';
import { addTimelineEvent, newTimelineEvent } from './timeline.ts';
import { touchProject } from './touch-project.ts';
import { queueWrite, runRead, runWrite } from './transact.ts';

type VersionedStore = 'problems' | 'recipes';
type RecordOf<S extends VersionedStore> = S extends 'problems' ? ProblemRecord : RecipeRecord;
type Draft<S extends VersionedStore> = Omit<RecordOf<S>, 'id' | 'version' | 'createdAt' | 'schemaVersion'>;

const restore = { problems: restoreProblem, recipes: restoreRecipe } as const;

/** Stores the next version of a project's problem card or recipe, with a timeline event; returns it. */
export async function saveVersion<S extends VersionedStore>(
  db: IDBPDatabase<LooplabDB>,
  store: S,
  draft: Draft<S>,
  event: { kind: string; message: string },
): Promise<RecordOf<S>> {
  const now = Date.now();
  const saved = await runWrite(db, ['projects', store, 'timeline'], async (tx) => {
    await touchProject(tx.objectStore('projects'), draft.projectId, now);
    const existing = await tx
      .objectStore(store)
      .index('by-project')
      .getAll(IDBKeyRange.only(draft.projectId));
    const version = existing.reduce((max, r) => Math.max(max, r.version), 0) + 1;
    const record = {
      ...draft,
      schemaVersion: RECORD_SCHEMA_VERSION,
      id: crypto.randomUUID(),
      createdAt: now,
      version,
    } as RecordOf<S>;
    queueWrite(tx.objectStore(store).add(record as never));
    await addTimelineEvent(
      tx.objectStore('timeline'),
      newTimelineEvent(
        draft.projectId,
        event.kind,
        `${event.message} (version ${version})`,
        { id: record.id, version },
        now,
      ),
    );
    return record;
  });
  announceChange({ store, projectId: draft.projectId, id: saved.id });
  return saved;
}

/** The newest version of a project's problem card or recipe, or undefined if there is none yet. */
export async function latestVersion<S extends VersionedStore>(
  db: IDBPDatabase<LooplabDB>,
  store: S,
  projectId: Id,
): Promise<RecordOf<S> | undefined> {
  const all = await runRead(() => db.getAllFromIndex(store, 'by-project', IDBKeyRange.only(projectId)));
  const newest = all.reduce<(typeof all)[number] | undefined>(
    (a, r) => (!a || r.version > a.version ? r : a),
    undefined,
  );
  return newest === undefined ? undefined : (restore[store] as (r: typeof newest) => RecordOf<S>)(newest);
}
