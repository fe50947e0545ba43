/**
 * Opens the Looplab database, upgrading it when this build's DB_VERSION is newer. Two tabs on different
 * builds would otherwise deadlock: the new one waits for the old one to close its connection, which the old
 * one never does on its own. So the old tab closes as soon as it is asked (`versionchange`) and says why,
 * and the new tab tells the user which tab is in the way while it waits (`blocked`).
 */
import { openDB, type IDBPDatabase } from 'idb';
import { StorageError, toStorageError } from './errors.ts';
import { DB_VERSION, migrate } from './migrations.ts';
import type { LooplabDB } from './schema.ts';

export const DEFAULT_DB_NAME = 'looplab';

export const BLOCKED_MESSAGE =
  'Looplab needs to upgrade its storage, but another tab is still running an older version of Looplab. ' +
  'Close that tab (or reload it) to continue; this tab will carry on by itself.';

export const VERSION_CHANGE_MESSAGE =
  'Looplab was upgraded in another tab; this tab closed its database connection. Reload to continue.';

export const TERMINATED_MESSAGE =
  'The browser closed Looplab’s database connection unexpectedly (storage was cleared or failed). ' +
  'Reload to continue.';

export interface OpenLooplabOptions {
  /** Database name. Default 'looplab'; tests pass their own for isolation. */
  name?: string;
  /** Called while the upgrade waits for another tab to close its connection. Opening continues after. */
  onBlocked?: (message: string) => void;
  /** Called after this connection was closed so another tab could upgrade, or was closed by the browser. */
  onVersionChange?: (message: string) => void;
  /** Called during the upgrade that creates the database: this device has never run Looplab before. */
  onCreated?: () => void;
}

/**
 * Opens (creating or upgrading as needed) the Looplab database.
 *
 * @example
 * const db = await openLooplabDB({ onBlocked: showBanner, onVersionChange: showReloadPrompt });
 */
export async function openLooplabDB(options: OpenLooplabOptions = {}): Promise<IDBPDatabase<LooplabDB>> {
  const { name = DEFAULT_DB_NAME, onBlocked, onVersionChange, onCreated } = options;
  try {
    return await openDB<LooplabDB>(name, DB_VERSION, {
      upgrade: (db, oldVersion, newVersion, tx) => {
        if (oldVersion === 0) onCreated?.();
        migrate(db, oldVersion, newVersion, tx);
      },
      blocked: () => onBlocked?.(BLOCKED_MESSAGE),
      blocking: (_currentVersion, _blockedVersion, event) => {
        // Close first: the other tab's upgrade starts as soon as the last old connection is gone.
        (event.target as IDBDatabase).close();
        onVersionChange?.(VERSION_CHANGE_MESSAGE);
      },
      terminated: () => onVersionChange?.(TERMINATED_MESSAGE),
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'VersionError') {
      throw new StorageError(
        'The data on this device was saved by a newer version of Looplab than this one. Reload to get the ' +
          'newer version.',
        { cause: error },
      );
    }
    throw toStorageError(error);
  }
}
