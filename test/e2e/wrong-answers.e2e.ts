/**
 * Issue 15: wrong answers a newcomer met in ten minutes, each checked in Chromium where it was seen. Every
 * test starts from a fresh state (useSession: storage cleared, the sample project created as on a first
 * run) and most run the full lifecycle on it first, so no test depends on another.
 */
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { SAMPLE_PROJECT, generateChurnNextMonthCsv } from '../../src/core/sample/index.ts';
import { writeTemp } from './files.ts';
import { runFullLifecycle, saveRecipeAndSplit } from './flows.ts';
import { useSession } from './harness.ts';

const current = useSession();
let page: Page;
beforeEach(() => {
  page = current.page;
});

const tab = (name: string) => page.getByRole('tab', { name, exact: true });
const panelText = () => page.locator('#stage-panel').innerText();
const nav = () => page.getByRole('navigation', { name: 'Projects' });

const TABS = [
  'Data',
  'Profile',
  'Problem',
  'Prepare',
  'Train',
  'Runs',
  'Evaluate',
  'Models',
  'Deploy',
  'Monitor',
] as const;

/** Words only the sample project's data, models and deployment put on screen. */
const SAMPLE_WORDS = [
  'churned',
  'customer_id',
  'monthly_fee',
  'subscriptions-2025',
  'retrained',
  'Champion v',
  'Serving parity',
];

/** A small 3-class table with none of the sample's columns. */
function flowersCsv(): string {
  const lines = ['petal_length,petal_width,colour,species'];
  const species = ['setosa', 'versicolor', 'virginica'];
  for (let i = 0; i < 90; i++) {
    const k = i % 3;
    lines.push(
      `${(1.5 + 2 * k + (i % 7) * 0.1).toFixed(1)},${(0.2 + k + (i % 5) * 0.1).toFixed(1)},${['red', 'blue'][i % 2]},${species[k]}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

async function createProject(name: string): Promise<void> {
  await page.getByLabel('New project').fill(name);
  await page.getByRole('button', { name: 'Create' }).click();
  await expect.poll(() => page.locator('[aria-current="page"]').innerText()).toBe(name);
}

/**
 * Waits until a tab's panel has drawn its own content (each tab has its heading), and, where the tab says
 * when it has read its records (data-loaded: Data, Runs, Models, Deploy, Monitor), until it has.
 */
async function openTab(name: (typeof TABS)[number]): Promise<string> {
  await tab(name).click();
  await page.locator('#stage-panel h2').first().waitFor();
  await page.locator('#stage-panel [data-loaded="false"]').first().waitFor({ state: 'detached' });
  return panelText();
}

describe('wrong answers a newcomer hits (issue 15)', () => {
  it('shows no value of one project in another, on any tab, and the first project’s again when reopened', async () => {
    await runFullLifecycle(page);
    // Look at every tab of the sample first, so each of its states is filled (Monitor checked, a run
    // evaluated, the prediction form open, a parity check shown).
    await openTab('Monitor');
    await page.getByRole('button', { name: 'Check logged requests' }).click();
    await page.getByTestId('drift-table').waitFor();
    await openTab('Evaluate');
    await page.getByRole('button', { name: 'Evaluate' }).click();
    await page.getByTestId('evaluation').waitFor();
    await openTab('Runs');
    await page.getByRole('button', { name: 'Check serving parity' }).first().click();
    await page.locator('[data-testid="parity"][data-status="done"]').waitFor();
    await openTab('Models');
    await page.getByRole('button', { name: 'Predict with v1' }).click();
    await page.getByRole('button', { name: 'Predict', exact: true }).click();
    await page.getByTestId('prediction').waitFor();

    await createProject('Flowers');
    await openTab('Data');
    await page.getByLabel('Choose a file…').setInputFiles(writeTemp('flowers.csv', flowersCsv()));
    await page.getByText('Stored flowers.csv: 90 rows.').waitFor();
    for (const name of TABS) {
      const text = await openTab(name);
      for (const word of SAMPLE_WORDS) expect(text, `${name} tab shows "${word}"`).not.toContain(word);
    }
    // A second new project, with no data at all, is as empty.
    await createProject('Empty');
    for (const name of TABS) {
      const text = await openTab(name);
      for (const word of [...SAMPLE_WORDS, 'flowers', 'petal_length'])
        expect(text, `${name} tab shows "${word}"`).not.toContain(word);
    }
    // Back on the sample, its own results are there again, without a reload.
    await nav().getByRole('button', { name: 'Sample: subscription churn', exact: true }).click();
    expect(await openTab('Monitor')).toContain('Champion v1');
    await page.getByTestId('drift-table').waitFor();
    expect(await openTab('Models')).toContain('Real-time prediction with v1');
  });

  it('evaluates the retrained challenger, which passes the parity check and scores as its run did', async () => {
    await runFullLifecycle(page);
    const retrained = await page.evaluate(async () => {
      // The run the retrain stored, read from storage as the Runs tab lists it.
      const open = indexedDB.open('looplab');
      const db = await new Promise<IDBDatabase>((ok, fail) => {
        open.onsuccess = () => ok(open.result);
        open.onerror = () => fail(open.error);
      });
      const runs = await new Promise<{ name?: string; test?: Record<string, number> }[]>((ok) => {
        const request = db.transaction('runs').objectStore('runs').getAll();
        request.onsuccess = () => ok(request.result);
      });
      db.close();
      return runs.find((r) => r.name?.startsWith('retrained'));
    });
    expect(retrained?.name).toMatch(/^retrained v1 #\d+$/);

    await openTab('Evaluate');
    // Evaluate picks the retrained run by default (it is the newest with test metrics).
    const run = page.getByRole('combobox', { name: 'Run' });
    expect(await run.locator('option:checked').innerText()).toMatch(/^retrained v1/);
    await page.getByRole('radio', { name: 'Sealed test rows' }).check();
    await page.getByRole('button', { name: 'Evaluate' }).click();
    await page.getByTestId('evaluation').waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    const auc = await page.getByTestId('metric-roc_auc').innerText();
    expect(Number(auc)).toBeCloseTo(retrained!.test!.roc_auc!, 4);

    await openTab('Runs');
    await page
      .locator(`tr[data-run-name="${retrained!.name}"]`)
      .getByRole('button', { name: 'Check serving parity' })
      .click();
    const parity = page.locator('[data-testid="parity"][data-status="done"]');
    await parity.waitFor();
    expect(await parity.getAttribute('data-mismatches')).toBe('0');
  });

  it('groups segments by the cleaned value and names the spellings it came from', async () => {
    await runFullLifecycle(page);
    await openTab('Evaluate');
    await page.getByRole('radio', { name: 'Sealed test rows' }).check();
    await page.getByRole('button', { name: 'Evaluate' }).click();
    await page.getByTestId('evaluation').waitFor();
    await page.getByRole('combobox', { name: /^Column/ }).selectOption('plan');
    const labels = await page.getByTestId('segments').locator('tbody th').allInnerTexts();
    // The recipe merges the case and space variants of each plan ("basic", " Basic", "BASIC"): one segment
    // each, with the raw spellings it came from listed under it.
    expect(labels.map((l) => l.split('\n')[0]!.trim())).toEqual(['Basic', 'Premium', 'Standard']);
    const from = await page.getByTestId('segment-from').allInnerTexts();
    expect(from).toHaveLength(3);
    for (const [i, name] of ['Basic', 'Premium', 'Standard'].entries()) {
      expect(from[i]).toContain(`“${name}”`);
      expect(from[i]).toContain(`“${name.toLowerCase()}”`);
    }
  });

  it('says next to the field when an input is not a number or a category never seen, and still answers', async () => {
    await runFullLifecycle(page);
    await openTab('Models');
    await page.getByRole('button', { name: 'Predict with v1' }).click();
    await page.getByRole('textbox', { name: 'monthly_fee' }).fill('heavy');
    await page.getByRole('textbox', { name: 'region', exact: true }).fill('Atlantis');
    await page.getByRole('button', { name: 'Predict', exact: true }).click();
    const answer = page.getByTestId('prediction');
    await expect
      .poll(() => answer.innerText())
      .toMatch(/^Prediction: (Yes|No) \(score [\d.]+\) in [\d.]+ ms, with 2 inputs not read as typed$/);
    const issues = page.getByTestId('field-issue');
    expect(await issues.allInnerTexts()).toEqual([
      expect.stringMatching(
        /^“Atlantis” is not one of the \d+ categories the model learned .*: encoded as “\(other\)”\.$/,
      ),
      expect.stringMatching(
        /^“heavy” is not a number: treated as missing \(filled with the training value [\d.]+\)\.$/,
      ),
    ]);
    const fee = page.getByRole('textbox', { name: 'monthly_fee' });
    expect(await fee.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByTestId('prediction-issues').innerText()).toBe(
      'Treated as missing: monthly_fee\nNot seen in training: region',
    );

    // The Deploy tab's request form says the same of what the answering version made of its inputs.
    await openTab('Deploy');
    await page.getByRole('textbox', { name: 'monthly_fee' }).fill('heavy');
    await page.getByRole('button', { name: 'Send request' }).click();
    await page.getByTestId('deploy-answer').waitFor();
    await expect
      .poll(() => page.getByTestId('field-issue').allInnerTexts())
      .toEqual([expect.stringMatching(/^“heavy” is not a number: treated as missing/)]);
    expect(await page.getByTestId('prediction-issues').innerText()).toBe('Treated as missing: monthly_fee');
  });

  it('uses the target column of a checked batch file as its labels', async () => {
    const monitorResult = await runFullLifecycle(page);
    // The monitor stage replayed July's rows as requests and joined their labels: the realised metric of
    // the same rows, by the other path (the log), is the reference.
    const logged = Number(/realised ROC AUC (0\.\d{4}) vs/.exec(monitorResult.monitor!)?.[1]);
    expect(logged).toBeGreaterThan(0.5);
    await openTab('Monitor');
    const { nextMonth } = SAMPLE_PROJECT.datasets;
    const july = generateChurnNextMonthCsv({ rows: nextMonth.rows, seed: nextMonth.seed });
    await page.getByTestId('monitor-batch').setInputFiles(writeTemp('july.csv', july));
    const summary = page.getByTestId('monitor-summary');
    await expect
      .poll(() => summary.innerText())
      .toMatch(/current window: july\.csv, 1,000 rows; 1,000 labels from the batch's own churned column\.$/);
    const realised = page.getByTestId('batch-realised');
    expect(Number(await realised.getAttribute('data-value'))).toBeCloseTo(logged, 4);
    expect(await realised.innerText()).toMatch(/^0\.\d{4} on 1,000 labelled rows \(its churned column\)/);
  });

  it('names versions, not ids, and counts in words that agree', async () => {
    await runFullLifecycle(page);
    await openTab('Models');
    await page.locator('[data-testid="models-stage"][data-loaded="true"]').waitFor();
    const historyLines = () => page.getByTestId('alias-history').locator('li').allInnerTexts();
    await expect.poll(async () => (await historyLines()).length).toBeGreaterThan(0);
    const history = await historyLines();
    expect(history[0]).toMatch(/: champion set to v1 \(full lifecycle: best run\)$/);
    for (const line of history) expect(line).not.toMatch(/none|undefined/);
    await page.getByRole('button', { name: 'Predict with v1' }).click();
    await page.getByRole('button', { name: 'Predict', exact: true }).click();
    await expect.poll(() => page.getByTestId('latency').innerText()).toMatch(/^1 request: p50/);

    await openTab('Deploy');
    await page.locator('[data-testid="deploy-stage"][data-loaded="true"]').waitFor();
    // The timeline is read from storage when the tab opens: wait for the champion's move to be listed.
    const lines = () => page.getByTestId('deploy-timeline').locator('li').allInnerTexts();
    await expect.poll(async () => (await lines()).some((line) => /champion set to v1/.test(line))).toBe(true);
    const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;
    for (const line of await lines()) expect(line).not.toMatch(uuid);
  });

  it('does not stop the search at the card’s target unless asked, and says what the button will do', async () => {
    // The sample problem with a bar every model clears (ROC AUC 0.6), and the suggested recipe.
    await openTab('Problem');
    await page.getByRole('combobox', { name: 'Target column (what to predict)' }).selectOption('churned');
    await page.getByText('Looplab guessed binary').waitFor();
    await page.getByRole('spinbutton', { name: 'Target value' }).fill('0.6');
    await page.getByRole('button', { name: 'Save problem card' }).click();
    await page.getByText('Saved as version 1.').waitFor();
    await saveRecipeAndSplit(page);
    await openTab('Train');
    const stop = page.getByRole('checkbox', { name: "Stop at the card's target" });
    expect(await stop.isChecked()).toBe(false);
    // A quick AutoML search: 3 epochs a trial, a budget it cannot run out of.
    await page.getByRole('spinbutton', { name: 'Epoch cap' }).fill('3');
    await page.getByRole('spinbutton', { name: 'Time budget (s)' }).fill('900');
    const button = page.getByRole('button', { name: /^Find the best model/ });
    await expect
      .poll(() => button.innerText())
      .toBe('Find the best model: all 4 families and an ensemble, cross-validated, within 900 s');
    await button.click();
    const status = page.locator('[data-testid="train-status"][data-status="done"]');
    await status.waitFor({ timeout: 600_000 });
    // The sample card's target (ROC AUC 0.6) is reached by the first real model, yet the search went on
    // until it stopped improving (or ran out of candidates), and says so.
    expect(await status.innerText()).toMatch(
      /^Finished: \d+ runs on \w+, compared by 5-fold cross-validation on [\d,]+ rows; the search stopped because (the best score stopped improving|every candidate was tried)\.$/,
    );
  });
});
