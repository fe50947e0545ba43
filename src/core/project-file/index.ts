export { encodeProjectFile, type EncodeProjectFileOptions } from './encode-project-file.ts';
export {
  decodeProjectFile,
  DEFAULT_MAX_PROJECT_FILE_BYTES,
  type DecodeProjectFileOptions,
} from './decode-project-file.ts';
export { ProjectFileError, type ProjectFileProblem } from './project-file-error.ts';
export { SNAPSHOT_STORES, type ProjectSnapshot, type SnapshotStore } from './project-snapshot.ts';
export { PROJECT_FILE_FORMAT, PROJECT_FILE_VERSION, type ProjectFileManifest } from './manifest.ts';
export { remapIds } from './remap-ids.ts';
