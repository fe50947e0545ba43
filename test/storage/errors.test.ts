import { describe, expect, it } from 'vitest';
import { StorageError, StorageFullError, isQuotaError, toStorageError } from '../../src/storage/errors.ts';

const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');
const FULL_MESSAGE =
  'Device storage is full, so nothing was saved. Free up space on this device, or delete projects you no ' +
  'longer need, then try again.';

describe('toStorageError', () => {
  it('turns QuotaExceededError into StorageFullError with the clear message', () => {
    const error = toStorageError(quota());
    expect(error).toBeInstanceOf(StorageFullError);
    expect(error.message).toBe(FULL_MESSAGE);
    expect(error.name).toBe('StorageFullError');
  });

  it("finds the quota error behind a bare AbortError, in the transaction's error", () => {
    const abort = new DOMException('The transaction was aborted.', 'AbortError');
    expect(toStorageError(abort, quota())).toBeInstanceOf(StorageFullError);
  });

  it('finds the quota error on an abort event and in an error cause', () => {
    expect(toStorageError({ type: 'abort', target: { error: quota() } })).toBeInstanceOf(StorageFullError);
    expect(toStorageError(new Error('write failed', { cause: quota() }))).toBeInstanceOf(StorageFullError);
  });

  it("recognises old Firefox's name for a full disk", () => {
    expect(isQuotaError(new DOMException('', 'NS_ERROR_DOM_QUOTA_REACHED'))).toBe(true);
    expect(isQuotaError(new DOMException('', 'ConstraintError'))).toBe(false);
  });

  it('names the real reason for other failures, preferring it over a bare AbortError', () => {
    const constraint = new DOMException('Key already exists in the object store.', 'ConstraintError');
    const direct = toStorageError(constraint);
    expect(direct).not.toBeInstanceOf(StorageFullError);
    expect(direct.message).toBe('Storage failed: ConstraintError: Key already exists in the object store.');
    expect(direct.cause).toBe(constraint);

    const viaAbort = toStorageError(new DOMException('', 'AbortError'), constraint);
    expect(viaAbort.message).toBe('Storage failed: ConstraintError: Key already exists in the object store.');
  });

  it('passes a StorageError through unchanged', () => {
    const error = new StorageError('Project p does not exist.');
    expect(toStorageError(error)).toBe(error);
  });
});
