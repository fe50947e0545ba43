/**
 * Why a model bundle was refused. The message is for people; `kind` lets the UI and tests tell the cases
 * apart without parsing text.
 */
export type BundleErrorKind =
  /** Empty, or not a zip archive at all. */
  | 'not-a-zip'
  /** The end of the zip is missing: the copy or download did not finish. */
  | 'truncated'
  /** A zip, but not a Looplab model bundle (no manifest, another format, unexpected files). */
  | 'foreign'
  /** A stored file does not match its manifest checksum, or its compressed data cannot be unpacked. */
  | 'tampered'
  /** Over the size limit, packed or unpacked. */
  | 'too-large'
  /** A Looplab bundle of a schema version this build does not read. */
  | 'unsupported-version'
  /** Well packed, but the content is wrong: a missing field, inconsistent weights, an unfinished run. */
  | 'invalid';

/** Thrown by `decodeBundle` and `buildBundle` for every rejection, with a message that names what is wrong. */
export class BundleError extends Error {
  override readonly name = 'BundleError';

  constructor(
    readonly kind: BundleErrorKind,
    message: string,
  ) {
    super(message);
  }
}
