/**
 * Why a project file was refused. The message is for people; `problem` lets the UI and tests tell the cases
 * apart without parsing text.
 */
export type ProjectFileProblem =
  /** Zero bytes. */
  | 'empty'
  /** Over the size limit, packed or unpacked. */
  | 'too-large'
  /** Not a zip, or a zip that is not a Looplab project (no manifest, another format, unexpected files). */
  | 'foreign'
  /** The end of the zip is missing: the copy or download did not finish. */
  | 'truncated'
  /** The zip structure or a compressed stream cannot be read. */
  | 'damaged'
  /** A Looplab project file, but of a format version this build does not read. */
  | 'unsupported-version'
  /** A stored file does not match the size or SHA-256 its manifest records. */
  | 'tampered'
  /** A record has the wrong shape: a missing field, a wrong type, an unknown value. */
  | 'invalid-record'
  /** Records are well formed but disagree with each other: foreign project ids, orphan chunks, duplicates. */
  | 'inconsistent';

/** Thrown by `decodeProjectFile` for every rejection, with a reason that names the file and field. */
export class ProjectFileError extends Error {
  override readonly name = 'ProjectFileError';

  constructor(
    readonly problem: ProjectFileProblem,
    message: string,
    /** The file inside the archive the problem is in, when there is one. */
    readonly file?: string,
  ) {
    super(message);
  }
}
