import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { writeTemp } from './files.ts';
import { useSession } from './harness.ts';

// Every test starts from a first run: the sample project alone (useSession).
const current = useSession();
let page: Page;
beforeEach(() => {
  page = current.page;
});

async function createProject(name: string): Promise<void> {
  await page.getByLabel('New project').fill(name);
  await page.getByRole('button', { name: 'Create' }).click();
  await expect.poll(projectNames).toContain(name);
  // Listed first, opened after: a click before it is opened would be undone by the opening.
  await expect.poll(() => page.locator('[aria-current="page"]').innerText()).toBe(name);
}

const nav = () => page.getByRole('navigation', { name: 'Projects' });
const projectNames = () => nav().locator('li .open').allInnerTexts();

describe('projects', () => {
  it('creates, renames and lists projects', async () => {
    await page.getByLabel('New project').fill('Churn Q3');
    await page.getByRole('button', { name: 'Create' }).click();
    await expect.poll(projectNames).toContain('Churn Q3');
    // The new project is listed before it is opened.
    await expect.poll(() => page.locator('[aria-current="page"]').innerText()).toBe('Churn Q3');

    await page.getByRole('button', { name: 'Rename Churn Q3' }).click();
    await page.getByLabel('New name for Churn Q3').fill('Churn Q4');
    await page.getByLabel('New name for Churn Q3').press('Enter');
    await expect.poll(projectNames).toContain('Churn Q4');
    expect(await projectNames()).not.toContain('Churn Q3');
  });

  it('deletes a project only after confirmation', async () => {
    await createProject('Churn Q4');
    await page.getByRole('button', { name: 'Delete Churn Q4' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete “Churn Q4”?' });
    await dialog.getByRole('button', { name: 'Keep it' }).click();
    expect(await projectNames()).toContain('Churn Q4');

    await page.getByRole('button', { name: 'Delete Churn Q4' }).click();
    await dialog.getByRole('button', { name: 'Delete project' }).click();
    await expect.poll(projectNames).not.toContain('Churn Q4');
    await page.reload();
    await page.locator('[data-ready="true"]').waitFor();
    expect(await projectNames()).not.toContain('Churn Q4');
  });

  it('exports a project to one file and imports it back with the same data', async () => {
    await createProject('Other');
    await nav().getByRole('button', { name: 'Sample: subscription churn', exact: true }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export project…' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('Sample-subscription-churn.looplab.zip');
    const path = writeTemp('export.looplab.zip', readFileSync((await download.path())!));

    await page.getByLabel('Import project…').setInputFiles(path);
    await page.getByText('Imported "Sample: subscription churn (imported)".').waitFor();
    expect(await page.locator('[aria-current="page"]').innerText()).toBe(
      'Sample: subscription churn (imported)',
    );
    const options = page.getByRole('combobox', { name: 'Dataset', exact: true }).locator('option');
    expect(await options.allInnerTexts()).toEqual(['subscriptions-2025-06.csv', 'subscriptions-2025-07.csv']);
    expect(await page.getByTestId('row-count').innerText()).toBe('2,000');
    await expect
      .poll(() => page.locator('tbody tr[aria-rowindex="2"] td').first().innerText())
      .toBe('C00001');
  });

  it('rejects a truncated or foreign file with a clear reason and changes nothing', async () => {
    const before = await projectNames();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export project…' }).click(),
    ]);
    const whole = readFileSync((await download.path())!);
    const truncated = writeTemp('truncated.looplab.zip', whole.subarray(0, Math.floor(whole.length / 2)));
    const foreign = writeTemp(
      'photo.looplab.zip',
      new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    );

    for (const file of [truncated, foreign]) {
      await page.getByLabel('Import project…').setInputFiles(file);
      const alert = page.getByRole('alert').last();
      await expect.poll(() => alert.innerText()).toMatch(/was not imported, and nothing changed: \w+/);
      await alert.getByRole('button', { name: 'Dismiss message' }).click();
    }
    expect(await projectNames()).toEqual(before);
  });

  it('creates the sample project on the first run only: deleted, it stays gone until asked for', async () => {
    for (const name of await projectNames()) {
      await page.getByRole('button', { name: `Delete ${name}`, exact: true }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Delete project' }).click();
      await expect.poll(projectNames).not.toContain(name);
    }
    await page.reload();
    await page.locator('[data-ready="true"]').waitFor();
    expect(await projectNames()).toEqual([]);
    await page.getByText('No project is open. Create one, import one, or add the sample project.').waitFor();

    await page.getByRole('button', { name: 'Add sample project' }).click();
    await expect.poll(projectNames).toEqual(['Sample: subscription churn']);
    expect(await page.getByTestId('row-count').innerText()).toBe('2,000');
  });
});
