import { bundleColumns } from '../src/core/bundle/index.ts';
import { ingestCsv, type ColumnChunk } from '../src/core/ingest/index.ts';
import type { RawTable } from '../src/core/table/raw-table.ts';
import { bytesOf, throttle } from './blob-stream.ts';
import { deployRequest, flushLog, openDeployment, type DeploymentStatus } from './deployment-runtime.ts';
import { loadTable } from './load-table.ts';
import { loadedBundle } from './serve-models.ts';
import { workerStorage } from './worker-storage.ts';

export interface ReplayProgress {
  requests: number;
  fraction: number;
  status: DeploymentStatus;
}

export interface ReplaySummary {
  requests: number;
  /** Requests answered by each arm. */
  byArm: { champion: number; challenger: number };
  errors: number;
  dropped: number;
  /** Requests that came with a label (the file held the target column). */
  labelled: number;
  /** The deployment changes the replay caused, in order (canary steps, promotion, rollback). */
  events: string[];
  status: DeploymentStatus;
}

let running: { aborted: boolean } | null = null;

export function cancelReplay(): void {
  if (running) running.aborted = true;
}

/**
 * Sends every row of a CSV through the live deployment as a request of its own, as production traffic
 * would arrive: the key column routes it (its row number when there is none), and the target column, when
 * the file has it, is the label the realised-metric gate needs, and is stored as the request's label.
 * Canary steps, promotion and automatic rollback happen as the gates decide, mid-file.
 */
export async function replayTraffic(
  projectId: string,
  file: Blob,
  keyColumn: string | null,
  onProgress?: (progress: ReplayProgress) => void,
): Promise<ReplaySummary> {
  const replay = await startReplay(projectId, onProgress);
  let bytesRead = 0;
  try {
    await ingestCsv(bytesOf(file), {
      totalBytes: file.size,
      header: 'auto',
      ragged: 'drop',
      chunkRows: 1000,
      signal: replay.signal,
      onHeader: (header) => replay.setHeader(header, keyColumn),
      onProgress: (p) => (bytesRead = p.bytesRead),
      onChunk: (chunk: ColumnChunk) => replay.send(chunk.columns, bytesRead / (file.size || 1)),
    });
    return replay.summary;
  } finally {
    await replay.end();
  }
}

/** `replayTraffic` for a dataset stored in the project (the sample project's next month, for one). */
export async function replayDataset(
  projectId: string,
  datasetId: string,
  keyColumn: string | null,
  onProgress?: (progress: ReplayProgress) => void,
): Promise<ReplaySummary> {
  const replay = await startReplay(projectId, onProgress);
  try {
    const table: RawTable = await loadTable(datasetId);
    replay.setHeader(table.names, keyColumn);
    const rows = table.columns[0]?.length ?? 0;
    for (let first = 0; first < rows && !replay.signal.aborted; first += 1000) {
      const block = table.columns.map((c) => c.slice(first, first + 1000));
      await replay.send(block, Math.min(1, (first + 1000) / rows));
    }
    return replay.summary;
  } finally {
    await replay.end();
  }
}

async function startReplay(projectId: string, onProgress?: (progress: ReplayProgress) => void) {
  const opened = await openDeployment(projectId);
  if (!opened.champion)
    throw new Error('There is no champion to serve requests: make a version the champion first.');
  const champion = await loadedBundle(opened.champion.id);
  const columns = bundleColumns(champion);
  const target = champion.signature.target;
  const signal = { aborted: false };
  if (running) running.aborted = true;
  running = signal;
  const summary: ReplaySummary = {
    requests: 0,
    byArm: { champion: 0, challenger: 0 },
    errors: 0,
    dropped: 0,
    labelled: 0,
    events: [],
    status: opened,
  };
  let names: readonly string[] = [];
  let keyAt = -1;
  const progress = throttle(onProgress);
  return {
    signal,
    summary,
    setHeader(header: readonly string[], keyColumn: string | null) {
      if (keyColumn !== null && !header.includes(keyColumn))
        throw new Error(`The file has no column "${keyColumn}" to use as the request key.`);
      names = header;
      keyAt = keyColumn === null ? -1 : header.indexOf(keyColumn);
    },
    /** Sends one block of rows (column-major), one request each. */
    async send(block: string[][], fraction: number) {
      const targetAt = names.indexOf(target);
      const rows = block[0]?.length ?? 0;
      const labels: { requestId: string; label: string }[] = [];
      for (let r = 0; r < rows && !signal.aborted; r++) {
        const record: Record<string, string> = {};
        for (const name of columns) {
          const at = names.indexOf(name);
          if (at >= 0) record[name] = block[at]![r]!;
        }
        const key = keyAt >= 0 ? block[keyAt]![r]! : String(summary.requests);
        const truth = targetAt >= 0 ? block[targetAt]![r]! : undefined;
        const response = await deployRequest(projectId, key, record, truth);
        summary.requests++;
        summary.byArm[response.arm]++;
        if (response.error) summary.errors++;
        if (response.dropped) summary.dropped++;
        if (truth !== undefined) {
          summary.labelled++;
          labels.push({ requestId: response.requestId, label: truth });
        }
        summary.events.push(...response.events);
        summary.status = response.status;
      }
      // The file's labels are stored as if they had arrived later, joined to the logged requests, so the
      // Monitor's realised metric has them; the log is written first, since a label needs its request.
      if (labels.length) {
        await flushLog();
        await (await workerStorage()).addLabels(projectId, labels);
      }
      progress({ requests: summary.requests, fraction, status: summary.status });
      // A macrotask turn between blocks, so that a cancel message is read.
      await new Promise((resolve) => setTimeout(resolve, 0));
    },
    async end() {
      await flushLog();
      if (running === signal) running = null;
    },
  };
}
