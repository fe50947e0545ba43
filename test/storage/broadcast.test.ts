import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  announceChange,
  CHANGES_CHANNEL,
  onStorageChange,
  type StorageChange,
} from '../../src/storage/broadcast.ts';
import { openLooplabDB } from '../../src/storage/open-db.ts';
import { createProject } from '../../src/storage/projects.ts';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** A raw listener on the channel, standing in for another tab: it hears every message, this context's too. */
function otherTab(): unknown[] {
  const received: unknown[] = [];
  const channel = new BroadcastChannel(CHANGES_CHANNEL);
  channel.onmessage = (event: MessageEvent<unknown>) => received.push(event.data);
  cleanups.push(() => channel.close());
  return received;
}

describe('storage change broadcast', () => {
  it('announces a committed write to other tabs', async () => {
    const received = otherTab();
    const db = await openLooplabDB({ name: crypto.randomUUID() });
    cleanups.push(() => db.close());
    const project = await createProject(db, 'Churn');
    await vi.waitFor(() => expect(received).toHaveLength(1));
    expect(received[0]).toEqual({
      store: 'projects',
      projectId: project.id,
      id: project.id,
      source: expect.any(String),
    });
  });

  it("delivers other contexts' changes to subscribers and skips this context's own", async () => {
    const changes: StorageChange[] = [];
    cleanups.push(onStorageChange((change) => changes.push(change)));
    const received = otherTab();

    announceChange({ store: 'datasets', projectId: 'p-1', id: 'd-1' });
    // Another tab (a different source) announces a change of its own.
    const foreign = new BroadcastChannel(CHANGES_CHANNEL);
    foreign.postMessage({ store: 'runs', projectId: 'p-2', id: 'r-1', source: 'another-tab' });
    foreign.postMessage({ nonsense: true });
    foreign.close();

    await vi.waitFor(() => expect(received).toHaveLength(3));
    await vi.waitFor(() => expect(changes).toHaveLength(1));
    expect(changes).toEqual([{ store: 'runs', projectId: 'p-2', id: 'r-1' }]);
  });

  it('stops calling back after unsubscribing', async () => {
    const changes: StorageChange[] = [];
    const stop = onStorageChange((change) => changes.push(change));
    stop();
    const received = otherTab();
    const foreign = new BroadcastChannel(CHANGES_CHANNEL);
    foreign.postMessage({ store: 'runs', source: 'another-tab' });
    foreign.close();
    await vi.waitFor(() => expect(received).toHaveLength(1));
    expect(changes).toEqual([]);
  });
});
