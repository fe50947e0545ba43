import { bundleColumns } from '../src/core/bundle/index.ts';
import { ingestCsv, type ColumnChunk } from '../src/core/ingest/index.ts';
import { bytesOf, throttle } from './blob-stream.ts';
import { deployRequest, flushLog, openDeployment, type DeploymentStatus } from './deployment-runtime.ts';
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
 * the file has it, is the label the realised-metric gate needs, and is stored as the request's label. Canary steps, promotion and automatic
 * rollback happen as the gates decide, mid-file.
 */
export async function replayTraffic(
  projectId: string,
  file: Blob,
  keyColumn: string | null,
  onProgress?: (progress: ReplayProgress) => void,
): Promise<ReplaySummary> {
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
  let bytesRead = 0;
  const progress = throttle(onProgress);
  try {
    await ingestCsv(bytesOf(file), {
      totalBytes: file.size,
      header: 'auto',
      ragged: 'drop',
      chunkRows: 1000,
      signal,
      onHeader: (header) => {
        if (keyColumn !== null && !header.includes(keyColumn))
          throw new Error(`The file has no column "${keyColumn}" to use as the request key.`);
        names = header;
      },
      onProgress: (p) => (bytesRead = p.bytesRead),
      onChunk: async (chunk: ColumnChunk) => {
        const keyAt = keyColumn === null ? -1 : names.indexOf(keyColumn);
        const targetAt = names.indexOf(target);
        const rows = chunk.columns[0]?.length ?? 0;
        const labels: { requestId: string; label: string }[] = [];
        for (let r = 0; r < rows && !signal.aborted; r++) {
          const record: Record<string, string> = {};
          for (const name of columns) {
            const at = names.indexOf(name);
            if (at >= 0) record[name] = chunk.columns[at]![r]!;
          }
          const key = keyAt >= 0 ? chunk.columns[keyAt]![r]! : String(summary.requests);
          const truth = targetAt >= 0 ? chunk.columns[targetAt]![r]! : undefined;
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
        progress({
          requests: summary.requests,
          fraction: bytesRead / (file.size || 1),
          status: summary.status,
        });
        // A macrotask turn between blocks, so that a cancel message is read.
        await new Promise((resolve) => setTimeout(resolve, 0));
      },
    });
    return summary;
  } finally {
    await flushLog();
    if (running === signal) running = null;
  }
}
