import { ingestCsv, type ColumnChunk } from '../src/core/ingest/index.ts';
import { bytesOf } from './blob-stream.ts';
import { workerStorage } from './worker-storage.ts';

/** Header names accepted for the request id and for the label, in order of preference. */
const KEY_NAMES = ['request_id', 'requestid', 'request', 'id'];
const LABEL_NAMES = ['label', 'actual', 'truth', 'y'];

export interface LabelsUpload {
  rows: number;
  stored: number;
  /** Request ids in the file that are not in the prediction log (first 20), and how many there were. */
  unknown: string[];
  unknownCount: number;
  keyColumn: string;
  labelColumn: string;
}

/**
 * Joins a labels CSV to the prediction log by request id (LIFECYCLE §7: labels arrive later). The key
 * column is `request_id` (or requestId, request, id) and the label column `label` (or actual, truth, y, or
 * the model's target name). Rows whose id is not logged are counted and listed, never silently dropped.
 *
 * @throws Error naming the columns it looked for when the file has no key or no label column.
 */
export async function uploadLabels(projectId: string, file: Blob, target: string): Promise<LabelsUpload> {
  const storage = await workerStorage();
  let keyAt = -1;
  let labelAt = -1;
  let header: readonly string[] = [];
  const result: LabelsUpload = {
    rows: 0,
    stored: 0,
    unknown: [],
    unknownCount: 0,
    keyColumn: '',
    labelColumn: '',
  };
  await ingestCsv(bytesOf(file), {
    totalBytes: file.size,
    header: true,
    ragged: 'drop',
    chunkRows: 5000,
    onHeader: (names) => {
      header = names;
      keyAt = header.findIndex((h) => KEY_NAMES.includes(h.trim().toLowerCase()));
      labelAt = header.findIndex(
        (h, i) => i !== keyAt && (LABEL_NAMES.includes(h.trim().toLowerCase()) || h === target),
      );
      if (keyAt < 0)
        throw new Error(
          `The labels file needs a request id column (${KEY_NAMES.join(', ')}); it has ${header.join(', ')}.`,
        );
      if (labelAt < 0)
        throw new Error(
          `The labels file needs a label column (${[...LABEL_NAMES, target].join(', ')}); it has ${header.join(', ')}.`,
        );
      result.keyColumn = header[keyAt]!;
      result.labelColumn = header[labelAt]!;
    },
    onChunk: async (chunk: ColumnChunk) => {
      const ids = chunk.columns[keyAt]!;
      const labels = chunk.columns[labelAt]!;
      const joined = await storage.addLabels(
        projectId,
        ids.map((requestId, r) => ({ requestId: requestId.trim(), label: labels[r]! })),
      );
      result.rows += ids.length;
      result.stored += joined.stored;
      result.unknownCount += joined.unknown.length;
      result.unknown.push(...joined.unknown.slice(0, 20 - result.unknown.length));
    },
  });
  return result;
}
