import { LooplabStorage } from '../src/storage/looplab-storage.ts';

let opened: Promise<LooplabStorage> | undefined;

/**
 * The data worker's own database connection, opened on first use. If another tab upgrades the schema, the
 * connection closes and the next call reopens it.
 */
export function workerStorage(): Promise<LooplabStorage> {
  opened ??= LooplabStorage.open({
    appVersion: __APP_VERSION__,
    onVersionChange: () => {
      opened = undefined;
    },
  });
  return opened;
}
