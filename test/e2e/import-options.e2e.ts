import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { writeTemp } from './files.ts';
import { useSession } from './harness.ts';

// Every test starts from a first run: the sample project alone (useSession).
const current = useSession();
let page: Page;
beforeEach(async () => {
  page = current.page;
});

const cells = (row: number) => page.locator(`tbody tr[aria-rowindex="${row + 1}"] td`).allInnerTexts();

describe('import options', () => {
  it('offers to read a Latin-1 file as Latin-1 after refusing it as UTF-8, and reads it right', async () => {
    const bytes = new Uint8Array([
      ...Buffer.from('city,n\ncaf'),
      0xe9,
      ...Buffer.from(',1\nM'),
      0xfc,
      ...Buffer.from('nchen,2\n'),
    ]);
    await page.getByLabel('Choose a file…').setInputFiles(writeTemp('latin1.csv', bytes));
    const alert = page.getByRole('alert').filter({ hasText: 'latin1.csv' });
    await expect.poll(() => alert.innerText()).toContain('not valid UTF-8 at line 2');
    await page.getByRole('button', { name: 'Read it as Latin-1' }).click();
    await page.getByText('Stored latin1.csv: 2 rows.').waitFor();
    await expect.poll(() => cells(1)).toEqual(['café', '1']);
    expect(await cells(2)).toEqual(['München', '2']);
  });

  it('drops ragged rows when the user chooses to, and lists each by line', async () => {
    await page.getByText('Import options').click();
    await page.getByRole('combobox', { name: 'Encoding' }).selectOption('utf-8');
    await page.getByRole('combobox', { name: 'Rows with too few or too many fields' }).selectOption('drop');
    await page
      .getByLabel('Choose a file…')
      .setInputFiles(writeTemp('ragged.csv', 'a,b\n1,2\n3\n4,5,6\n7,8\n'));
    await page.getByText('Stored ragged.csv: 2 rows.').waitFor();
    await page.getByText('2 parsing warnings').click();
    expect(await page.locator('.warnings li').allInnerTexts()).toEqual([
      'Line 3: dropped (1 fields, expected 2).',
      'Line 4: dropped (3 fields, expected 2).',
    ]);
  });

  it('reads a file without a header when told the first row is data', async () => {
    await page.getByText('Import options').click();
    await page.getByRole('combobox', { name: 'First row' }).selectOption('no');
    await page.getByLabel('Choose a file…').setInputFiles(writeTemp('noheader.csv', 'x,y\nz,w\n'));
    await page.getByText('Stored noheader.csv: 2 rows.').waitFor();
    // "Stored" shows before the list is read again and the new dataset chosen: until then the table is the
    // sample's.
    await expect.poll(() => page.locator('thead th').allInnerTexts()).toEqual(['#', 'column_1', 'column_2']);
  });
});
