/**
 * Projects: the root records. A project owns every record in every other store (see schema.ts), so deleting
 * one walks all of them in a single transaction.
 */
import type { IDBPDatabase } from 'idb';
import { RECORD_SCHEMA_VERSION, type Id, type ProjectRecord } from '../core/records.ts';
import { announceChange } from './broadcast.ts';
import { prefixRange } from './key-range.ts';
import { validateProjectName } from './project-name.ts';
import { restoreProject } from './restore.ts';
import { ALL_STORES, PROJECT_SCOPED_STORES, type LooplabDB } from './schema.ts';
import { newTimelineEvent } from './timeline.ts';
import { touchProject } from './touch-project.ts';
import { runRead, runWrite, type WriteTransaction } from './transact.ts';

/** Every project, the most recently updated first. */
export async function listProjects(db: IDBPDatabase<LooplabDB>): Promise<ProjectRecord[]> {
  const projects = await runRead(() => db.getAll('projects'));
  return projects.map(restoreProject).sort((a, b) => b.updatedAt - a.updatedAt);
}

/** One project, or undefined if there is none with this id. */
export async function getProject(db: IDBPDatabase<LooplabDB>, id: Id): Promise<ProjectRecord | undefined> {
  const project = await runRead(() => db.get('projects', id));
  return project === undefined ? undefined : restoreProject(project);
}

/**
 * Creates a project and its first timeline event, in one transaction. The name is trimmed; throws
 * ProjectNameError if it is empty or longer than 120 characters.
 *
 * @example const project = await createProject(db, 'Bike demand', { sample: true })
 */
export async function createProject(
  db: IDBPDatabase<LooplabDB>,
  name: string,
  options: { sample?: boolean } = {},
): Promise<ProjectRecord> {
  const now = Date.now();
  const project: ProjectRecord = {
    schemaVersion: RECORD_SCHEMA_VERSION,
    id: crypto.randomUUID(),
    name: validateProjectName(name),
    createdAt: now,
    updatedAt: now,
  };
  if (options.sample === true) project.sample = true;
  const event = newTimelineEvent(
    project.id,
    'project-created',
    `Project “${project.name}” created`,
    undefined,
    now,
  );
  await runWrite(db, ['projects', 'timeline'], async (tx) => {
    await Promise.all([tx.objectStore('projects').add(project), tx.objectStore('timeline').add(event)]);
  });
  announceChange({ store: 'projects', projectId: project.id, id: project.id });
  return project;
}

/**
 * Renames a project (trimmed; throws ProjectNameError if empty or longer than 120 characters) and records
 * the rename on its timeline. Throws StorageError if the project does not exist.
 */
export async function renameProject(
  db: IDBPDatabase<LooplabDB>,
  id: Id,
  name: string,
): Promise<ProjectRecord> {
  const newName = validateProjectName(name);
  const now = Date.now();
  const renamed = await runWrite(db, ['projects', 'timeline'], async (tx) => {
    const projects = tx.objectStore('projects');
    const before = await touchProject(projects, id, now);
    const project = { ...before, name: newName };
    await Promise.all([
      projects.put(project),
      tx
        .objectStore('timeline')
        .add(
          newTimelineEvent(
            id,
            'project-renamed',
            `Renamed from “${before.name}” to “${newName}”`,
            undefined,
            now,
          ),
        ),
    ]);
    return project;
  });
  announceChange({ store: 'projects', projectId: id, id });
  return renamed;
}

/**
 * Deletes a project and every record it owns, in every store, in one transaction: either all of it goes or,
 * on failure, none of it. Returns false if there was no such project.
 */
export async function deleteProject(db: IDBPDatabase<LooplabDB>, id: Id): Promise<boolean> {
  const existed = await runWrite(db, ALL_STORES, async (tx) => {
    if ((await tx.objectStore('projects').getKey(id)) === undefined) return false;
    const datasetIds = await tx.objectStore('datasets').index('by-project').getAllKeys(id);
    const chunks = tx.objectStore('chunks');
    const deletions: Promise<unknown>[] = datasetIds.map((datasetId) =>
      chunks.delete(prefixRange(datasetId)),
    );
    for (const store of PROJECT_SCOPED_STORES) {
      deletions.push(deleteByProject(tx, store, id));
    }
    deletions.push(tx.objectStore('projects').delete(id));
    await Promise.all(deletions);
    return true;
  });
  if (!existed) return false;
  announceChange({ store: 'projects', projectId: id, id });
  return true;
}

async function deleteByProject(
  tx: WriteTransaction<typeof ALL_STORES>,
  store: (typeof PROJECT_SCOPED_STORES)[number],
  projectId: Id,
): Promise<void> {
  const objectStore = tx.objectStore(store);
  const keys = await objectStore.index('by-project').getAllKeys(projectId);
  await Promise.all(keys.map((key) => objectStore.delete(key)));
}
