/**
 * The first slice, end to end in real Chromium over the production build: the built-in sample project,
 * uploads (file picker with progress, drop, cancel, empty, header-only, binary and hostile files), the
 * virtualised preview, the storage and backend footers, and a load-to-profile flow that makes no request
 * outside the origin and logs no error. Every test starts from a first run (useSession); the last two read
 * the production build's files.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { generatedCsv, writeTemp } from './files.ts';
import { E2E_DIST, foreignRequests, useSession } from './harness.ts';

const current = useSession();
let page: Page;
beforeEach(() => {
  page = current.page;
});

/** A generous limit for a wait on a slow, loaded 2-core machine. */
const WAIT = { timeout: 120_000 };

const rowCount = () => page.getByTestId('row-count').innerText();
const datasetNames = () =>
  page.getByRole('combobox', { name: 'Dataset', exact: true }).locator('option').allInnerTexts();

describe('the first slice, end to end', () => {
  it('opens with the built-in sample project and its 2,000-row churn table', async () => {
    await expect
      .poll(() => page.locator('[aria-current="page"]').innerText(), WAIT)
      .toBe('Sample: subscription churn');
    expect(await datasetNames()).toEqual(['subscriptions-2025-06.csv', 'subscriptions-2025-07.csv']);
    expect(await rowCount()).toBe('2,000');
    expect(await page.getByTestId('column-count').innerText()).toBe('13');
    await expect
      .poll(() => page.locator('tbody tr[aria-rowindex="2"] td').first().innerText(), WAIT)
      .toBe('C00001');
  });

  it('uploads through the file picker with a progress bar, stores the dataset, and keeps it after a reload', async () => {
    const file = writeTemp('picked.csv', generatedCsv(300_000, 6));
    await page.getByLabel('Choose a file…').setInputFiles(file);
    await page.getByRole('progressbar', { name: 'Reading picked.csv' }).waitFor();
    await page.getByText('Stored picked.csv: 300,000 rows.').waitFor();
    // "Stored" shows before the list is read again and the new dataset chosen.
    await expect.poll(rowCount).toBe('300,000');
    expect(await page.getByTestId('column-count').innerText()).toBe('6');

    // The virtualised preview renders a window of rows, not 300,000, and shows the right ones when scrolled.
    expect(await page.locator('tbody tr[aria-rowindex]').count()).toBeLessThan(60);
    // 300,000 rows × 28 px is past the scroll-height cap, so the scrollbar is compressed: the very bottom
    // must still show the very last row, whose first cell is 299,999 × 6.
    const region = page.getByRole('region', { name: 'Rows of picked.csv' });
    await region.evaluate((el) => (el.scrollTop = el.scrollHeight));
    const lastRow = page.locator('tbody tr[aria-rowindex="300001"] td').first();
    await expect.poll(() => lastRow.innerText(), WAIT).toBe(String(299_999 * 6));
    await region.evaluate((el) => (el.scrollTop = 0));
    await expect
      .poll(() => page.locator('tbody tr[aria-rowindex="2"] td').first().innerText(), WAIT)
      .toBe('0');

    await page.reload();
    await page.locator('[data-ready="true"]').waitFor();
    await page.getByRole('combobox', { name: 'Dataset', exact: true }).selectOption({ label: 'picked.csv' });
    expect(await rowCount()).toBe('300,000');
    await expect
      .poll(() => page.locator('tbody tr[aria-rowindex="2"] td').nth(5).innerText(), WAIT)
      .toBe('5');
  });

  it('uploads a file dropped on the drop zone', async () => {
    await page.evaluate(() => {
      const transfer = new DataTransfer();
      transfer.items.add(new File(['name;score\nada;1\nbob;2\n'], 'dropped.csv', { type: 'text/csv' }));
      const zone = document.querySelector('[aria-label="Upload a CSV or TSV file"]')!;
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    });
    await page.getByText('Stored dropped.csv: 2 rows.').waitFor();
    await expect.poll(() => page.getByTestId('column-count').innerText()).toBe('2');
    await expect
      .poll(() => page.locator('tbody tr[aria-rowindex="3"] td').allInnerTexts(), WAIT)
      .toEqual(['bob', '2']);
  });

  it('cancels a long upload: the state shows cancelled and nothing is stored', async () => {
    // On a first run the datasets are the sample project's two.
    await expect.poll(datasetNames, WAIT).toEqual(['subscriptions-2025-06.csv', 'subscriptions-2025-07.csv']);
    const before = await datasetNames();
    const file = writeTemp('huge.csv', generatedCsv(2_500_000, 8));
    await page.getByLabel('Choose a file…').setInputFiles(file);
    await page.getByRole('progressbar', { name: 'Reading huge.csv' }).waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByText('Upload cancelled. Nothing was stored.').waitFor();
    expect(await datasetNames()).toEqual(before);
    await page.reload();
    await page.locator('[data-ready="true"]').waitFor();
    expect(await datasetNames()).toEqual(before);
  });

  it('gives an empty file, a header-only file and a binary file their own messages', async () => {
    const cases: [string, string | Uint8Array, string][] = [
      ['empty.csv', '', 'The file is empty (0 bytes).'],
      ['header.csv', 'a,b,c\n', 'The file has a header (3 columns) but no data rows.'],
      [
        'image.csv',
        new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0x49, 0x48]),
        'This looks like a binary file',
      ],
    ];
    for (const [name, content, message] of cases) {
      await page.getByLabel('Choose a file…').setInputFiles(writeTemp(name, content));
      const alert = page.getByRole('alert').filter({ hasText: name });
      await expect.poll(() => alert.innerText(), WAIT).toContain(message);
    }
  });

  it('renders a hostile header as text, not HTML', async () => {
    await page
      .getByLabel('Choose a file…')
      .setInputFiles(writeTemp('xss.csv', '"<img src=x onerror=alert(1)>",b\n1,2\n'));
    await page.getByText('Stored xss.csv: 1 rows.').waitFor();
    await expect.poll(() => page.locator('thead th').nth(1).innerText()).toBe('<img src=x onerror=alert(1)>');
    expect(await page.locator('img[src="x"]').count()).toBe(0);
  });

  it('shows storage usage and quota, having asked for persistent storage', async () => {
    await expect
      .poll(() => page.getByTestId('storage').innerText(), WAIT)
      .toMatch(/^Storage: [\d.]+ [KMG]?B of [\d.]+ [KMGT]?B/);
    // Headless Chromium answers persist() without a prompt; the footer says which answer it gave.
    expect(await page.getByTestId('storage').innerText()).toMatch(/\((persistent|may be evicted)\)/);
  });

  it('shows the compute backend chosen by the workers', async () => {
    await expect.poll(() => page.getByTestId('backend').innerText(), WAIT).toBe('wasm');
  });

  it('loads, stores an upload and profiles it with no request to any origin but its own, and logs no error or CSP violation', async () => {
    // Only what this test does: the file's other tests made their own requests.
    const requestsBefore = current.session.requests.length;
    const problemsBefore = current.session.problems.length;
    page = await current.reopen();
    await page.getByLabel('Choose a file…').setInputFiles(writeTemp('small.csv', generatedCsv(500, 6)));
    await page.getByText('Stored small.csv: 500 rows.').waitFor();
    await page.getByRole('tab', { name: 'Profile' }).click();
    await page.getByTestId('profile-ready').waitFor();
    await expect.poll(() => page.getByTestId('backend').innerText(), WAIT).toBe('wasm');
    const requests = current.session.requests.slice(requestsBefore);
    expect(requests.length).toBeGreaterThan(5);
    expect(foreignRequests(requests)).toEqual([]);
    expect(current.session.problems.slice(problemsBefore)).toEqual([]);
  });
});

// The build these tests serve: the production build plus the test hooks (test/unit/build/bundle-size.test.ts
// checks the production build itself).
describe('the built app', () => {
  it('keeps tfjs out of the main bundle: only workers load it', () => {
    const dist = E2E_DIST;
    const html = readFileSync(join(dist, 'index.html'), 'utf8');
    const entries = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) {
      const code = readFileSync(join(dist, entry), 'utf8');
      expect(code, entry).not.toMatch(/tfjs-core|@tensorflow|registerBackend/);
    }
  });

  it('ships a Content-Security-Policy with no remote origin and no JavaScript eval', () => {
    const html = readFileSync(join(E2E_DIST, 'index.html'), 'utf8');
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
    expect(csp).toBeDefined();
    const directives = Object.fromEntries(
      csp!.split(';').map((d) => {
        const [name, ...sources] = d.trim().split(/\s+/);
        return [name, sources];
      }),
    );
    expect(directives['default-src']).toEqual(["'self'"]);
    // WebAssembly compilation for tfjs-backend-wasm, and nothing else beyond 'self'.
    expect(directives['script-src']).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(directives['connect-src']).toEqual(["'self'"]);
    expect(csp).not.toMatch(/https?:|\*|'unsafe-eval'|'unsafe-inline'/);
  });
});
