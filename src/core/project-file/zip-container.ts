import { unzipSync } from 'fflate';
import { ProjectFileError } from './project-file-error.ts';

/**
 * The zip layer of a project file: recognising a zip, noticing a truncated one, and reading entries one at a
 * time so that a damaged stream is reported against the file it belongs to. fflate checks no CRCs; the
 * manifest's SHA-256 per file does that job one layer up.
 */

/** One entry of the archive, as its central directory describes it (nothing is decompressed). */
export interface ZipEntry {
  name: string;
  compressedSize: number;
  /** As the archive claims it; only trusted after the content hash matches. */
  size: number;
}

const LOCAL_FILE_HEADER = 0x04034b50;
/** An archive with no entries is only an end record. */
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const END_RECORD_BYTES = 22;
const MAX_COMMENT_BYTES = 0xffff;

/** Whether the bytes start like a zip archive (the signature `PK`, then a file header or an end record). */
export function hasZipSignature(bytes: Uint8Array): boolean {
  if (bytes.length < 4) return false;
  const signature = readU32(bytes, 0);
  return signature === LOCAL_FILE_HEADER || signature === END_OF_CENTRAL_DIRECTORY;
}

/**
 * Where the end-of-central-directory record starts, or -1 when it is missing. A zip is read from its end, so
 * a copy cut short anywhere loses this record: that is how truncation is recognised. The record must end
 * exactly at the end of the file (after its comment), which also catches a cut of a single byte.
 */
export function findEndOfCentralDirectory(bytes: Uint8Array): number {
  const last = bytes.length - END_RECORD_BYTES;
  const first = Math.max(0, last - MAX_COMMENT_BYTES);
  for (let at = last; at >= first; at--) {
    if (readU32(bytes, at) !== END_OF_CENTRAL_DIRECTORY) continue;
    const commentBytes = bytes[at + 20]! | (bytes[at + 21]! << 8);
    if (at + END_RECORD_BYTES + commentBytes === bytes.length) return at;
  }
  return -1;
}

/** Lists the archive's entries without decompressing any. Throws ProjectFileError('damaged') if unreadable. */
export function listZipEntries(bytes: Uint8Array): ZipEntry[] {
  const entries: ZipEntry[] = [];
  try {
    unzipSync(bytes, {
      filter: (file) => {
        entries.push({ name: file.name, compressedSize: file.size, size: file.originalSize });
        return false;
      },
    });
  } catch (error) {
    throw new ProjectFileError(
      'damaged',
      `The file is damaged: its zip directory cannot be read (${reason(error)}).`,
    );
  }
  return entries;
}

/**
 * Decompresses one entry. Reading entries one by one costs a re-scan of the small central directory per
 * entry, and buys an error message that names the entry whose stream is broken.
 */
export function readZipEntry(bytes: Uint8Array, name: string): Uint8Array {
  let data: Uint8Array | undefined;
  try {
    data = unzipSync(bytes, { filter: (file) => file.name === name })[name];
  } catch (error) {
    throw new ProjectFileError(
      'damaged',
      `${name}: the compressed data is damaged and cannot be unpacked (${reason(error)}).`,
      name,
    );
  }
  if (data === undefined) {
    throw new ProjectFileError('damaged', `${name}: listed in the archive but cannot be found in it.`, name);
  }
  return data;
}

function readU32(bytes: Uint8Array, at: number): number {
  return (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0;
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
