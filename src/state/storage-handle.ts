/**
 * Opens the page's connection to storage and wires the two-tab callbacks to the UI: a tab that must let go
 * of the database for another tab's upgrade says so, and changes made in other tabs (or in the data worker)
 * trigger a refresh.
 */
import type { StorageChange } from '../storage/broadcast.ts';
import { LooplabStorage } from '../storage/looplab-storage.ts';

export type { LooplabStorage };
export type { StorageChange } from '../storage/broadcast.ts';

export interface StorageCallbacks {
  onBlocked: (message: string) => void;
  onClosed: (message: string) => void;
  onExternalChange: (change: StorageChange) => void;
  /** This device had no Looplab database: the first run. */
  onFirstRun: () => void;
}

export async function openStorage(callbacks: StorageCallbacks): Promise<LooplabStorage> {
  const storage = await LooplabStorage.open({
    appVersion: __APP_VERSION__,
    onBlocked: callbacks.onBlocked,
    onVersionChange: callbacks.onClosed,
    onCreated: callbacks.onFirstRun,
  });
  storage.onChange((change) => callbacks.onExternalChange(change));
  return storage;
}
