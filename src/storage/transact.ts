/**
 * The one way storage writes: one readwrite transaction per logical write, so a failure anywhere leaves
 * nothing of it behind, and every failure reaches the caller as a StorageError (StorageFullError when the
 * disk is full).
 */
import type { IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import { toStorageError } from './errors.ts';
import type { LooplabDB } from './schema.ts';

export type WriteTransaction<S extends ArrayLike<StoreNames<LooplabDB>>> = IDBPTransaction<
  LooplabDB,
  S,
  'readwrite'
>;

/**
 * Runs `write` in one readwrite transaction over `stores` and resolves once it has committed. If `write`
 * throws or a request fails, the transaction is aborted, so none of its writes persist.
 *
 * `write` must await only requests of `tx` (idb's rule): awaiting anything else lets the transaction commit
 * early, after which a later failure could no longer undo the writes before it.
 */
export async function runWrite<const S extends ArrayLike<StoreNames<LooplabDB>>, T>(
  db: IDBPDatabase<LooplabDB>,
  stores: S,
  write: (tx: WriteTransaction<S>) => Promise<T>,
): Promise<T> {
  let tx: WriteTransaction<S>;
  try {
    tx = db.transaction(stores, 'readwrite');
  } catch (error) {
    throw toStorageError(error);
  }
  try {
    // Awaiting both surfaces a failed request and a failed commit alike; Promise.all also handles
    // tx.done's rejection when `write` fails first.
    const [result] = await Promise.all([write(tx), tx.done]);
    return result;
  } catch (error) {
    abortQuietly(tx);
    throw toStorageError(error, tx.error);
  }
}

/** Runs a read, turning its failure into a StorageError. */
export async function runRead<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    throw toStorageError(error);
  }
}

function abortQuietly(tx: { abort(): void }): void {
  try {
    tx.abort();
  } catch {
    // Already finished: aborted by the failed request, or committed before `write` threw.
  }
}

/**
 * Queues a write request inside `runWrite` without awaiting it. Its failure aborts the transaction, and
 * runWrite reports that through `tx.done`; the request's own promise is silenced here, as soon as it exists,
 * so that a later request throwing synchronously (a value that cannot be cloned, a missing key) cannot leave
 * it behind as an unhandled rejection.
 */
export function queueWrite(request: Promise<unknown>): void {
  request.catch(() => {});
}
