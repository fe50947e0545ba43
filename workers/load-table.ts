import { concatChunks } from '../src/core/table/concat-chunks.ts';
import type { RawTable } from '../src/core/table/raw-table.ts';
import { workerStorage } from './worker-storage.ts';

let cachedTable: { id: string; table: RawTable } | undefined;

/** A stored dataset as one in-memory table; the last one is kept, since the views ask for it repeatedly. */
export async function loadTable(datasetId: string): Promise<RawTable> {
  if (cachedTable?.id === datasetId) return cachedTable.table;
  const storage = await workerStorage();
  const dataset = await storage.getDataset(datasetId);
  if (!dataset)
    throw new Error('This dataset is no longer stored (it may have been deleted in another tab).');
  const chunks: string[][][] = [];
  for (let i = 0; i < dataset.chunkCount; i++) chunks.push(await storage.loadChunk(datasetId, i));
  const table = concatChunks(
    dataset.columns.map((c) => c.name),
    chunks,
  );
  cachedTable = { id: datasetId, table };
  return table;
}
