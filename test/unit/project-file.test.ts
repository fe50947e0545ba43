import { createHash } from 'node:crypto';
import { strToU8, strFromU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  decodeProjectFile,
  encodeProjectFile,
  ProjectFileError,
  remapIds,
  type ProjectFileProblem,
  type ProjectSnapshot,
} from '../../src/core/project-file/index.ts';
import { formatSize } from '../../src/core/project-file/format-size.ts';
import {
  DEFAULT_MAX_BUNDLE_BYTES,
  DEFAULT_MAX_PROJECT_FILE_BYTES,
  tooLargeMessage,
} from '../../src/core/project-file/import-limits.ts';

const EXPORTED_AT = Date.UTC(2024, 0, 2, 3, 4, 5);
const SHA = 'ab'.repeat(32);

/** A small project that touches every store, with values chosen to be checked by hand. */
function sampleSnapshot(): ProjectSnapshot {
  const scoped = (id: string, createdAt: number) => ({ schemaVersion: 1, id, projectId: 'p-1', createdAt });
  return {
    project: { schemaVersion: 1, id: 'p-1', name: 'Churn', createdAt: 1000, updatedAt: 5000 },
    datasets: [
      {
        ...scoped('d-1', 1100),
        name: 'customers.csv',
        sha256: SHA,
        byteLength: 42,
        rowCount: 3,
        columns: [
          { name: 'age', index: 0 },
          { name: 'plan', index: 1 },
        ],
        delimiter: ',',
        chunkRows: 2,
        chunkCount: 2,
        source: 'upload',
        warnings: ['line 4: 3 fields, expected 2'],
      },
    ],
    chunks: [
      // 'd-1' as a cell value: user data that happens to equal an id must survive remapping untouched.
      {
        schemaVersion: 1,
        datasetId: 'd-1',
        index: 0,
        columns: [
          ['34', '51'],
          ['basic', 'd-1'],
        ],
      },
      { schemaVersion: 1, datasetId: 'd-1', index: 1, columns: [['29'], ['pro']] },
    ],
    problems: [
      { ...scoped('pb-1', 1200), version: 1, datasetId: 'd-1', card: { target: 'plan', task: 'binary' } },
    ],
    recipes: [{ ...scoped('rc-1', 1300), version: 1, steps: [{ op: 'trim', column: 'plan' }] }],
    runs: [
      {
        ...scoped('r-1', 1400),
        status: 'finished',
        params: { model: 'logistic', l2: 0.01 },
        seed: 7,
        history: [{ epoch: 1, loss: 0.69 }],
        // Non-finite metrics must come back as themselves, not as null.
        metrics: { auc: 0.5, logLoss: Number.POSITIVE_INFINITY, balancedAccuracy: Number.NaN },
        environment: { backend: 'wasm', cores: 8 },
        finishedAt: 1450,
      },
    ],
    bundles: [
      {
        ...scoped('b-1', 1500),
        runId: 'r-1',
        version: 1,
        payload: { lineage: { runId: 'r-1', datasetId: 'd-1' } },
      },
    ],
    aliases: [{ schemaVersion: 1, projectId: 'p-1', alias: 'champion', bundleId: 'b-1', updatedAt: 1550 }],
    deployments: [{ ...scoped('dp-1', 1600), strategy: 'shadow', state: { champion: 'b-1' } }],
    predictions: [
      {
        ...scoped('q-1', 1700),
        requestId: 'q-1',
        bundleId: 'b-1',
        arm: 'champion',
        role: 'served',
        strategy: 'shadow',
        input: { age: 40 },
        output: { p: 0.8 },
        latencyMs: 3,
      },
    ],
    labels: [{ ...scoped('l-1', 1800), requestId: 'q-1', label: 'pro' }],
    alerts: [
      { ...scoped('a-1', 1900), kind: 'latency', message: 'p95 240 ms > 200 ms', acknowledged: false },
    ],
    timeline: [
      { ...scoped('t-1', 1000), kind: 'project-created', message: 'Project “Churn” created' },
      { ...scoped('t-2', 1100), kind: 'dataset-added', message: 'Dataset added', data: { datasetId: 'd-1' } },
      { ...scoped('t-3', 1500), kind: 'bundle-created', message: 'Model version 1' },
    ],
  };
}

const encode = (snapshot = sampleSnapshot(), level: 0 | 6 = 6) =>
  encodeProjectFile(snapshot, { exportedAt: EXPORTED_AT, appVersion: '0.1.0-test', level });

/** The rejection `decode` throws, so each test can check its problem, file and exact words. */
function rejection(bytes: Uint8Array, maxBytes?: number): ProjectFileError {
  try {
    decodeProjectFile(bytes, maxBytes === undefined ? {} : { maxBytes });
  } catch (error) {
    if (error instanceof ProjectFileError) return error;
    throw error;
  }
  throw new Error('expected decodeProjectFile to reject the file');
}

const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * Unpacks a project file, lets `edit` change the parsed JSON of its files, and packs it again. The encoder
 * writes compact JSON, so a file `edit` leaves alone serialises back to the same bytes and keeps its hash.
 * The manifest's hashes are recomputed (with node:crypto, independently of the code under test) only when
 * `rehash` is set.
 */
function repack(
  bytes: Uint8Array,
  edit: (files: Record<string, unknown>) => void,
  { rehash }: { rehash: boolean },
): Uint8Array {
  const files: Record<string, unknown> = {};
  for (const [name, data] of Object.entries(unzipSync(bytes))) files[name] = JSON.parse(strFromU8(data));
  edit(files);
  const manifest = files['manifest.json'] as { files: Record<string, { sha256: string; bytes: number }> };
  const out: Record<string, Uint8Array> = {};
  for (const name of Object.keys(manifest.files)) {
    out[name] = strToU8(JSON.stringify(files[name]));
    if (rehash) manifest.files[name] = { sha256: sha256Hex(out[name]), bytes: out[name].length };
  }
  out['manifest.json'] = strToU8(JSON.stringify(manifest));
  return zipSync(out);
}

const expectProblem = (error: ProjectFileError, problem: ProjectFileProblem, message: string) => {
  expect(error.problem, error.message).toBe(problem);
  expect(error.message).toBe(message);
};

describe('encodeProjectFile', () => {
  it('writes a manifest with format, version, time, app version and a SHA-256 and size per file', () => {
    const snapshot = sampleSnapshot();
    const files = unzipSync(encode(snapshot));
    const manifest = JSON.parse(strFromU8(files['manifest.json']!));
    expect(manifest.format).toBe('looplab-project');
    expect(manifest.formatVersion).toBe(1);
    expect(manifest.exportedAt).toBe('2024-01-02T03:04:05.000Z');
    expect(manifest.appVersion).toBe('0.1.0-test');
    expect(Object.keys(manifest.files).sort()).toEqual(
      [
        'alerts',
        'aliases',
        'bundles',
        'chunks',
        'datasets',
        'deployments',
        'labels',
        'predictions',
        'problems',
        'projects',
        'recipes',
        'runs',
        'timeline',
      ].map((store) => `${store}.json`),
    );
    // projects.json is exactly the project as plain JSON (81 characters, all ASCII); its hash is checked
    // with an independent SHA-256.
    const projectJson = '[{"schemaVersion":1,"id":"p-1","name":"Churn","createdAt":1000,"updatedAt":5000}]';
    expect(strFromU8(files['projects.json']!)).toBe(projectJson);
    expect(manifest.files['projects.json']).toEqual({ sha256: sha256Hex(strToU8(projectJson)), bytes: 81 });
    expect(Object.keys(files).length).toBe(14);
  });

  it('writes non-finite numbers as tagged objects instead of null', () => {
    const runs = strFromU8(unzipSync(encode())['runs.json']!);
    expect(runs).toContain('"logLoss":{"$nonFinite":"Infinity"}');
    expect(runs).toContain('"balancedAccuracy":{"$nonFinite":"NaN"}');
  });

  it('gives identical bytes for the same snapshot and export time', () => {
    expect(encode()).toEqual(encode());
  });
});

describe('decodeProjectFile', () => {
  it('returns exactly the snapshot that was encoded, NaN and Infinity included', () => {
    const decoded = decodeProjectFile(encode());
    expect(decoded).toEqual(sampleSnapshot());
    expect(decoded.runs[0]!.metrics.logLoss).toBe(Number.POSITIVE_INFINITY);
    expect(Number.isNaN(decoded.runs[0]!.metrics.balancedAccuracy)).toBe(true);
    expect(decoded.chunks[1]!.columns).toEqual([['29'], ['pro']]);
  });

  it('accepts a file unpacked and packed again unchanged (the test helper keeps hashes valid)', () => {
    expect(decodeProjectFile(repack(encode(), () => {}, { rehash: false }))).toEqual(sampleSnapshot());
  });

  it('reads a stored (uncompressed) file as well as a deflated one', () => {
    expect(decodeProjectFile(encode(sampleSnapshot(), 0))).toEqual(sampleSnapshot());
  });

  it('rejects an empty file', () => {
    expectProblem(
      rejection(new Uint8Array(0)),
      'empty',
      'The file is empty (0 bytes); it is not a Looplab project file.',
    );
  });

  it('rejects a file over the size limit before looking inside it', () => {
    // 2048 zero bytes are not even a zip: the size check must come first.
    expectProblem(
      rejection(new Uint8Array(2048), 1024),
      'too-large',
      'The file is 2.0 KiB, over the 1.0 KiB limit; it was not opened.',
    );
  });

  it('names the limit for a file refused by its size alone, and says "just over" where sizes round alike', () => {
    expect(tooLargeMessage(DEFAULT_MAX_PROJECT_FILE_BYTES, DEFAULT_MAX_PROJECT_FILE_BYTES)).toBeNull();
    expect(tooLargeMessage(1.5 * 1024 ** 3, DEFAULT_MAX_PROJECT_FILE_BYTES)).toBe(
      'The file is 1.5 GiB, over the 1.0 GiB limit; it was not opened.',
    );
    expect(tooLargeMessage(DEFAULT_MAX_BUNDLE_BYTES + 1, DEFAULT_MAX_BUNDLE_BYTES)).toBe(
      'The file is just over the 190.7 MiB limit; it was not opened.',
    );
  });

  it('rejects a small file that unpacks to more than the limit', () => {
    const big = sampleSnapshot();
    big.datasets[0]!.rowCount = 50_002;
    big.chunks[1] = {
      schemaVersion: 1,
      datasetId: 'd-1',
      index: 1,
      columns: [Array(50_001).fill('29'), Array(50_001).fill('pro')],
    };
    const bytes = encode(big);
    const unpacked = Object.values(unzipSync(bytes)).reduce((sum, file) => sum + file.length, 0);
    expect(bytes.length).toBeLessThan(64 * 1024);
    expect(unpacked).toBeGreaterThan(64 * 1024);
    expectProblem(
      rejection(bytes, 64 * 1024),
      'too-large',
      `The file unpacks to ${(unpacked / 1024).toFixed(1)} KiB, over the 64.0 KiB limit; it was not opened.`,
    );
  });

  it('rejects a PNG as not a project file', () => {
    const png = new Uint8Array([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
    ]);
    expectProblem(
      rejection(png),
      'foreign',
      'This is not a Looplab project file: a project file is a zip archive, and this file is not one.',
    );
  });

  it('rejects a zip that has no manifest', () => {
    const zip = zipSync({ 'notes.txt': strToU8('hello') });
    expectProblem(
      rejection(zip),
      'foreign',
      'This zip archive is not a Looplab project file: it has no manifest.json.',
    );
  });

  it("rejects a zip whose manifest is another program's", () => {
    const zip = zipSync({ 'manifest.json': strToU8('{"format":"mlflow-model","formatVersion":1}') });
    expectProblem(
      rejection(zip),
      'foreign',
      'This zip archive is not a Looplab project file: manifest.json has format "mlflow-model", not "looplab-project".',
    );
  });

  it('rejects a zip that holds an unexpected extra file', () => {
    const files = unzipSync(encode());
    const zip = zipSync({ ...files, 'run.sh': strToU8('echo hi') });
    expectProblem(
      rejection(zip),
      'foreign',
      "The archive holds 'run.sh', which is not part of a Looplab project file (format version 1).",
    );
  });

  it('rejects a file from a newer Looplab, saying to update', () => {
    const bytes = repack(
      encode(),
      (f) => ((f['manifest.json'] as { formatVersion: number }).formatVersion = 2),
      {
        rehash: false,
      },
    );
    const error = rejection(bytes);
    expectProblem(
      error,
      'unsupported-version',
      'manifest.json: the file has format version 2, written by a newer Looplab; this version reads format ' +
        'version 1. Update Looplab to open it.',
    );
    expect(error.file).toBe('manifest.json');
  });

  it('rejects a format version that is not a number', () => {
    const bytes = repack(
      encode(),
      (f) => ((f['manifest.json'] as { formatVersion: unknown }).formatVersion = '1'),
      {
        rehash: false,
      },
    );
    expectProblem(
      rejection(bytes),
      'unsupported-version',
      'manifest.json: field \'formatVersion\' is "1"; this version of Looplab reads format version 1.',
    );
  });

  it('rejects a file cut short, by one byte or by half', () => {
    const bytes = encode();
    const message =
      'The file is truncated: the end of the zip archive is missing, so the copy or download did not finish. ' +
      'Export the project again or copy the whole file.';
    expectProblem(rejection(bytes.slice(0, bytes.length - 1)), 'truncated', message);
    expectProblem(rejection(bytes.slice(0, Math.floor(bytes.length / 2))), 'truncated', message);
  });

  it('rejects a stored file with one byte flipped, naming the file', () => {
    const bytes = encode(sampleSnapshot(), 0);
    // Stored uncompressed, so the JSON text is in the archive as is: change rowCount 3 to 4.
    const text = strFromU8(bytes, true);
    const at = text.indexOf('"rowCount":3');
    expect(at).toBeGreaterThan(0);
    const tampered = bytes.slice();
    tampered[at + '"rowCount":'.length] = '4'.charCodeAt(0);
    const error = rejection(tampered);
    expectProblem(
      error,
      'tampered',
      'datasets.json: its content does not match the SHA-256 recorded in manifest.json, so it was changed or ' +
        'damaged after export. Use an unmodified copy of the file.',
    );
    expect(error.file).toBe('datasets.json');
  });

  it('rejects a byte flipped inside compressed data, naming the file', () => {
    const bytes = encode();
    // The local header of chunks.json: 30 fixed bytes, the name, then (no extra field) the deflated data.
    const name = strToU8('chunks.json');
    const header = findSequence(bytes, name) - 30;
    const compressedSize = bytes[header + 18]! | (bytes[header + 19]! << 8);
    const dataStart = header + 30 + name.length;
    const tampered = bytes.slice();
    const flip = dataStart + Math.floor(compressedSize / 2);
    tampered[flip] = tampered[flip]! ^ 0xff;
    const error = rejection(tampered);
    expect(error.file).toBe('chunks.json');
    expect(['tampered', 'damaged']).toContain(error.problem);
    expect(error.message.startsWith('chunks.json: ')).toBe(true);
  });

  it('rejects edited JSON whose hash was not updated', () => {
    const bytes = repack(encode(), (f) => ((f['datasets.json'] as { rowCount: number }[])[0]!.rowCount = 4), {
      rehash: false,
    });
    expect(rejection(bytes).problem).toBe('tampered');
    expect(rejection(bytes).file).toBe('datasets.json');
  });

  it('names the file, record and field of a record with the wrong type', () => {
    const bytes = repack(
      encode(),
      (f) => ((f['timeline.json'] as { createdAt: unknown }[])[2]!.createdAt = '2024-01-01'),
      { rehash: true },
    );
    expectProblem(
      rejection(bytes),
      'invalid-record',
      "timeline.json: record 3 (id 't-3'): field 'createdAt' must be a number.",
    );
  });

  it('says a field is missing, or lists the allowed values, or names a nested field', () => {
    const missing = repack(encode(), (f) => delete (f['projects.json'] as { name?: string }[])[0]!.name, {
      rehash: true,
    });
    expect(rejection(missing).message).toBe("projects.json: record 1 (id 'p-1'): field 'name' is missing.");

    const status = repack(encode(), (f) => ((f['runs.json'] as { status: string }[])[0]!.status = 'done'), {
      rehash: true,
    });
    expect(rejection(status).message).toBe(
      "runs.json: record 1 (id 'r-1'): field 'status' must be one of " +
        '"running", "finished", "failed", "cancelled", "interrupted".',
    );

    const nested = repack(
      encode(),
      (f) => ((f['datasets.json'] as { columns: { index: number }[] }[])[0]!.columns[1]!.index = -1),
      { rehash: true },
    );
    expect(rejection(nested).message).toBe(
      "datasets.json: record 1 (id 'd-1'): field 'columns[1].index' must be at least 0.",
    );
  });

  it('refuses records newer than this build rather than dropping their fields', () => {
    const bytes = repack(
      encode(),
      (f) => ((f['alerts.json'] as { schemaVersion: number }[])[0]!.schemaVersion = 2),
      {
        rehash: true,
      },
    );
    expectProblem(
      rejection(bytes),
      'invalid-record',
      "alerts.json: record 1 (id 'a-1'): field 'schemaVersion' is newer than this version of Looplab reads (1); " +
        'update Looplab.',
    );
  });

  it('rejects a record that belongs to another project', () => {
    const bytes = repack(
      encode(),
      (f) => ((f['runs.json'] as { projectId: string }[])[0]!.projectId = 'p-2'),
      {
        rehash: true,
      },
    );
    expectProblem(
      rejection(bytes),
      'inconsistent',
      "runs.json: record 1 (id 'r-1'): field 'projectId' is 'p-2', but the project in projects.json has id 'p-1'.",
    );
  });

  it('rejects a chunk of a dataset that is not in the file, and a dataset missing a chunk', () => {
    const orphan = repack(
      encode(),
      (f) => ((f['chunks.json'] as { datasetId: string }[])[1]!.datasetId = 'd-9'),
      {
        rehash: true,
      },
    );
    expectProblem(
      rejection(orphan),
      'inconsistent',
      "chunks.json: record 2: field 'datasetId' is 'd-9', which is not in datasets.json.",
    );

    const missing = repack(encode(), (f) => (f['chunks.json'] as unknown[]).pop(), { rehash: true });
    expectProblem(
      rejection(missing),
      'inconsistent',
      "datasets.json: record 1 (id 'd-1'): field 'chunkCount' is 2, but chunks.json holds 1 chunks for it.",
    );
  });

  it('rejects a dataset whose chunks hold a different number of rows than it claims', () => {
    const bytes = repack(encode(), (f) => ((f['datasets.json'] as { rowCount: number }[])[0]!.rowCount = 4), {
      rehash: true,
    });
    expectProblem(
      rejection(bytes),
      'inconsistent',
      "datasets.json: record 1 (id 'd-1'): field 'rowCount' is 4, but its chunks hold 3 rows.",
    );
  });

  it('rejects two records with the same id', () => {
    const bytes = repack(encode(), (f) => ((f['alerts.json'] as { id: string }[])[0]!.id = 'r-1'), {
      rehash: true,
    });
    expectProblem(
      rejection(bytes),
      'inconsistent',
      "alerts.json: record 1 (id 'r-1'): its id is also used by runs.json: record 1 (id 'r-1'); ids must be unique.",
    );
  });
});

describe('remapIds', () => {
  it('gives every record a fresh id and moves every reference with it, leaving chunk cells alone', () => {
    let n = 0;
    const copy = remapIds(sampleSnapshot(), () => `new-${++n}`);
    // Assigned in order: project, datasets, problems, recipes, runs, bundles, deployments, predictions,
    // labels, alerts, timeline.
    expect(copy.project.id).toBe('new-1');
    expect(copy.datasets[0]!.id).toBe('new-2');
    expect(copy.datasets[0]!.projectId).toBe('new-1');
    expect(copy.chunks.map((c) => c.datasetId)).toEqual(['new-2', 'new-2']);
    expect(copy.chunks[0]!.columns).toEqual([
      ['34', '51'],
      ['basic', 'd-1'],
    ]);
    expect(copy.problems[0]).toMatchObject({ id: 'new-3', datasetId: 'new-2' });
    expect(copy.runs[0]!.id).toBe('new-5');
    expect(copy.bundles[0]).toMatchObject({
      id: 'new-6',
      runId: 'new-5',
      payload: { lineage: { runId: 'new-5', datasetId: 'new-2' } },
    });
    expect(copy.aliases[0]).toMatchObject({ projectId: 'new-1', alias: 'champion', bundleId: 'new-6' });
    expect(copy.deployments[0]).toMatchObject({ id: 'new-7', state: { champion: 'new-6' } });
    expect(copy.predictions[0]).toMatchObject({ id: 'new-8', bundleId: 'new-6' });
    expect(copy.labels[0]).toMatchObject({ id: 'new-9', requestId: 'new-8' });
    expect(copy.timeline.map((t) => t.id)).toEqual(['new-11', 'new-12', 'new-13']);
    expect(copy.timeline[1]!.data).toEqual({ datasetId: 'new-2' });
    expect(n).toBe(13);
  });

  it('leaves the decoded copy valid: it encodes and decodes again', () => {
    let n = 0;
    const copy = remapIds(sampleSnapshot(), () => `x-${++n}`);
    expect(decodeProjectFile(encode(copy))).toEqual(copy);
  });
});

describe('formatSize', () => {
  it('uses bytes below 1 KiB and binary units above', () => {
    expect(formatSize(1023)).toBe('1023 bytes');
    expect(formatSize(1536)).toBe('1.5 KiB');
    expect(formatSize(1024 ** 3)).toBe('1.0 GiB');
  });
});

function findSequence(haystack: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}
