import { z } from '../zod.ts';
import { SNAPSHOT_STORES } from './project-snapshot.ts';

/** The `format` every Looplab project manifest carries; anything else is some other program's zip. */
export const PROJECT_FILE_FORMAT = 'looplab-project';
/** The one format version this build writes and reads. Bump it when the layout of the file changes. */
export const PROJECT_FILE_VERSION = 1;
export const MANIFEST_FILE = 'manifest.json';

/** The data files of format version 1: the project record, then one file per store, named after it. */
export const DATA_FILES = ['projects.json', ...SNAPSHOT_STORES.map((store) => `${store}.json`)] as const;

const fileEntrySchema = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/, { message: 'must be 64 lowercase hex digits' }),
  bytes: z.number().int().nonnegative(),
});

export const manifestSchema = z.object({
  format: z.literal(PROJECT_FILE_FORMAT),
  formatVersion: z.literal(PROJECT_FILE_VERSION),
  /** ISO 8601, UTC. */
  exportedAt: z.iso.datetime(),
  /** The Looplab version that wrote the file, for support questions; never used to decide anything. */
  appVersion: z.string(),
  /** Every data file in the archive, with the size and SHA-256 of its uncompressed bytes. */
  files: z.record(z.string(), fileEntrySchema),
});

export type ProjectFileManifest = z.infer<typeof manifestSchema>;
