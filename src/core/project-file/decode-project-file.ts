import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { z } from '../zod.ts';
import { checkIntegrity } from './check-integrity.ts';
import { describeIssue } from './describe-issue.ts';
import { formatSize } from './format-size.ts';
import { DEFAULT_MAX_PROJECT_FILE_BYTES, tooLargeMessage } from './import-limits.ts';
import { parseRecords } from './json-codec.ts';
import {
  DATA_FILES,
  MANIFEST_FILE,
  PROJECT_FILE_FORMAT,
  PROJECT_FILE_VERSION,
  manifestSchema,
  type ProjectFileManifest,
} from './manifest.ts';
import { ProjectFileError } from './project-file-error.ts';
import { SNAPSHOT_STORES, type ProjectSnapshot } from './project-snapshot.ts';
import { STORE_SCHEMAS, projectSchema } from './record-schemas.ts';
import { recordLabel } from './record-label.ts';
import { findEndOfCentralDirectory, hasZipSignature, listZipEntries, readZipEntry } from './zip-container.ts';

export { DEFAULT_MAX_PROJECT_FILE_BYTES } from './import-limits.ts';

export interface DecodeProjectFileOptions {
  /** The largest file accepted, packed and unpacked alike. Default 1 GiB. */
  maxBytes?: number;
}

/**
 * Opens a project file written by `encodeProjectFile` and checks all of it before returning anything: size,
 * zip structure, manifest format and version, the SHA-256 of every data file, the shape of every record, and
 * that the records agree with each other. Every rejection is a ProjectFileError whose message names the file
 * and, for records, the record and field: "datasets.json: record 3 (id 'd-1'): field 'rowCount' must be a
 * number".
 *
 * @example
 * try { decodeProjectFile(bytes) } catch (e) { if (e instanceof ProjectFileError) show(e.message) }
 */
export function decodeProjectFile(
  bytes: Uint8Array,
  options: DecodeProjectFileOptions = {},
): ProjectSnapshot {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_PROJECT_FILE_BYTES;
  checkContainer(bytes, maxBytes);

  const entries = listZipEntries(bytes);
  const unpacked = entries.reduce((sum, entry) => sum + entry.size, 0);
  if (unpacked > maxBytes) {
    throw new ProjectFileError(
      'too-large',
      `The file unpacks to ${formatSize(unpacked)}, over the ${formatSize(maxBytes)} limit; it was not opened.`,
    );
  }
  const names = new Set(entries.map((entry) => entry.name));
  if (!names.has(MANIFEST_FILE)) {
    throw new ProjectFileError(
      'foreign',
      'This zip archive is not a Looplab project file: it has no manifest.json.',
      MANIFEST_FILE,
    );
  }

  const manifest = readManifest(readZipEntry(bytes, MANIFEST_FILE));
  checkFileList(manifest, names);

  const files = new Map<string, unknown>();
  for (const name of DATA_FILES) files.set(name, readDataFile(bytes, name, manifest));

  const records = Object.fromEntries(
    SNAPSHOT_STORES.map((store) => [
      store,
      parseRecordList<unknown>(`${store}.json`, files.get(`${store}.json`), STORE_SCHEMAS[store]),
    ]),
  );
  // Each list was parsed with its own store's schema just above; the record type cannot follow through
  // Object.fromEntries.
  const snapshot = { project: parseProject(files.get('projects.json')), ...records } as ProjectSnapshot;
  checkIntegrity(snapshot);
  return snapshot;
}

/** Size and zip-level checks, in the order that gives the most useful message. */
function checkContainer(bytes: Uint8Array, maxBytes: number): void {
  if (bytes.length === 0) {
    throw new ProjectFileError('empty', 'The file is empty (0 bytes); it is not a Looplab project file.');
  }
  const tooLarge = tooLargeMessage(bytes.length, maxBytes);
  if (tooLarge) throw new ProjectFileError('too-large', tooLarge);
  if (!hasZipSignature(bytes)) {
    throw new ProjectFileError(
      'foreign',
      'This is not a Looplab project file: a project file is a zip archive, and this file is not one.',
    );
  }
  if (findEndOfCentralDirectory(bytes) === -1) {
    throw new ProjectFileError(
      'truncated',
      'The file is truncated: the end of the zip archive is missing, so the copy or download did not finish. ' +
        'Export the project again or copy the whole file.',
    );
  }
}

function readManifest(bytes: Uint8Array): ProjectFileManifest {
  const raw = parseJson(MANIFEST_FILE, bytes);
  const header = (raw ?? {}) as { format?: unknown; formatVersion?: unknown };
  if (header.format !== PROJECT_FILE_FORMAT) {
    throw new ProjectFileError(
      'foreign',
      `This zip archive is not a Looplab project file: manifest.json has format ${JSON.stringify(header.format)}, ` +
        `not "${PROJECT_FILE_FORMAT}".`,
      MANIFEST_FILE,
    );
  }
  if (header.formatVersion !== PROJECT_FILE_VERSION) {
    const newer = typeof header.formatVersion === 'number' && header.formatVersion > PROJECT_FILE_VERSION;
    throw new ProjectFileError(
      'unsupported-version',
      newer
        ? `manifest.json: the file has format version ${header.formatVersion}, written by a newer Looplab; ` +
            `this version reads format version ${PROJECT_FILE_VERSION}. Update Looplab to open it.`
        : `manifest.json: field 'formatVersion' is ${JSON.stringify(header.formatVersion)}; ` +
            `this version of Looplab reads format version ${PROJECT_FILE_VERSION}.`,
      MANIFEST_FILE,
    );
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ProjectFileError(
      'invalid-record',
      `manifest.json: ${describeIssue(parsed.error.issues[0]!, raw)}.`,
      MANIFEST_FILE,
    );
  }
  return parsed.data;
}

/** The archive must hold exactly the manifest and the data files of this format version. */
function checkFileList(manifest: ProjectFileManifest, names: Set<string>): void {
  for (const name of DATA_FILES) {
    if (manifest.files[name] === undefined) {
      throw new ProjectFileError(
        'invalid-record',
        `manifest.json: field 'files' does not list ${name}.`,
        MANIFEST_FILE,
      );
    }
    if (!names.has(name)) {
      throw new ProjectFileError(
        'damaged',
        `${name} is listed in manifest.json but missing from the archive.`,
        name,
      );
    }
  }
  const expected = new Set<string>([MANIFEST_FILE, ...DATA_FILES]);
  for (const name of [...names, ...Object.keys(manifest.files)]) {
    if (!expected.has(name)) {
      throw new ProjectFileError(
        'foreign',
        `The archive holds '${name}', which is not part of a Looplab project file (format version ${PROJECT_FILE_VERSION}).`,
        name,
      );
    }
  }
}

function readDataFile(bytes: Uint8Array, name: string, manifest: ProjectFileManifest): unknown {
  const content = readZipEntry(bytes, name);
  const expected = manifest.files[name]!;
  if (content.length !== expected.bytes || bytesToHex(sha256(content)) !== expected.sha256) {
    throw new ProjectFileError(
      'tampered',
      `${name}: its content does not match the SHA-256 recorded in manifest.json, so it was changed or damaged ` +
        'after export. Use an unmodified copy of the file.',
      name,
    );
  }
  return parseJson(name, content);
}

function parseJson(name: string, bytes: Uint8Array): unknown {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ProjectFileError('invalid-record', `${name} is not UTF-8 text.`, name);
  }
  try {
    // Chunks are strings only and by far the largest file: plain JSON.parse skips the per-value reviver.
    return name === 'chunks.json' ? JSON.parse(text) : parseRecords(text);
  } catch (error) {
    const detail = error instanceof Error ? ` (${error.message})` : '';
    throw new ProjectFileError('invalid-record', `${name} is not valid JSON${detail}.`, name);
  }
}

function parseProject(raw: unknown): ProjectSnapshot['project'] {
  const [project, ...rest] = parseRecordList('projects.json', raw, projectSchema);
  if (project === undefined || rest.length > 0) {
    const count = Array.isArray(raw) ? raw.length : 0;
    throw new ProjectFileError(
      'invalid-record',
      `projects.json: must hold exactly one project record, not ${count}.`,
      'projects.json',
    );
  }
  return project;
}

function parseRecordList<T>(file: string, raw: unknown, schema: z.ZodType<T>): T[] {
  if (!Array.isArray(raw)) {
    throw new ProjectFileError('invalid-record', `${file}: must be a list of records.`, file);
  }
  return raw.map((record: unknown, i) => {
    const parsed = schema.safeParse(record);
    if (!parsed.success) {
      throw new ProjectFileError(
        'invalid-record',
        `${recordLabel(file, i, record)}: ${describeIssue(parsed.error.issues[0]!, record)}.`,
        file,
      );
    }
    return parsed.data;
  });
}
