/** A source lacks a column the feature pipeline needs (an input column, or the target when encoding it). */
export class MissingColumnError extends Error {
  override readonly name = 'MissingColumnError';
  constructor(
    readonly column: string,
    detail = 'the data has no such column',
  ) {
    super(`Missing column "${column}": ${detail}`);
  }
}
