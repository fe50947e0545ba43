/**
 * Stages 1–2 in real Chromium on a telco-like upload: the profile reads TotalCharges as a number with
 * blanks, the suggested fix (blanks as missing, then a cast) is accepted in one click, the problem card
 * (target, guessed binary task and positive class, metric bar) is saved, the split is 70/15/15 stratified
 * by the target and saved with the recipe, and all of it is still there after a reload. Every test starts
 * from a fresh profile state (useSession) and takes the earlier steps it needs itself, with the helpers
 * below; no console error or CSP violation is allowed in any of them.
 */
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { writeTemp } from './files.ts';
import { saveRecipeAndSplit } from './flows.ts';
import { useSession } from './harness.ts';

const current = useSession();
const page = (): Page => current.page;

/** A limit for one wait on the page: generous, for a loaded 2-core machine. */
const WAIT = { timeout: 120_000 };

// Checked after every test, for what appeared since the previous check (the fresh page's load included).
let problemsChecked = 0;
afterEach(() => {
  const problems = current.session.problems;
  const seen = problems.slice(problemsChecked);
  problemsChecked = problems.length;
  expect(seen).toEqual([]);
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

const tab = (name: string) => page().getByRole('tab', { name });

/** Uploads the telco-like file and waits until it is stored. */
async function upload(): Promise<void> {
  await page().getByLabel('Choose a file…').setInputFiles(writeTemp('telco-like.csv', telcoLikeCsv()));
  await page().getByText('Stored telco-like.csv: 300 rows.').waitFor();
}

/** Accepts the suggested TotalCharges fix on the Prepare tab and waits for its step in the recipe. */
async function acceptTotalChargesFix(): Promise<void> {
  await tab('Prepare').click();
  await page()
    .getByRole('button', {
      name: /^Accept: Treat ' ' in TotalCharges as missing.*cast TotalCharges to number/,
    })
    .click();
  await page().locator('.steps li').filter({ hasText: 'Cast TotalCharges to number' }).waitFor(WAIT);
}

/** Chooses Churn as the target on the Problem tab and waits for the guessed task. */
async function chooseTarget(): Promise<void> {
  await tab('Problem').click();
  await page().getByRole('combobox', { name: 'Target column (what to predict)' }).selectOption('Churn');
  await page().getByText('Looplab guessed binary').waitFor();
}

/** Sets the metric bar (ROC AUC ≥ 0.85) and saves the problem card as its version 1. */
async function saveProblemCard(): Promise<void> {
  await page().getByRole('spinbutton', { name: 'Target value' }).fill('0.85');
  await page().getByRole('button', { name: 'Save problem card' }).click();
  await page().getByText('Saved as version 1.').waitFor();
}

describe('define, clean and split a telco-like upload', () => {
  it(
    'uploads the file and profiles TotalCharges as a number with 16 blanks',
    { timeout: 300_000 },
    async () => {
      await upload();
      await tab('Profile').click();
      await page().getByTestId('profile-ready').waitFor();
      const card = page().getByRole('article', { name: 'TotalCharges' });
      expect(await card.getByRole('combobox').inputValue()).toBe('');
      expect(await card.getByRole('combobox').locator('option').first().innerText()).toBe('number (guessed)');
      // tenure 0 on the 12 rows i = 0, 25, …, 275 and the 4 more i = 72, 144, 216, 288: 16 of 300 = 5.3%.
      expect(await card.innerText()).toContain('16 (5.3%)');
    },
  );

  it('accepts the suggested TotalCharges fix in one click', { timeout: 300_000 }, async () => {
    await upload();
    await acceptTotalChargesFix();
    await expect
      .poll(() => page().locator('.steps li').allInnerTexts(), WAIT)
      .toEqual([expect.stringMatching(/Cast TotalCharges to number/)]);
  });

  it(
    'chooses the target, with the guessed binary task and positive class, and saves the card',
    { timeout: 300_000 },
    async () => {
      // The card does not depend on the recipe: the upload is all this test needs.
      await upload();
      await chooseTarget();
      expect(await page().getByRole('combobox', { name: 'Positive class' }).inputValue()).toBe('Yes');
      await saveProblemCard();
      expect(await page().getByRole('complementary', { name: 'Saved problem card' }).innerText()).toContain(
        'Predict Churn (binary, positive class "Yes"). Success: ROC AUC ≥ 0.85.',
      );
    },
  );

  it(
    'splits 70/15/15, stratified by the target, and saves the recipe with its sealed split',
    { timeout: 300_000 },
    async () => {
      // The cast step (its row counts below) and the target (the stratification) first.
      await upload();
      await acceptTotalChargesFix();
      await chooseTarget();
      await saveProblemCard();
      await tab('Prepare').click();
      await page().getByRole('button', { name: 'Preview' }).click();
      // 300 rows, 90 Yes / 210 No: test 45 (Yes 13.5→14 or 13), validation 45, train 210.
      await expect
        .poll(() => page().getByTestId('split-sizes').innerText(), WAIT)
        .toBe('300 rows → 300 after cleaning. Split: train 210, validation 45, test 45 (sealed).');
      expect(await page().getByTestId('step-counts').first().innerText()).toMatch(/^300 → 300 rows/);
      await page().getByRole('button', { name: 'Save recipe and split' }).click();
      await page().getByTestId('recipe-saved').waitFor();
    },
  );

  it('keeps the problem card, the recipe and the split after a reload', { timeout: 300_000 }, async () => {
    await upload();
    await acceptTotalChargesFix();
    await chooseTarget();
    await saveProblemCard();
    await saveRecipeAndSplit(page());
    await page().reload();
    await page().locator('[data-ready="true"]').waitFor();
    await page()
      .getByRole('combobox', { name: 'Dataset', exact: true })
      .selectOption({ label: 'telco-like.csv' });
    await tab('Problem').click();
    await page().getByRole('complementary', { name: 'Saved problem card' }).waitFor();
    expect(await page().getByRole('heading', { name: 'Problem card, version 1' }).count()).toBe(1);
    await tab('Prepare').click();
    await page().getByRole('heading', { name: 'Recipe (saved version 1)' }).waitFor();
    expect(await page().locator('.steps li').allInnerTexts()).toEqual([
      expect.stringMatching(/Cast TotalCharges to number/),
    ]);
    // No console problem in any test: the afterEach check above.
  });
});
