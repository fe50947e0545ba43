import type { IDBPObjectStore, StoreNames } from 'idb';
import type { Id, Millis, ProjectRecord } from '../core/records.ts';
import { StorageError } from './errors.ts';
import { restoreProject } from './restore.ts';
import type { LooplabDB } from './schema.ts';

export type ProjectsStore = IDBPObjectStore<
  LooplabDB,
  ArrayLike<StoreNames<LooplabDB>>,
  'projects',
  'readwrite'
>;

/**
 * Inside a write, checks that the project exists and moves its `updatedAt` to `now`, so the project list
 * (newest first) shows the project just worked on at the top. Throws StorageError if the project is gone,
 * which aborts the write: records of a deleted project would be orphans no screen can reach.
 */
export async function touchProject(
  projects: ProjectsStore,
  projectId: Id,
  now: Millis,
): Promise<ProjectRecord> {
  const stored = await projects.get(projectId);
  if (stored === undefined)
    throw new StorageError(`Project ${projectId} does not exist (it may have been deleted).`);
  const project = { ...restoreProject(stored), updatedAt: now };
  await projects.put(project);
  return project;
}
