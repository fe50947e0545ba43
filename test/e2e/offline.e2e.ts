import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { generatedCsv, writeTemp } from './files.ts';
import { useSession, type Session } from './harness.ts';

// Each test starts from a first load (useSession): the service worker installs and claims the page then.
const current = useSession();
let session: Session;
let page: Page;
beforeEach(() => {
  ({ session, page } = current);
});

/** The service worker precaches the shell and claims the page on its first load. */
const controlled = () =>
  page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 120_000 });

describe('the installed app, offline', () => {
  it('serves a web app manifest with name, icons, theme and standalone display', async () => {
    const href = await page.locator('link[rel="manifest"]').getAttribute('href');
    const manifest = (await (
      await page.request.get(new URL(href!, session.server.url).href)
    ).json()) as Record<string, unknown>;
    expect(manifest).toMatchObject({ name: 'Looplab', display: 'standalone', theme_color: '#0f3d3e' });
    const sizes = (manifest.icons as { sizes: string }[]).map((i) => i.sizes);
    expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512']));
  });

  it('works with the network off after the first load, with the stored data still there', async () => {
    await controlled();
    await page.getByLabel('Choose a file…').setInputFiles(writeTemp('before.csv', generatedCsv(10, 3)));
    await page.getByText('Stored before.csv: 10 rows.').waitFor();

    await session.browser.context.setOffline(true);
    await page.reload();
    await page.locator('[data-ready="true"]').waitFor();
    const names = await page
      .getByRole('combobox', { name: 'Dataset', exact: true })
      .locator('option')
      .allInnerTexts();
    expect(names).toContain('before.csv');

    // Use it offline: the data worker and the tfjs wasm binary come from the precache.
    await page.getByLabel('Choose a file…').setInputFiles(writeTemp('offline.csv', generatedCsv(25, 2)));
    await page.getByText('Stored offline.csv: 25 rows.').waitFor();
    // "Stored" shows before the list is read again and the new dataset chosen.
    await expect.poll(() => page.getByTestId('row-count').innerText()).toBe('25');
    await expect.poll(() => page.getByTestId('backend').innerText(), { timeout: 60_000 }).toBe('wasm');
    await session.browser.context.setOffline(false);
  });

  it('offers "Update available, reload" when a new version is published, and reloads into it', async () => {
    await controlled();
    // Publish a "new build": any byte change in sw.js makes the browser install it as a waiting worker.
    appendFileSync(join(session.server.root, 'sw.js'), '\n// next build\n');
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
    await page.getByText('An update of Looplab is available.').waitFor({ timeout: 120_000 });
    const oldController = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL);
    expect(oldController).toBeDefined();
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Reload' }).click()]);
    await page.locator('[data-ready="true"]').waitFor();
    await expect.poll(() => page.getByText('An update of Looplab is available.').count()).toBe(0);
  });
});
