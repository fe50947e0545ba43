/**
 * Projects: the root records. A project owns every record in every other store (see schema.ts), so deleting
 * one walks all of them in a single transaction.
 */
import type { IDBPDatabase } from 'idb';
import { RECORD_SCHEMA_VERSION, type DatasetRecord, type Id, type ProjectRecord } from '../core/records.ts';
import { announceChange } from './broadcast.ts';
import { writeDataset, type ChunkInput } from './datasets.ts';
import { StorageError } from './errors.ts';
import { prefixRange } from './key-range.ts';
import { validateProjectName } from './project-name.ts';
import { restoreProject } from './restore.ts';
import { ALL_STORES, PROJECT_SCOPED_STORES, type LooplabDB } from './schema.ts';
import { addTimelineEvent, newTimelineEvent } from './timeline.ts';
import { touchProject } from './touch-project.ts';
import { queueWrite, runRead, runWrite, type WriteTransaction } from './transact.ts';

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
 * ProjectNameError if it is empty or longer than 120 characters. `datasets`, whose records must already name
 * the project by `id`, are written in the same transaction: the sample project appears whole or not at all.
 *
 * @example const project = await createProject(db, 'Bike demand', { sample: true })
 */
export async function createProject(
  db: IDBPDatabase<LooplabDB>,
  name: string,
  options: {
    sample?: boolean;
    id?: Id;
    datasets?: readonly { dataset: DatasetRecord; chunks: readonly ChunkInput[] }[];
  } = {},
): Promise<ProjectRecord> {
  const now = Date.now();
  const project: ProjectRecord = {
    schemaVersion: RECORD_SCHEMA_VERSION,
    id: options.id ?? crypto.randomUUID(),
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
  const datasets = options.datasets ?? [];
  for (const { dataset } of datasets) {
    if (dataset.projectId !== project.id) {
      throw new StorageError(`Dataset “${dataset.name}” belongs to another project; nothing was saved.`);
    }
  }
  await runWrite(db, ['projects', 'datasets', 'chunks', 'timeline'], async (tx) => {
    queueWrite(tx.objectStore('projects').add(project));
    await addTimelineEvent(tx.objectStore('timeline'), event);
    for (const { dataset, chunks } of datasets) await writeDataset(tx, dataset, chunks);
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
    const event = newTimelineEvent(
      id,
      'project-renamed',
      `Renamed from “${before.name}” to “${newName}”`,
      undefined,
      now,
    );
    queueWrite(projects.put(project));
    await addTimelineEvent(tx.objectStore('timeline'), event);
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
    for (const datasetId of datasetIds) queueWrite(chunks.delete(prefixRange(datasetId)));
    await Promise.all(PROJECT_SCOPED_STORES.map((store) => deleteByProject(tx, store, id)));
    queueWrite(tx.objectStore('projects').delete(id));
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
  for (const key of keys) queueWrite(objectStore.delete(key));
}
