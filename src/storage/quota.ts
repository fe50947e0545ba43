/**
 * How much this origin stores and may store, and whether the browser may evict it. Both are shown in the app
 * so a user learns about a full disk before a save fails (see StorageFullError).
 */

/** Bytes used and bytes available to this origin, or null where the browser does not say. */
export async function estimateStorage(): Promise<{ usage: number; quota: number } | null> {
  const storage = storageManager();
  if (storage?.estimate === undefined) return null;
  try {
    const { usage, quota } = await storage.estimate();
    return usage === undefined || quota === undefined ? null : { usage, quota };
  } catch {
    return null;
  }
}

/**
 * Asks the browser not to evict this origin's data under storage pressure. Resolves to whether it agreed,
 * or null where the request is not supported (Web Workers, older browsers). Browsers may decide without
 * asking the user, from engagement or installation.
 */
export async function requestPersistence(): Promise<boolean | null> {
  const storage = storageManager();
  if (storage?.persist === undefined) return null;
  try {
    if (storage.persisted !== undefined && (await storage.persisted())) return true;
    return await storage.persist();
  } catch {
    return null;
  }
}

/** The parts of StorageManager used here, each possibly absent: `persist` does not exist in workers. */
interface OptionalStorageManager {
  estimate?: () => Promise<{ usage?: number; quota?: number }>;
  persisted?: () => Promise<boolean>;
  persist?: () => Promise<boolean>;
}

function storageManager(): OptionalStorageManager | undefined {
  if (typeof navigator === 'undefined') return undefined;
  return (navigator as { storage?: OptionalStorageManager }).storage;
}
