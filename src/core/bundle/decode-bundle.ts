import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { describeIssue } from '../project-file/describe-issue.ts';
import { formatSize } from '../project-file/format-size.ts';
import { DEFAULT_MAX_BUNDLE_BYTES, tooLargeMessage } from '../project-file/import-limits.ts';
import { parseRecords } from '../project-file/json-codec.ts';
import { PROJECT_FILE_FORMAT } from '../project-file/manifest.ts';
import { ProjectFileError } from '../project-file/project-file-error.ts';
import {
  findEndOfCentralDirectory,
  hasZipSignature,
  listZipEntries,
  readZipEntry,
} from '../project-file/zip-container.ts';
import { BundleError } from './bundle-error.ts';
import {
  BUNDLE_DATA_FILE,
  BUNDLE_MANIFEST_FILE,
  bundleManifestSchema,
  type BundleManifest,
} from './bundle-manifest.ts';
import {
  BUNDLE_FORMAT,
  BUNDLE_SCHEMA_VERSION,
  READABLE_BUNDLE_VERSIONS,
  type ModelBundle,
} from './model-bundle.ts';
import { parseBundle } from './parse-bundle.ts';

export { DEFAULT_MAX_BUNDLE_BYTES } from '../project-file/import-limits.ts';

export interface DecodeBundleOptions {
  /** The largest file accepted, packed and unpacked alike. Default 200 MB. */
  maxBytes?: number;
}

/**
 * Opens a bundle file written by `encodeBundle` and checks all of it before returning anything: size, zip
 * structure, manifest format and schema version, the SHA-256 of bundle.json, and the bundle itself (shape,
 * weight sizes, the fitted pipeline, agreement between problem, pipeline and model).
 *
 * @throws BundleError whose `kind` says what is wrong and whose message says it in words, e.g. "bundle.json
 *   does not match its checksum in manifest.json (tampered or corrupted)".
 * @example
 * try { decodeBundle(bytes) } catch (e) { if (e instanceof BundleError) show(e.message) }
 */
export function decodeBundle(bytes: Uint8Array, options: DecodeBundleOptions = {}): ModelBundle {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BUNDLE_BYTES;
  checkContainer(bytes, maxBytes);
  const entries = zipLevel(() => listZipEntries(bytes));
  const unpacked = entries.reduce((sum, entry) => sum + entry.size, 0);
  if (unpacked > maxBytes) {
    throw new BundleError(
      'too-large',
      `The bundle unpacks to ${formatSize(unpacked)}, over the ${formatSize(maxBytes)} limit; it was not opened.`,
    );
  }
  const names = new Set(entries.map((entry) => entry.name));
  if (!names.has(BUNDLE_MANIFEST_FILE)) {
    throw new BundleError(
      'foreign',
      'This zip archive is not a Looplab model bundle: it has no manifest.json.',
    );
  }
  const manifest = readManifest(zipLevel(() => readZipEntry(bytes, BUNDLE_MANIFEST_FILE)));
  checkFileList(manifest, names);

  const content = zipLevel(() => readZipEntry(bytes, BUNDLE_DATA_FILE));
  const expected = manifest.files[BUNDLE_DATA_FILE]!;
  if (content.length !== expected.bytes || bytesToHex(sha256(content)) !== expected.sha256) {
    throw new BundleError(
      'tampered',
      `${BUNDLE_DATA_FILE} does not match its checksum in ${BUNDLE_MANIFEST_FILE} (tampered or corrupted). ` +
        'Use an unmodified copy of the bundle.',
    );
  }
  const raw = parseJson(BUNDLE_DATA_FILE, content);
  const header = (raw ?? {}) as { format?: unknown; schemaVersion?: unknown };
  if (!READABLE_BUNDLE_VERSIONS.includes(header.schemaVersion as number) && header.format === BUNDLE_FORMAT) {
    throw unsupportedVersion(BUNDLE_DATA_FILE, header.schemaVersion);
  }
  return parseBundle(raw, BUNDLE_DATA_FILE);
}

/** Size and zip-level checks, in the order that gives the most useful message. */
function checkContainer(bytes: Uint8Array, maxBytes: number): void {
  if (bytes.length === 0) {
    throw new BundleError('not-a-zip', 'The file is empty (0 bytes); it is not a Looplab model bundle.');
  }
  const tooLarge = tooLargeMessage(bytes.length, maxBytes);
  if (tooLarge) throw new BundleError('too-large', tooLarge);
  if (!hasZipSignature(bytes)) {
    throw new BundleError(
      'not-a-zip',
      'This is not a Looplab model bundle: a bundle is a zip archive, and this file is not one.',
    );
  }
  if (findEndOfCentralDirectory(bytes) === -1) {
    throw new BundleError(
      'truncated',
      'The bundle is truncated: the end of the zip archive is missing, so the copy or download did not finish. ' +
        'Export the bundle again or copy the whole file.',
    );
  }
}

/** Runs a project-file zip helper, turning its 'damaged' errors into this module's error. */
function zipLevel<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof ProjectFileError)) throw error;
    // A stream that cannot be unpacked is the same fault as a checksum mismatch, found one layer down.
    throw new BundleError('tampered', `${error.message} The bundle was tampered with or corrupted.`);
  }
}

function readManifest(bytes: Uint8Array): BundleManifest {
  const raw = parseJson(BUNDLE_MANIFEST_FILE, bytes);
  const header = (raw ?? {}) as { format?: unknown; schemaVersion?: unknown };
  if (header.format !== BUNDLE_FORMAT) {
    const what =
      header.format === PROJECT_FILE_FORMAT
        ? 'it is a Looplab project file; open it with Import project'
        : `manifest.json has format ${JSON.stringify(header.format)}, not "${BUNDLE_FORMAT}"`;
    throw new BundleError('foreign', `This zip archive is not a Looplab model bundle: ${what}.`);
  }
  if (!READABLE_BUNDLE_VERSIONS.includes(header.schemaVersion as number))
    throw unsupportedVersion(BUNDLE_MANIFEST_FILE, header.schemaVersion);
  const parsed = bundleManifestSchema.safeParse(raw);
  if (!parsed.success) {
    throw new BundleError(
      'invalid',
      `${BUNDLE_MANIFEST_FILE}: ${describeIssue(parsed.error.issues[0]!, raw)}.`,
    );
  }
  return parsed.data;
}

function unsupportedVersion(file: string, version: unknown): BundleError {
  const newer = typeof version === 'number' && version > BUNDLE_SCHEMA_VERSION;
  return new BundleError(
    'unsupported-version',
    newer
      ? `${file}: the bundle has schema version ${version}, written by a newer Looplab; this version reads ` +
          `schema version ${BUNDLE_SCHEMA_VERSION}. Update Looplab to open it.`
      : `${file}: field 'schemaVersion' is ${JSON.stringify(version)}; this version of Looplab reads bundle ` +
          `schema version ${READABLE_BUNDLE_VERSIONS.join(' or ')}.`,
  );
}

/** The archive must hold exactly the manifest and bundle.json, and the manifest must vouch for bundle.json. */
function checkFileList(manifest: BundleManifest, names: Set<string>): void {
  if (manifest.files[BUNDLE_DATA_FILE] === undefined) {
    throw new BundleError(
      'invalid',
      `${BUNDLE_MANIFEST_FILE}: field 'files' does not list ${BUNDLE_DATA_FILE}.`,
    );
  }
  if (!names.has(BUNDLE_DATA_FILE)) {
    throw new BundleError(
      'tampered',
      `${BUNDLE_DATA_FILE} is listed in ${BUNDLE_MANIFEST_FILE} but missing from the archive.`,
    );
  }
  for (const name of [...names, ...Object.keys(manifest.files)]) {
    if (name !== BUNDLE_MANIFEST_FILE && name !== BUNDLE_DATA_FILE) {
      throw new BundleError(
        'foreign',
        `The archive holds '${name}', which is not part of a Looplab model bundle (schema version ${BUNDLE_SCHEMA_VERSION}).`,
      );
    }
  }
}

function parseJson(name: string, bytes: Uint8Array): unknown {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new BundleError('invalid', `${name} is not UTF-8 text.`);
  }
  try {
    return parseRecords(text);
  } catch (error) {
    const detail = error instanceof Error ? ` (${error.message})` : '';
    throw new BundleError('invalid', `${name} is not valid JSON${detail}.`);
  }
}
