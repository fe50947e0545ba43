/**
 * The storage audit (src/storage/check-stored-integrity.ts) run in the train worker, which already carries
 * zod for bundles, so the page's bundle stays without it. Which runs are really running is read from the
 * origin's Web Locks, which a worker sees for every tab and worker.
 */
import { checkStoredIntegrity, type IntegrityReport } from '../src/storage/check-stored-integrity.ts';
import { runLockName } from '../src/storage/runs.ts';
import { workerStorage } from './worker-storage.ts';

export async function checkStorage(): Promise<IntegrityReport> {
  const storage = await workerStorage();
  const held = new Set((await navigator.locks.query()).held?.map((lock) => lock.name) ?? []);
  return checkStoredIntegrity(storage.db, (runId) => held.has(runLockName(runId)));
}
