/**
 * The data worker: parses uploads and writes them to storage, so neither the parse nor the IndexedDB writes
 * (structured cloning of every chunk) run on the page's thread. It also builds the sample project and
 * packs and unpacks project files.
 */
// First, so the test hooks (browser tests' build only) see everything this worker does.
import { testBarrier } from './test-hooks.ts';
import { expose } from 'comlink';
import { browserSizeLimits, checkFileSize, type SizeLimit } from '../src/core/ingest/check-file-size.ts';
import {
  DEFAULT_IMPORT_OPTIONS,
  ingestCsv,
  ingestOptionsFor,
  type ColumnChunk,
  type ImportOptions,
  type IngestProgress,
} from '../src/core/ingest/index.ts';
import {
  RECORD_SCHEMA_VERSION,
  type PackedChunkRecord,
  type DatasetRecord,
  type ProjectRecord,
} from '../src/core/records.ts';
import { SAMPLE_PROJECT, generateChurnCsv, generateChurnNextMonthCsv } from '../src/core/sample/index.ts';
import { exportProject, importProject } from '../src/storage/project-io.ts';
import { analyseDataset, type DatasetAnalysis } from '../src/core/prepare/analyse-dataset.ts';
import {
  prepareDataset,
  type PreparePreview,
  type SplitRequest,
} from '../src/core/prepare/prepare-dataset.ts';
import type { Recipe } from '../src/core/recipe/index.ts';
import { packColumn } from '../src/core/table/packed-column.ts';
import type { ColumnType } from '../src/core/table/raw-table.ts';
import { bytesOf, throttle } from './blob-stream.ts';
import { loadTable } from './load-table.ts';
import { workerStorage } from './worker-storage.ts';

interface Parsed {
  dataset: DatasetRecord;
  chunks: PackedChunkRecord[];
}

async function parse(
  blob: Blob,
  projectId: string,
  name: string,
  source: DatasetRecord['source'],
  onProgress?: (p: IngestProgress) => void,
  choice: ImportOptions = DEFAULT_IMPORT_OPTIONS,
): Promise<Parsed> {
  const datasetId = crypto.randomUUID();
  // Each chunk is packed as it arrives, so the parser's per-cell strings die young (see packColumn).
  const chunks: PackedChunkRecord[] = [];
  const progress = throttle(onProgress);
  const result = await ingestCsv(bytesOf(blob), {
    ...ingestOptionsFor(choice),
    totalBytes: blob.size,
    onChunk: async (chunk: ColumnChunk) => {
      chunks.push({
        schemaVersion: RECORD_SCHEMA_VERSION,
        datasetId,
        index: chunk.index,
        packed: chunk.columns.map(packColumn),
      });
      if (chunk.index === 0) await testBarrier('ingest:first-chunk');
    },
    onProgress: (p) => progress(p),
  });
  progress({ bytesRead: result.byteLength, totalBytes: blob.size, rows: result.rowCount }, true);
  const dataset: DatasetRecord = {
    schemaVersion: RECORD_SCHEMA_VERSION,
    id: datasetId,
    projectId,
    createdAt: Date.now(),
    name,
    sha256: result.sha256,
    byteLength: result.byteLength,
    rowCount: result.rowCount,
    columns: result.header.map((columnName, index) => ({ name: columnName, index })),
    delimiter: result.delimiter,
    chunkRows: result.chunkRows,
    chunkCount: result.chunkCount,
    source,
    // Dropped ragged rows are listed with the warnings, so none disappears unseen.
    warnings: [
      ...result.warnings,
      ...result.rejected.map((r) => `Line ${r.line}: dropped (${r.reason}).`),
      ...(result.rejectedCount > result.rejected.length
        ? [`… and ${result.rejectedCount - result.rejected.length} more dropped rows.`]
        : []),
    ],
  };
  return { dataset, chunks };
}

/** What this device can take, checked before an upload is read (see browserSizeLimits). */
async function deviceLimits(): Promise<SizeLimit[]> {
  const estimate = await navigator.storage?.estimate?.().catch(() => undefined);
  return browserSizeLimits((navigator as { deviceMemory?: number }).deviceMemory, estimate);
}

const api = {
  /**
   * Parses an uploaded CSV/TSV and stores it as a dataset version of the project, in one transaction.
   * Progress is reported in bytes and rows; cancelling terminates the worker before anything is written.
   */
  async ingestFile(
    file: File,
    projectId: string,
    onProgress?: (p: IngestProgress) => void,
    choice: ImportOptions = DEFAULT_IMPORT_OPTIONS,
  ): Promise<DatasetRecord> {
    checkFileSize(file.size, await deviceLimits());
    const { dataset, chunks } = await parse(file, projectId, file.name, 'upload', onProgress, choice);
    await testBarrier('ingest:parsed');
    const storage = await workerStorage();
    await storage.saveDataset(dataset, chunks);
    return dataset;
  },

  /** Generates the seeded sample project (a messy churn table and a drifted next-month batch) and stores it. */
  async createSampleProject(): Promise<ProjectRecord> {
    const projectId = crypto.randomUUID();
    const { training, nextMonth } = SAMPLE_PROJECT.datasets;
    const files = [
      { name: training.name, text: generateChurnCsv({ rows: training.rows, seed: training.seed }) },
      {
        name: nextMonth.name,
        text: generateChurnNextMonthCsv({ rows: nextMonth.rows, seed: nextMonth.seed }),
      },
    ];
    const datasets: Parsed[] = [];
    for (const file of files)
      datasets.push(await parse(new Blob([file.text]), projectId, file.name, 'sample'));
    // One transaction: the sample project appears whole or not at all.
    const storage = await workerStorage();
    return storage.createProject(SAMPLE_PROJECT.name, { sample: true, id: projectId, datasets });
  },

  /**
   * Profiles a stored dataset (with type overrides), checks the target if one is chosen, and suggests
   * cleaning steps. Progress is reported per column.
   */
  async analyseDataset(
    datasetId: string,
    options: { types?: Record<string, ColumnType>; target?: string },
    onProgress?: (done: number, total: number) => void,
  ): Promise<DatasetAnalysis> {
    const table = await loadTable(datasetId);
    return analyseDataset(table, { ...options, onProgress });
  },

  /** Splits and runs a recipe on a stored dataset: the before/after counts of every step, and the sealed split. */
  async prepareDataset(datasetId: string, recipe: Recipe, split: SplitRequest): Promise<PreparePreview> {
    return prepareDataset(await loadTable(datasetId), recipe, split);
  },

  /** The raw values of some rows (0-based), to show rows a step dropped. */
  async viewRows(datasetId: string, rowIds: number[]): Promise<{ names: string[]; rows: string[][] }> {
    const table = await loadTable(datasetId);
    return { names: table.names, rows: rowIds.map((r) => table.columns.map((column) => column[r] ?? '')) };
  },

  /** Packs a whole project into one zip file. */
  async exportProject(projectId: string): Promise<Uint8Array> {
    const storage = await workerStorage();
    return exportProject(storage.db, projectId, { appVersion: storage.appVersion });
  },

  /** Validates a project file completely, then stores it as a new project in one transaction. */
  importProject: async (bytes: Uint8Array): Promise<ProjectRecord> =>
    importProject((await workerStorage()).db, bytes),
};

export type DataApi = typeof api;
expose(api);
