/**
 * Tells other tabs and workers of this origin that storage changed, so they can refresh what they show.
 * Announced after a write commits, never before: a listener that reads at once must see the change. Each
 * message carries the sender's context id and a context ignores its own messages; the page does hear the
 * data worker's writes, because a worker is another context.
 */
import type { StoreNames } from 'idb';
import type { Id } from '../core/records.ts';
import type { LooplabDB } from './schema.ts';

export const CHANGES_CHANNEL = 'looplab-changes';

/** What changed: a store, and the project and record when the write concerned one. */
export interface StorageChange {
  store: StoreNames<LooplabDB>;
  projectId?: Id;
  id?: Id;
}

interface ChangeMessage extends StorageChange {
  source: string;
}

// One id per JavaScript context (tab or worker): a module is evaluated once per context.
const contextId = crypto.randomUUID();

/** Announces a committed write to every other context. A no-op where BroadcastChannel is missing. */
export function announceChange(change: StorageChange): void {
  if (typeof BroadcastChannel === 'undefined') return;
  // A short-lived channel: messages posted before close() are still delivered, and no open channel keeps a
  // worker (or a Node test) alive.
  const channel = new BroadcastChannel(CHANGES_CHANNEL);
  try {
    channel.postMessage({ ...change, source: contextId } satisfies ChangeMessage);
  } finally {
    channel.close();
  }
}

/**
 * Calls `callback` for each change announced by another context. Returns the function that unsubscribes.
 *
 * @example
 * const stop = onStorageChange((change) => { if (change.store === 'projects') void reloadProjects() });
 */
export function onStorageChange(callback: (change: StorageChange) => void): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => {};
  const channel = new BroadcastChannel(CHANGES_CHANNEL);
  channel.onmessage = (event: MessageEvent<unknown>) => {
    const message = event.data;
    if (!isChangeMessage(message) || message.source === contextId) return;
    const change: StorageChange = { store: message.store };
    if (message.projectId !== undefined) change.projectId = message.projectId;
    if (message.id !== undefined) change.id = message.id;
    callback(change);
  };
  return () => channel.close();
}

function isChangeMessage(value: unknown): value is ChangeMessage {
  if (value === null || typeof value !== 'object') return false;
  const message = value as Record<string, unknown>;
  return (
    typeof message.store === 'string' &&
    typeof message.source === 'string' &&
    (message.projectId === undefined || typeof message.projectId === 'string') &&
    (message.id === undefined || typeof message.id === 'string')
  );
}
