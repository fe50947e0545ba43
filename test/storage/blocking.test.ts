import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { StorageError } from '../../src/storage/errors.ts';
import { DB_VERSION, migrate } from '../../src/storage/migrations.ts';
import { BLOCKED_MESSAGE, openLooplabDB, VERSION_CHANGE_MESSAGE } from '../../src/storage/open-db.ts';
import { createProject, listProjects } from '../../src/storage/projects.ts';
import type { LooplabDB } from '../../src/storage/schema.ts';

const open: { close(): void }[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

describe('openLooplabDB across tabs', () => {
  it('closes an open connection when another tab upgrades, so the upgrade goes ahead', async () => {
    const name = crypto.randomUUID();
    const onVersionChange = vi.fn();
    const oldTab = await openLooplabDB({ name, onVersionChange });
    open.push(oldTab);
    await createProject(oldTab, 'Kept across the upgrade');

    // A newer build in another tab opens one version higher.
    const blocked = vi.fn();
    const newTab = await openDB<LooplabDB>(name, DB_VERSION + 1, { blocked });
    open.push(newTab);

    expect(newTab.version).toBe(DB_VERSION + 1);
    expect(blocked).not.toHaveBeenCalled();
    expect(onVersionChange).toHaveBeenCalledTimes(1);
    expect(onVersionChange).toHaveBeenCalledWith(
      'Looplab was upgraded in another tab; this tab closed its database connection. Reload to continue.',
    );
    expect(VERSION_CHANGE_MESSAGE).toBe(onVersionChange.mock.calls[0]![0]);
    expect((await newTab.getAll('projects')).map((p) => p.name)).toEqual(['Kept across the upgrade']);
    // The old tab's connection is closed: it fails with a StorageError rather than hanging.
    await expect(listProjects(oldTab)).rejects.toThrow(
      new StorageError(
        'Storage is not available in this tab any more: its database connection was closed, usually because ' +
          'Looplab was upgraded in another tab. Reload to continue.',
      ),
    );
    await expect(createProject(oldTab, 'Too late')).rejects.toBeInstanceOf(StorageError);
  });

  it('closes every tab that has the database open, not just one', async () => {
    const name = crypto.randomUUID();
    const first = vi.fn();
    const second = vi.fn();
    open.push(await openLooplabDB({ name, onVersionChange: first }));
    open.push(await openLooplabDB({ name, onVersionChange: second }));

    const newTab = await openDB(name, DB_VERSION + 1);
    open.push(newTab);
    expect(newTab.version).toBe(DB_VERSION + 1);
    expect(first).toHaveBeenCalledTimes(1);
    expect(second).toHaveBeenCalledTimes(1);
  });

  it('tells the user to close an older tab that does not let go, and opens once it is closed', async () => {
    const name = crypto.randomUUID();
    // An old build without a versionchange handler, holding version 1 open.
    const stubborn = await openDB<LooplabDB>(name, 1, { upgrade: migrate });

    const onBlocked = vi.fn();
    const opening = openLooplabDB({ name, onBlocked });
    await vi.waitFor(() => expect(onBlocked).toHaveBeenCalledTimes(1));
    expect(onBlocked).toHaveBeenCalledWith(BLOCKED_MESSAGE);
    expect(BLOCKED_MESSAGE).toBe(
      'Looplab needs to upgrade its storage, but another tab is still running an older version of Looplab. ' +
        'Close that tab (or reload it) to continue; this tab will carry on by itself.',
    );

    stubborn.close();
    const db = await opening;
    open.push(db);
    expect(db.version).toBe(DB_VERSION);
  });

  it('refuses, with a clear message, a database saved by a newer build', async () => {
    const name = crypto.randomUUID();
    open.push(await openDB(name, DB_VERSION + 1));
    await expect(openLooplabDB({ name })).rejects.toThrow(
      new StorageError(
        'The data on this device was saved by a newer version of Looplab than this one. Reload to get the ' +
          'newer version.',
      ),
    );
  });
});
