import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTemp } from './files.ts';
import { startSession, type Session } from './harness.ts';

let session: Session;
let page: Page;

beforeAll(async () => {
  session = await startSession();
  page = await session.open();
});

afterAll(async () => {
  await session?.close();
});

/**
 * A telco-like table with the real file's trap: TotalCharges is blank (' ') for the customers with tenure 0,
 * so the column reads as text until the blanks are treated as missing. 300 rows, 90 of them churned.
 */
function telcoLikeCsv(): string {
  const lines = ['customerID,gender,tenure,Contract,MonthlyCharges,TotalCharges,Churn'];
  for (let i = 0; i < 300; i++) {
    const tenure = i % 25 === 0 ? 0 : (i * 7) % 72; // 0 for i = 0, 25, …, 275 and 72, 144, 216, 288
    const monthly = 20 + ((i * 13) % 90) + 0.35;
    const total = tenure === 0 ? ' ' : (monthly * tenure).toFixed(2);
    const contract = ['Month-to-month', 'One year', 'Two year'][i % 3];
    lines.push(
      `${1000 + i}-ABCDE,${i % 2 ? 'Male' : 'Female'},${tenure},${contract},${monthly.toFixed(2)},${total},${i % 10 < 3 ? 'Yes' : 'No'}`,
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

const tab = (name: string) => page.getByRole('tab', { name });

describe('define, clean and split a telco-like upload', () => {
  it('uploads the file and profiles TotalCharges as a number with 16 blanks', async () => {
    await page.getByLabel('Choose a file…').setInputFiles(writeTemp('telco-like.csv', telcoLikeCsv()));
    await page.getByText('Stored telco-like.csv: 300 rows.').waitFor();
    await tab('Profile').click();
    await page.getByTestId('profile-ready').waitFor();
    const card = page.getByRole('article', { name: 'TotalCharges' });
    expect(await card.getByRole('combobox').inputValue()).toBe('');
    expect(await card.getByRole('combobox').locator('option').first().innerText()).toBe('number (guessed)');
    // tenure 0 on the 12 rows i = 0, 25, …, 275 and the 4 more i = 72, 144, 216, 288: 16 of 300 = 5.3%.
    expect(await card.innerText()).toContain('16 (5.3%)');
  });

  it('accepts the suggested TotalCharges fix in one click', async () => {
    await tab('Prepare').click();
    const accept = page.getByRole('button', {
      name: /^Accept: Treat ' ' in TotalCharges as missing.*cast TotalCharges to number/,
    });
    await accept.click();
    await expect
      .poll(() => page.locator('.steps li').allInnerTexts())
      .toEqual([expect.stringMatching(/Cast TotalCharges to number/)]);
  });

  it('chooses the target, with the guessed binary task and positive class, and saves the card', async () => {
    await tab('Problem').click();
    await page.getByRole('combobox', { name: 'Target column (what to predict)' }).selectOption('Churn');
    await page.getByText('Looplab guessed binary').waitFor();
    expect(await page.getByRole('combobox', { name: 'Positive class' }).inputValue()).toBe('Yes');
    await page.getByRole('spinbutton', { name: 'Target value' }).fill('0.85');
    await page.getByRole('button', { name: 'Save problem card' }).click();
    await page.getByText('Saved as version 1.').waitFor();
    expect(await page.getByRole('complementary', { name: 'Saved problem card' }).innerText()).toContain(
      'Predict Churn (binary, positive class "Yes"). Success: ROC AUC ≥ 0.85.',
    );
  });

  it('splits 70/15/15, stratified by the target, and saves the recipe with its sealed split', async () => {
    await tab('Prepare').click();
    await page.getByRole('button', { name: 'Preview' }).click();
    // 300 rows, 90 Yes / 210 No: test 45 (Yes 13.5→14 or 13), validation 45, train 210.
    await expect
      .poll(() => page.getByTestId('split-sizes').innerText())
      .toBe('300 rows → 300 after cleaning. Split: train 210, validation 45, test 45 (sealed).');
    expect(await page.getByTestId('step-counts').first().innerText()).toMatch(/^300 → 300 rows/);
    await page.getByRole('button', { name: 'Save recipe and split' }).click();
    await page.getByTestId('recipe-saved').waitFor();
  });

  it('keeps the problem card, the recipe and the split after a reload', async () => {
    await page.reload();
    await page.locator('[data-ready="true"]').waitFor();
    await page
      .getByRole('combobox', { name: 'Dataset', exact: true })
      .selectOption({ label: 'telco-like.csv' });
    await tab('Problem').click();
    await page.getByRole('complementary', { name: 'Saved problem card' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Problem card, version 1' }).count()).toBe(1);
    await tab('Prepare').click();
    await page.getByRole('heading', { name: 'Recipe (saved version 1)' }).waitFor();
    expect(await page.locator('.steps li').allInnerTexts()).toEqual([
      expect.stringMatching(/Cast TotalCharges to number/),
    ]);
    expect(session.problems).toEqual([]);
  });
});
