import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { zipSync } from 'fflate';
import { stringifyRecords } from '../project-file/json-codec.ts';
import { BUNDLE_DATA_FILE, BUNDLE_MANIFEST_FILE, type BundleManifest } from './bundle-manifest.ts';
import { BUNDLE_FORMAT, BUNDLE_SCHEMA_VERSION, type ModelBundle } from './model-bundle.ts';

export interface EncodeBundleOptions {
  /** The Looplab version writing the file, recorded in the manifest. Default 'unknown'. */
  appVersion?: string;
  /** Deflate level, 0 (store only) to 9. Default 6. */
  level?: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
}

/** Zip timestamps are DOS dates, which start in 1980; fflate throws on anything earlier. */
const DOS_EPOCH = Date.UTC(1980, 0, 1, 12);

/**
 * Packs a bundle into one file, the way a project file is packed: a zip holding `manifest.json` (format,
 * schema version, app version, creation time, and the SHA-256 and size of every data file) and `bundle.json`
 * (the bundle, NaN and ±Infinity kept by the project json-codec). Every timestamp comes from the bundle, so
 * the same bundle always gives the same bytes.
 *
 * @example
 * const bytes = encodeBundle(bundle, { appVersion: '0.1.0' });
 * decodeBundle(bytes).id === bundle.id; // true
 */
export function encodeBundle(bundle: ModelBundle, options: EncodeBundleOptions = {}): Uint8Array {
  const encoder = new TextEncoder();
  const data = encoder.encode(stringifyRecords(bundle));
  const manifest: BundleManifest = {
    format: BUNDLE_FORMAT,
    schemaVersion: BUNDLE_SCHEMA_VERSION,
    appVersion: options.appVersion ?? 'unknown',
    created: new Date(bundle.createdAt).toISOString(),
    files: { [BUNDLE_DATA_FILE]: { sha256: bytesToHex(sha256(data)), bytes: data.length } },
  };
  return zipSync(
    { [BUNDLE_MANIFEST_FILE]: encoder.encode(JSON.stringify(manifest, null, 2)), [BUNDLE_DATA_FILE]: data },
    { level: options.level ?? 6, mtime: Math.max(bundle.createdAt, DOS_EPOCH) },
  );
}
