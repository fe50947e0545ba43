/** Why an ingest stopped. Each kind has its own message so the user knows what to do next. */
export type IngestErrorKind = 'empty' | 'header-only' | 'binary' | 'encoding' | 'cancelled' | 'too-large';

/** A file that cannot become a dataset, with a message that says why in the user's terms. */
export class IngestError extends Error {
  override readonly name = 'IngestError';
  constructor(
    readonly kind: IngestErrorKind,
    message: string,
  ) {
    super(message);
  }
}
