/**
 * Steps that several browser tests take the same way: seeded churn data, and the Problem and Prepare tabs
 * from a stored dataset to a saved recipe and split.
 */
import type { Page } from 'playwright-core';
import { createRng } from '../../src/core/random.ts';
import { writeTemp } from './files.ts';

/**
 * Customers whose churn is likely with a high fee and a short tenure, on month-to-month contracts; with
 * `signup`, a date column too.
 */
export function churnCsv(rows = 800, seed = 5, options: { signup?: boolean } = {}): string {
  const rng = createRng(seed);
  const signup = options.signup ?? true;
  const lines = [signup ? 'id,fee,tenure,contract,signup,churn' : 'id,fee,tenure,contract,churn'];
  for (let i = 0; i < rows; i++) {
    const fee = 20 + 80 * rng.next();
    const tenure = rng.int(1, 72);
    const contract = rng.pick(['Month-to-month', 'One year', 'Two year']);
    const date = signup
      ? `,2023-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`
      : '';
    const z =
      (fee - 60) / 20 - (tenure - 36) / 18 + (contract === 'Month-to-month' ? 1 : -0.5) + rng.normal();
    lines.push(`C${1000 + i},${fee.toFixed(3)},${tenure},${contract}${date},${z > 0.8 ? 'Yes' : 'No'}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Preview the suggested recipe and save it with its split (the Prepare tab). */
export async function saveRecipeAndSplit(page: Page): Promise<void> {
  await page.getByRole('tab', { name: 'Prepare' }).click();
  await page.getByRole('button', { name: 'Preview' }).click();
  await page.getByTestId('split-sizes').waitFor();
  await page.getByRole('button', { name: 'Save recipe and split' }).click();
  await page.getByTestId('recipe-saved').waitFor();
}

/**
 * Uploads `csv`, defines a binary problem on `churn` with a metric bar no model reaches (so the stop rule
 * never ends a search early), and saves the suggested recipe and split.
 */
export async function defineChurnProblem(page: Page, fileName: string, csv: string): Promise<void> {
  const rows = csv.trimEnd().split('\n').length - 1;
  await page.getByLabel('Choose a file…').setInputFiles(writeTemp(fileName, csv));
  await page.getByText(`Stored ${fileName}: ${rows.toLocaleString('en-US')} rows.`).waitFor();
  await page.getByRole('tab', { name: 'Problem' }).click();
  await page.getByRole('combobox', { name: 'Target column (what to predict)' }).selectOption('churn');
  await page.getByText('Looplab guessed binary').waitFor();
  await page.getByRole('spinbutton', { name: 'Target value' }).fill('0.999');
  await page.getByRole('button', { name: 'Save problem card' }).click();
  await page.getByText('Saved as version 1.').waitFor();
  await saveRecipeAndSplit(page);
}

/**
 * Presses "Run the full lifecycle on sample data" on the Data tab and waits for it to end, however long
 * the machine takes (it reports each stage as it lands). Returns each stage's result text; throws with the
 * failed stage's message when it did not complete.
 */
export async function runFullLifecycle(page: Page): Promise<Record<string, string>> {
  await page.getByRole('tab', { name: 'Data', exact: true }).click();
  await page.getByRole('button', { name: 'Run the full lifecycle on sample data' }).click();
  const status = page.getByTestId('lifecycle-status');
  await page
    .locator('[data-testid="lifecycle-status"]', {
      hasText: /^(Full lifecycle complete|The \w+ stage failed)/,
    })
    .waitFor({ timeout: 900_000 });
  const text = await status.innerText();
  if (text !== 'Full lifecycle complete') throw new Error(`The lifecycle did not complete: ${text}`);
  const out: Record<string, string> = {};
  for (const item of await page.getByTestId('lifecycle-stages').locator('li').all())
    out[(await item.getAttribute('data-stage'))!] = await item.innerText();
  return out;
}

/** A quick search: few configurations, a low epoch cap, and a budget that is never why a search stops. */
export interface QuickSearch {
  /** Configurations per family, for each of the Train tab's default families (1). */
  configs?: number;
  /** The epoch cap (3). */
  epochs?: number;
  /** The time budget in seconds (600: far more than a quick search takes, even on a loaded machine). */
  budgetS?: number;
}

/** Opens the Train tab and fills in a random search with `search`'s settings, without starting it. */
export async function fillQuickSearch(page: Page, search: QuickSearch = {}): Promise<void> {
  const { configs = 1, epochs = 3, budgetS = 600 } = search;
  await page.getByRole('tab', { name: 'Train' }).click();
  await page.getByRole('radio', { name: 'Random' }).check();
  await page.getByRole('spinbutton', { name: 'Configurations per family' }).fill(String(configs));
  await page.getByRole('spinbutton', { name: 'Epoch cap' }).fill(String(epochs));
  await page.getByRole('spinbutton', { name: 'Time budget (s)' }).fill(String(budgetS));
}

/**
 * Presses Train on the Train tab of a page where no search has run yet, and waits for the search to end,
 * however long the machine takes. Returns its status line; throws with the app's message when it did not
 * finish, or when the time budget stopped it (a quick search's budget is meant never to).
 */
export async function runSearch(page: Page): Promise<string> {
  const status = page.getByTestId('train-status');
  const before = await status.getAttribute('data-status');
  if (before !== 'idle')
    throw new Error(`runSearch needs a page with no search run yet; the status is ${before}`);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await page
    .locator(
      '[data-testid="train-status"]:is([data-status="done"], [data-status="cancelled"], [data-status="error"])',
    )
    .waitFor({ timeout: 600_000 });
  const text = await status.innerText();
  if ((await status.getAttribute('data-status')) !== 'done') {
    const error = page.getByRole('alert');
    const details = (await error.count()) ? await error.allInnerTexts() : [];
    throw new Error(`The search did not finish: ${text} ${details.join(' ')}`.trim());
  }
  if (/time budget reached/.test(text)) throw new Error(`The time budget stopped the search: ${text}`);
  return text;
}

/** A quick search (fillQuickSearch, then runSearch) on the saved problem card and recipe. */
export async function trainQuickSearch(page: Page, search: QuickSearch = {}): Promise<string> {
  await fillQuickSearch(page, search);
  return runSearch(page);
}

/**
 * Registers the run the Models tab suggests as model version `version` and makes it the champion; throws
 * with the app's message when the registration did not give that version.
 */
export async function registerChampion(page: Page, version = 1): Promise<void> {
  await page.getByRole('tab', { name: 'Models' }).click();
  await page.getByRole('button', { name: 'Register as model version' }).click();
  await page
    .locator('[data-testid="models-message"], [data-testid="models-error"]')
    .first()
    .waitFor({ timeout: 120_000 });
  const message = await page
    .locator('[data-testid="models-message"], [data-testid="models-error"]')
    .first()
    .innerText();
  if (message !== `Registered as model version ${version}.`)
    throw new Error(`Registering did not give model version ${version}: ${message}`);
  const row = page.getByTestId('versions').locator(`tr[data-version="${version}"]`);
  await row.getByRole('button', { name: 'Make champion' }).click();
  await row
    .getByTestId('aliases')
    .filter({ hasText: /^champion$/ })
    .waitFor();
}
