/**
 * The errors storage hands to its callers. IndexedDB fails with DOMExceptions whose names mean little to a
 * person; the one that needs its own words is a full disk, which can come back from a request, from the
 * transaction's abort, or from its commit.
 */

/** A read or write failed; the message says what happened. Nothing of a failed write was stored. */
export class StorageError extends Error {
  override name = 'StorageError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The browser refused a write because the device (or this site's share of it) is out of space. */
export class StorageFullError extends StorageError {
  override name = 'StorageFullError';

  constructor(options?: { cause?: unknown }) {
    super(
      'Device storage is full, so nothing was saved. Free up space on this device, or delete projects ' +
        'you no longer need, then try again.',
      options,
    );
  }
}

const CLOSED_MESSAGE =
  'Storage is not available in this tab any more: its database connection was closed, usually because ' +
  'Looplab was upgraded in another tab. Reload to continue.';

// Chrome and Safari say QuotaExceededError; old Firefox said NS_ERROR_DOM_QUOTA_REACHED.
const QUOTA_NAMES = new Set(['QuotaExceededError', 'NS_ERROR_DOM_QUOTA_REACHED']);

/**
 * Maps anything thrown by IndexedDB to a StorageError, and a quota failure to StorageFullError. Looks through
 * the places a quota error hides: the error itself, its `cause`, an abort event's transaction, and the
 * transaction's own error (`txError`), which holds the real reason when the rejection is a bare AbortError.
 *
 * @example
 * try { await tx.done } catch (e) { throw toStorageError(e, tx.error) }
 */
export function toStorageError(error: unknown, txError?: unknown): StorageError {
  if (error instanceof StorageError) return error;
  const candidates = [error, causeOf(error), targetErrorOf(error), txError];
  if (candidates.some(isQuotaError)) return new StorageFullError({ cause: error });
  const reason = [error, txError].find((e) => nameOf(e) !== undefined && nameOf(e) !== 'AbortError') ?? error;
  if (nameOf(reason) === 'InvalidStateError') {
    // What a closed connection throws: this tab let go of the database for another tab's upgrade.
    return new StorageError(CLOSED_MESSAGE, { cause: error });
  }
  return new StorageError(`Storage failed: ${describe(reason)}`, { cause: error });
}

/** Whether `error` is the browser saying it is out of space. */
export function isQuotaError(error: unknown): boolean {
  const name = nameOf(error);
  return name !== undefined && QUOTA_NAMES.has(name);
}

function nameOf(error: unknown): string | undefined {
  if (error === null || typeof error !== 'object') return undefined;
  const name = (error as { name?: unknown }).name;
  return typeof name === 'string' ? name : undefined;
}

function causeOf(error: unknown): unknown {
  return error instanceof Error ? error.cause : undefined;
}

/** An abort or error Event whose target is the failed request or transaction. */
function targetErrorOf(error: unknown): unknown {
  if (error === null || typeof error !== 'object') return undefined;
  const target = (error as { target?: { error?: unknown } | null }).target;
  return target?.error ?? undefined;
}

function describe(error: unknown): string {
  if (error instanceof Error || error instanceof DOMException) {
    return error.message ? `${error.name}: ${error.message}` : error.name;
  }
  return String(error);
}
