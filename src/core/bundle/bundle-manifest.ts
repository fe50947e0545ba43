import { z } from '../zod.ts';
import { BUNDLE_FORMAT, BUNDLE_SCHEMA_VERSION } from './model-bundle.ts';

export const BUNDLE_MANIFEST_FILE = 'manifest.json';
/** The one data file of schema versions 1 and 2. */
export const BUNDLE_DATA_FILE = 'bundle.json';

/**
 * The manifest of a bundle file: what it is and, for every data file, the size and SHA-256 of its
 * uncompressed bytes, so import can tell a tampered or damaged file from a good one (fflate checks no CRCs).
 */
export const bundleManifestSchema = z.object({
  format: z.literal(BUNDLE_FORMAT),
  // Version 1 manifests are read too: the manifest's shape did not change in version 2.
  schemaVersion: z.union([z.literal(1), z.literal(BUNDLE_SCHEMA_VERSION)]),
  /** The Looplab version that wrote the file, for support questions; never used to decide anything. */
  appVersion: z.string(),
  /** When the bundle was created, ISO 8601 UTC. */
  created: z.iso.datetime(),
  files: z.record(
    z.string(),
    z.object({
      sha256: z.string().regex(/^[0-9a-f]{64}$/, { message: 'must be 64 lowercase hex digits' }),
      bytes: z.number().int().nonnegative(),
    }),
  ),
});

export type BundleManifest = z.infer<typeof bundleManifestSchema>;
