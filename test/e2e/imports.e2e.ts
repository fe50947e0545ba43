/**
 * Issue 9, imports: a project file and a model bundle that is truncated, of a wrong schema version, over the
 * size limit, or tampered with is refused with its reason, and nothing changes (the same projects, the same
 * versions). The good files are the app's own export (project) and a bundle encoded in Node (the unit
 * tests' tiny bundle), each spoiled one way. Oversized files are sparse, so they cost no disk or time: the
 * page refuses them by their size, before reading them.
 */
import { readFileSync, truncateSync } from 'node:fs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { encodeBundle } from '../../src/core/bundle/encode-bundle.ts';
import { tinyBundle } from '../unit/bundle/bundle-fixture.ts';
import { recordCase } from '../reliability/record.ts';
import { writeTemp } from './files.ts';
import { useSession } from './harness.ts';

// Every test starts from a first run: the sample project alone (useSession).
const current = useSession();
let page: Page;
beforeEach(async () => {
  page = current.page;
});

const projectNames = () =>
  page.getByRole('navigation', { name: 'Projects' }).locator('li .open').allInnerTexts();
/**
 * The versions the Models tab lists, once it has read them again: the message or error of an import shows
 * before the list is read.
 */
const versionCount = async () => {
  await page.locator('[data-testid="models-stage"][data-loaded="true"]').waitFor();
  return page.getByTestId('versions').locator('tbody tr').count();
};

/** Rewrites one entry of a zip, keeping the rest byte for byte. */
function rewrite(zip: Uint8Array, name: string, edit: (text: string) => string): Uint8Array {
  const files = unzipSync(zip);
  files[name] = strToU8(edit(strFromU8(files[name]!)));
  return zipSync(files);
}

/** The four spoiled copies of a good file, by case name. */
function spoiled(
  good: Uint8Array,
  limit: number,
  versionEdit: (manifest: string) => string,
  dataFile: string,
) {
  const oversized = writeTemp(`oversized-${limit}.zip`, '');
  truncateSync(oversized, Math.round(limit * 1.25));
  return [
    { name: 'Truncated', file: writeTemp(`truncated-${limit}.zip`, good.subarray(0, good.length - 40)) },
    {
      name: 'Wrong schema version',
      file: writeTemp(`version-${limit}.zip`, rewrite(good, 'manifest.json', versionEdit)),
    },
    { name: 'Oversized', file: oversized },
    {
      name: 'Tampered',
      // One digit changed inside a data file; the manifest's SHA-256 still vouches for the original.
      file: writeTemp(
        `tampered-${limit}.zip`,
        rewrite(good, dataFile, (text) => text.replace(/(\d)(?=\D*$)/, (d) => String((Number(d) + 1) % 10))),
      ),
    },
  ];
}

const EXPECTED: Record<string, RegExp> = {
  Truncated: /truncated/i,
  'Wrong schema version': /version/i,
  Oversized: /over the [\d.]+ [GM]iB limit; it was not opened/,
  Tampered: /checksum|does not match/i,
};

describe('imports refuse a bad file with the reason, and change nothing', () => {
  it('project files: truncated, wrong version, oversized, tampered', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export project…' }).click(),
    ]);
    const good = new Uint8Array(readFileSync((await download.path())!));
    const before = await projectNames();
    const cases = spoiled(
      good,
      1024 ** 3,
      (m) => m.replace(/"formatVersion":\s*1/, '"formatVersion": 99'),
      'datasets.json',
    );
    for (const { name, file } of cases) {
      await page.getByLabel('Import project…').setInputFiles(file);
      const alert = page.getByRole('alert').last();
      await expect.poll(() => alert.innerText()).toMatch(/was not imported, and nothing changed: /);
      const shown = (await alert.innerText()).replace(/^.*?nothing changed: /s, '').replace(/\s*×\s*$/, '');
      const after = await projectNames();
      const unchanged = JSON.stringify(after) === JSON.stringify(before);
      recordCase({
        area: 'Imports',
        case: `${name} project file`,
        surface: 'App',
        expected: 'refused with the reason; projects unchanged',
        observed: `"${shown.replace(/oversized-\d+|[\w-]+\.zip/g, 'file')}"; projects ${unchanged ? 'unchanged' : 'changed'}`,
        pass: EXPECTED[name]!.test(shown) && unchanged,
      });
      expect(shown).toMatch(EXPECTED[name]!);
      expect(after).toEqual(before);
      await alert.getByRole('button', { name: 'Dismiss message' }).click();
    }
  });

  it('model bundles: truncated, wrong version, oversized, tampered', async () => {
    await page.getByRole('tab', { name: 'Models' }).click();
    const good = encodeBundle(tinyBundle(), { appVersion: 'test' });
    // The unchanged bundle imports: the spoiled copies fail for their own fault, not for being foreign.
    await page
      .getByLabel('Import a model file')
      .setInputFiles({ name: 'good.zip', mimeType: 'application/zip', buffer: Buffer.from(good) });
    await expect
      .poll(() => page.getByTestId('models-message').innerText(), { timeout: 60_000 })
      .toBe('Imported good.zip as model version 1.');
    const before = await versionCount();
    const cases = spoiled(
      good,
      200 * 1000 * 1000,
      (m) => m.replace(/"schemaVersion":\s*\d+/, '"schemaVersion": 99'),
      'bundle.json',
    );
    for (const { name, file } of cases) {
      await page.getByLabel('Import a model file').setInputFiles(file);
      const error = page.getByTestId('models-error');
      await expect
        .poll(() => error.innerText(), { timeout: 60_000 })
        .toMatch(/was not imported, and nothing was stored: /);
      const shown = (await error.innerText()).replace(/^.*?nothing was stored: /s, '');
      const after = await versionCount();
      recordCase({
        area: 'Imports',
        case: `${name} model bundle`,
        surface: 'App',
        expected: 'refused with the reason; versions unchanged',
        observed: `"${shown}"; ${after === before ? 'versions unchanged' : `${after - before} version(s) added`}`,
        pass: EXPECTED[name]!.test(shown) && after === before,
      });
      expect(shown).toMatch(EXPECTED[name]!);
      expect(after).toBe(before);
    }
  });
});
