import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { recordCase } from '../reliability/record.ts';
import { generatedCsv, writeTemp } from './files.ts';
import { useSession } from './harness.ts';

// Each test starts from a first run in one tab (useSession) and opens its second tab itself.
const current = useSession();

async function secondTab(): Promise<Page> {
  const second = await current.session.browser.context.newPage();
  await second.goto(current.session.server.url);
  await second.locator('[data-ready="true"]').waitFor();
  return second;
}

const projectNames = (page: Page) =>
  page.getByRole('navigation', { name: 'Projects' }).locator('li .open').allInnerTexts();

describe('two tabs', () => {
  it('shows a project created in one tab in the other', async () => {
    const first = current.page;
    const second = await secondTab();

    await first.getByLabel('New project').fill('Made in tab one');
    await first.getByRole('button', { name: 'Create' }).click();
    await expect.poll(() => projectNames(second)).toContain('Made in tab one');
  });

  it('shows a rename and an upload made in one tab in the other', async () => {
    const first = current.page;
    const second = await secondTab();
    const datasets = (page: Page) =>
      page.getByRole('combobox', { name: 'Dataset', exact: true }).locator('option').allInnerTexts();

    await first.getByRole('button', { name: 'Rename Sample: subscription churn' }).click();
    await first.getByLabel('New name for Sample: subscription churn').fill('Renamed in tab one');
    await first.getByLabel('New name for Sample: subscription churn').press('Enter');
    await first.getByLabel('Choose a file…').setInputFiles(writeTemp('tab-one.csv', generatedCsv(20, 3)));
    await first.getByText('Stored tab-one.csv: 20 rows.').waitFor();
    const seen = await expect
      .poll(
        async () =>
          (await projectNames(second)).includes('Renamed in tab one') &&
          (await datasets(second)).includes('tab-one.csv'),
      )
      .toBe(true)
      .then(() => true)
      .catch(() => false);
    recordCase({
      area: 'Faults',
      case: 'Edit in one tab, read in another',
      surface: 'App',
      expected: 'the rename and the new dataset show in the other tab without a reload',
      observed: seen
        ? 'both shown in the other tab'
        : `other tab shows ${JSON.stringify(await projectNames(second))}`,
      pass: seen,
    });
    expect(seen).toBe(true);
  });

  it('lets a schema upgrade in another tab proceed: the old tab closes its connection and says why', async () => {
    const old = current.page;
    const upgrader = await current.session.browser.context.newPage();
    await upgrader.goto('about:blank');
    await upgrader.goto(current.session.server.url + 'icon.svg');
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
    // The old tab stays usable enough to say what to do: a write now asks for a reload, and hangs nothing.
    await old.getByLabel('New project').fill('After the upgrade');
    await old.getByRole('button', { name: 'Create' }).click();
    const reload = old
      .getByRole('alert')
      .filter({ hasText: /Reload to continue/ })
      .last();
    const said = await reload
      .waitFor({ timeout: 60_000 })
      .then(() => reload.innerText())
      .catch(() => 'no message');
    recordCase({
      area: 'Faults',
      case: 'Schema upgrade in another tab',
      surface: 'App',
      expected: 'the upgrade does not wait; the old tab says to reload, and its next write says so too',
      observed: `upgraded to ${upgraded}; old tab: "${said.replace(/\s*×\s*$/, '')}"`,
      pass: upgraded === 1000 && /Reload to continue/.test(said),
    });
    expect(said).toMatch(/Reload to continue/);
  });
});
