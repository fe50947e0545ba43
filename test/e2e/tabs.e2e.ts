import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { startSession, type Session } from './harness.ts';

let session: Session | undefined;

afterEach(async () => {
  await session?.close();
  session = undefined;
});

const projectNames = (page: Page) =>
  page.getByRole('navigation', { name: 'Projects' }).locator('li .open').allInnerTexts();

describe('two tabs', () => {
  it('shows a project created in one tab in the other', async () => {
    session = await startSession();
    const first = await session.open();
    const second = await session.browser.context.newPage();
    await second.goto(session.server.url);
    await second.locator('[data-ready="true"]').waitFor();

    await first.getByLabel('New project').fill('Made in tab one');
    await first.getByRole('button', { name: 'Create' }).click();
    await expect.poll(() => projectNames(second)).toContain('Made in tab one');
  });

  it('lets a schema upgrade in another tab proceed: the old tab closes its connection and says why', async () => {
    session = await startSession();
    const old = await session.open();
    const upgrader = await session.browser.context.newPage();
    await upgrader.goto('about:blank');
    await upgrader.goto(session.server.url + 'icon.svg');
    // A newer build opening the database at a higher version. It must not hang waiting for the old tab.
    const upgraded = await upgrader.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const request = indexedDB.open('looplab', 1000);
          request.onsuccess = () => {
            const version = request.result.version;
            request.result.close();
            resolve(version);
          };
          request.onerror = () => reject(new Error(String(request.error)));
        }),
    );
    expect(upgraded).toBe(1000);
    await old
      .getByText('Looplab was upgraded in another tab; this tab closed its database connection.')
      .waitFor();
  });
});
