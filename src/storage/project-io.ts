/**
 * Export a project to one file and import it back (backup, sharing, moving machines). The file format and
 * its validation live in src/core/project-file; this module only reads and writes the database, each in a
 * single transaction.
 */
import type { IDBPDatabase } from 'idb';
import type { Id, ProjectRecord } from '../core/records.ts';
import {
  decodeProjectFile,
  encodeProjectFile,
  remapIds,
  type DecodeProjectFileOptions,
  type EncodeProjectFileOptions,
  type ProjectSnapshot,
} from '../core/project-file/index.ts';
import { announceChange } from './broadcast.ts';
import { StorageError } from './errors.ts';
import { prefixRange } from './key-range.ts';
import { importedProjectName } from './project-name.ts';
import * as restore from './restore.ts';
import { ALL_STORES, type LooplabDB } from './schema.ts';
import { addTimelineEvent, newTimelineEvent } from './timeline.ts';
import { queueWrite, runRead, runWrite } from './transact.ts';

/**
 * Reads a project and everything it owns in one read transaction (a consistent snapshot even while another
 * tab writes) and packs it into a project file. Records are normalised on the way out, so the file holds
 * only current shapes. Throws StorageError if the project does not exist.
 *
 * @example const bytes = await exportProject(db, projectId, { appVersion: __APP_VERSION__ })
 */
export async function exportProject(
  db: IDBPDatabase<LooplabDB>,
  id: Id,
  options: Pick<EncodeProjectFileOptions, 'appVersion' | 'exportedAt'> = {},
): Promise<Uint8Array> {
  const snapshot = await readSnapshot(db, id);
  return encodeProjectFile(snapshot, options);
}

/**
 * Imports a project file as a new project. The file is decoded and validated in full before the database is
 * touched (a bad file throws ProjectFileError and writes nothing); then every record is written with a fresh
 * id in one transaction, so importing the same file twice gives two projects, and a failed write (e.g.
 * StorageFullError) leaves nothing behind. The project is renamed "<name> (imported)" if its name is taken.
 */
export async function importProject(
  db: IDBPDatabase<LooplabDB>,
  bytes: Uint8Array,
  options: DecodeProjectFileOptions = {},
): Promise<ProjectRecord> {
  const snapshot = remapIds(decodeProjectFile(bytes, options), () => crypto.randomUUID());
  const now = Date.now();

  const project = await runWrite(db, ALL_STORES, async (tx) => {
    const taken = new Set((await tx.objectStore('projects').getAll()).map((p) => p.name));
    const imported: ProjectRecord = {
      ...snapshot.project,
      name: importedProjectName(snapshot.project.name, taken),
      updatedAt: now,
    };
    const event = newTimelineEvent(
      imported.id,
      'project-imported',
      'Imported from a project file',
      {
        originalName: snapshot.project.name,
      },
      now,
    );
    // add, not put: ids are fresh, so a collision would be a bug, and it should fail rather than overwrite.
    const addAll = <T>(records: T[], add: (record: T) => Promise<unknown>) => {
      for (const record of records) queueWrite(add(record));
    };
    queueWrite(tx.objectStore('projects').add(imported));
    addAll(snapshot.datasets, (r) => tx.objectStore('datasets').add(r));
    addAll(snapshot.chunks, (r) => tx.objectStore('chunks').add(r));
    addAll(snapshot.problems, (r) => tx.objectStore('problems').add(r));
    addAll(snapshot.recipes, (r) => tx.objectStore('recipes').add(r));
    addAll(snapshot.runs, (r) => tx.objectStore('runs').add(r));
    addAll(snapshot.bundles, (r) => tx.objectStore('bundles').add(r));
    addAll(snapshot.aliases, (r) => tx.objectStore('aliases').add(r));
    addAll(snapshot.deployments, (r) => tx.objectStore('deployments').add(r));
    addAll(snapshot.predictions, (r) => tx.objectStore('predictions').add(r));
    addAll(snapshot.labels, (r) => tx.objectStore('labels').add(r));
    addAll(snapshot.alerts, (r) => tx.objectStore('alerts').add(r));
    addAll(snapshot.timeline, (r) => tx.objectStore('timeline').add(r));
    // Counted after the copied events above, so the import event comes last.
    await addTimelineEvent(tx.objectStore('timeline'), event);
    return imported;
  });
  announceChange({ store: 'projects', projectId: project.id, id: project.id });
  return project;
}

function readSnapshot(db: IDBPDatabase<LooplabDB>, id: Id): Promise<ProjectSnapshot> {
  return runRead(async () => {
    const tx = db.transaction(ALL_STORES, 'readonly');
    const [
      project,
      datasets,
      problems,
      recipes,
      runs,
      bundles,
      aliases,
      deployments,
      predictions,
      labels,
      alerts,
      timeline,
    ] = await Promise.all([
      tx.objectStore('projects').get(id),
      tx.objectStore('datasets').index('by-project').getAll(id),
      tx.objectStore('problems').index('by-project').getAll(id),
      tx.objectStore('recipes').index('by-project').getAll(id),
      tx.objectStore('runs').index('by-project').getAll(id),
      tx.objectStore('bundles').index('by-project').getAll(id),
      tx.objectStore('aliases').index('by-project').getAll(id),
      tx.objectStore('deployments').index('by-project').getAll(id),
      tx.objectStore('predictions').index('by-project').getAll(id),
      tx.objectStore('labels').index('by-project').getAll(id),
      tx.objectStore('alerts').index('by-project').getAll(id),
      tx.objectStore('timeline').index('by-project').getAll(id),
    ]);
    if (project === undefined)
      throw new StorageError(`Project ${id} does not exist (it may have been deleted).`);
    const chunkLists = await Promise.all(
      datasets.map((dataset) => tx.objectStore('chunks').getAll(prefixRange(dataset.id))),
    );
    return {
      project: restore.restoreProject(project),
      datasets: datasets.map(restore.restoreDataset),
      chunks: chunkLists.flat().map(restore.restoreChunk),
      problems: problems.map(restore.restoreProblem),
      recipes: recipes.map(restore.restoreRecipe),
      runs: runs.map(restore.restoreRun),
      bundles: bundles.map(restore.restoreBundle),
      aliases: aliases.map(restore.restoreAlias),
      deployments: deployments.map(restore.restoreDeployment),
      predictions: predictions.map(restore.restorePrediction),
      labels: labels.map(restore.restoreLabel),
      alerts: alerts.map(restore.restoreAlert),
      timeline: timeline.map(restore.restoreTimeline),
    };
  });
}
