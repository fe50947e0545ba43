/**
 * Datasets: a metadata record in 'datasets' and its rows in 'chunks', keyed [datasetId, index]. A dataset and
 * all its chunks are written in one transaction, so a dataset is either whole or absent.
 */
import type { IDBPDatabase } from 'idb';
import type { DatasetChunkRecord, DatasetRecord, Id, PackedChunkRecord } from '../core/records.ts';
import { packColumn } from '../core/table/packed-column.ts';
import { announceChange } from './broadcast.ts';
import { StorageError } from './errors.ts';
import { prefixRange } from './key-range.ts';
import { restoreChunk, restoreDataset } from './restore.ts';
import type { LooplabDB } from './schema.ts';
import { addTimelineEvent, newTimelineEvent } from './timeline.ts';
import { touchProject } from './touch-project.ts';
import { queueWrite, runRead, runWrite, type WriteTransaction } from './transact.ts';

/**
 * Stores a dataset with all its chunks and a 'dataset-added' timeline event, in one transaction. The caller
 * gives the dataset its id (`crypto.randomUUID()`), since the chunks name it. Throws StorageError if the
 * chunks are not exactly chunks 0..chunkCount-1 of this dataset or the project does not exist, and
 * StorageFullError if the device is full; in every failure nothing is stored.
 */
export async function saveDataset(
  db: IDBPDatabase<LooplabDB>,
  dataset: DatasetRecord,
  chunks: readonly ChunkInput[],
): Promise<DatasetRecord> {
  await runWrite(db, ['projects', 'datasets', 'chunks', 'timeline'], async (tx) => {
    await touchProject(tx.objectStore('projects'), dataset.projectId, Date.now());
    await writeDataset(tx, dataset, chunks);
  });
  announceChange({ store: 'datasets', projectId: dataset.projectId, id: dataset.id });
  return dataset;
}

/**
 * Queues a dataset, its chunks and its 'dataset-added' timeline event inside a caller's transaction, so that
 * saving one dataset and creating a project with its datasets share one code path.
 */
export async function writeDataset(
  tx: WriteTransaction<readonly ['projects', 'datasets', 'chunks', 'timeline']>,
  dataset: DatasetRecord,
  chunks: readonly ChunkInput[],
): Promise<void> {
  checkChunks(dataset, chunks);
  const event = newTimelineEvent(
    dataset.projectId,
    'dataset-added',
    `Dataset “${dataset.name}” added: ${dataset.rowCount} rows, ${dataset.columns.length} columns`,
    { datasetId: dataset.id, sha256: dataset.sha256, rowCount: dataset.rowCount },
  );
  const chunkStore = tx.objectStore('chunks');
  queueWrite(tx.objectStore('datasets').add(dataset));
  for (const chunk of chunks) queueWrite(chunkStore.add(packChunk(chunk)));
  await addTimelineEvent(tx.objectStore('timeline'), event);
}

/** A chunk to store: plain columns, or already packed by the caller (the data worker packs as it parses). */
export type ChunkInput = DatasetChunkRecord | PackedChunkRecord;

function packChunk(chunk: ChunkInput): PackedChunkRecord {
  if ('packed' in chunk) return chunk;
  const { columns, ...rest } = chunk;
  return { ...rest, packed: columns.map(packColumn) };
}

/** A project's datasets, oldest first. */
export async function listDatasets(db: IDBPDatabase<LooplabDB>, projectId: Id): Promise<DatasetRecord[]> {
  const datasets = await runRead(() => db.getAllFromIndex('datasets', 'by-project', projectId));
  return datasets.map(restoreDataset).sort((a, b) => a.createdAt - b.createdAt);
}

/** One dataset's metadata, or undefined if there is none with this id. */
export async function getDataset(db: IDBPDatabase<LooplabDB>, id: Id): Promise<DatasetRecord | undefined> {
  const dataset = await runRead(() => db.get('datasets', id));
  return dataset === undefined ? undefined : restoreDataset(dataset);
}

/** One block of a dataset's rows, or undefined if the dataset has no chunk `index`. */
export async function getChunk(
  db: IDBPDatabase<LooplabDB>,
  datasetId: Id,
  index: number,
): Promise<DatasetChunkRecord | undefined> {
  const chunk = await runRead(() => db.get('chunks', [datasetId, index]));
  return chunk === undefined ? undefined : restoreChunk(chunk);
}

/**
 * Deletes a dataset and all its chunks, and notes it on the project's timeline, in one transaction. Returns
 * false if there was no such dataset.
 */
export async function deleteDataset(db: IDBPDatabase<LooplabDB>, id: Id): Promise<boolean> {
  const deleted = await runWrite(db, ['projects', 'datasets', 'chunks', 'timeline'], async (tx) => {
    const stored = await tx.objectStore('datasets').get(id);
    if (stored === undefined) return undefined;
    const dataset = restoreDataset(stored);
    const event = newTimelineEvent(
      dataset.projectId,
      'dataset-deleted',
      `Dataset “${dataset.name}” deleted`,
      {
        datasetId: id,
      },
    );
    await touchProject(tx.objectStore('projects'), dataset.projectId, event.createdAt);
    queueWrite(tx.objectStore('datasets').delete(id));
    queueWrite(tx.objectStore('chunks').delete(prefixRange(id)));
    await addTimelineEvent(tx.objectStore('timeline'), event);
    return dataset;
  });
  if (deleted === undefined) return false;
  announceChange({ store: 'datasets', projectId: deleted.projectId, id });
  return true;
}

/** A dataset with a missing, extra or foreign chunk would read wrong forever after; refuse it up front. */
function checkChunks(dataset: DatasetRecord, chunks: readonly ChunkInput[]): void {
  if (chunks.length !== dataset.chunkCount) {
    throw new StorageError(
      `Dataset “${dataset.name}” was not saved: it declares ${dataset.chunkCount} chunks but ${chunks.length} were given.`,
    );
  }
  chunks.forEach((chunk, i) => {
    if (chunk.datasetId !== dataset.id || chunk.index !== i) {
      throw new StorageError(
        `Dataset “${dataset.name}” was not saved: chunk ${i} is chunk ${chunk.index} of dataset ${chunk.datasetId}.`,
      );
    }
  });
}
