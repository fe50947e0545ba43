/**
 * Stages 3–4 in real Chromium: train a search in the train worker (wasm: software GPU adapters are
 * skipped), see the leaderboard, compare runs, rerun one from its record (identical metrics), prove the
 * serving path gives bit-identical features, and check that runs survive a reload, that cancel leaves
 * `cancelled` runs and that closing the tab mid-training leaves `interrupted` ones.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scoreCommand } from '../../src/cli/score-command.ts';
import { decodeBundle, scoreBundle } from '../../src/core/bundle/index.ts';
import { writeTemp } from './files.ts';
import { churnCsv, defineChurnProblem } from './flows.ts';
import { startSession, type Session } from './harness.ts';

let session: Session;
let page: Page;
/** Version 2's bundle file, as the app exported it. */
let exportedV2: Buffer;

beforeAll(async () => {
  session = await startSession();
  page = await session.open();
});

afterAll(async () => {
  await session?.close();
});

const tab = (name: string) => page.getByRole('tab', { name });
const trainStatus = () => page.getByTestId('train-status').getAttribute('data-status');

async function defineAndPrepare() {
  await defineChurnProblem(page, 'churn-train.csv', churnCsv());
}

async function settings(options: { perFamily: number; epochCap: number; budget: number }) {
  await tab('Train').click();
  await page.getByRole('radio', { name: 'Random' }).check();
  await page.getByRole('spinbutton', { name: 'Configurations per family' }).fill(String(options.perFamily));
  await page.getByRole('spinbutton', { name: 'Epoch cap' }).fill(String(options.epochCap));
  await page.getByRole('spinbutton', { name: 'Time budget (s)' }).fill(String(options.budget));
}

describe('train, compare, rerun and serve', () => {
  it('trains baseline, linear and MLP in the train worker, with a leaderboard and parallel coordinates', async () => {
    await defineAndPrepare();
    await settings({ perFamily: 2, epochCap: 4, budget: 120 });
    // The suggested features: the id column is dropped, the date becomes parts, the contract one-hot.
    const features = page.getByRole('table').filter({ hasText: 'Transform' });
    expect(await features.getByRole('combobox', { name: 'Transform for signup' }).inputValue()).toBe(
      'datetime',
    );
    expect(await features.getByRole('combobox', { name: 'Transform for contract' }).inputValue()).toBe(
      'onehot',
    );
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await expect.poll(trainStatus, { timeout: 90_000 }).toBe('done');
    expect(await page.getByTestId('train-status').innerText()).toMatch(/^Finished: 5 runs on wasm/);
    const rows = page.getByTestId('leaderboard').locator('tbody tr');
    expect(await rows.count()).toBe(5);
    const names = await rows.locator('th').allInnerTexts();
    expect(names.some((n) => n.startsWith('baseline'))).toBe(true);
    expect(names.filter((n) => n.startsWith('linear'))).toHaveLength(2);
    expect(names.filter((n) => n.startsWith('mlp'))).toHaveLength(2);
    expect(await page.getByRole('img', { name: /^Parallel coordinates of 4 trials/ }).count()).toBe(1);
  });

  it('lists the runs, compares two with a params diff of only what differs and overlaid curves', async () => {
    await tab('Runs').click();
    const table = page.getByTestId('runs-table');
    expect(await table.locator('tbody tr[data-status="finished"]').count()).toBe(5);
    const mlpBoxes = page.getByRole('checkbox', { name: /^Compare mlp/ });
    await mlpBoxes.nth(0).check();
    await mlpBoxes.nth(1).check();
    const diff = page.getByTestId('params-diff');
    const keys = await diff.locator('tbody th').allInnerTexts();
    // Two random MLP configurations differ in their drawn params and seed, never in family or activation.
    expect(keys).toContain('seed');
    expect(keys).not.toContain('family');
    expect(keys).not.toContain('activation');
    expect(await page.getByRole('img', { name: /^validationLoss of the compared runs/ }).count()).toBe(1);
  });

  it('reruns an MLP run from its record with identical metrics on wasm', async () => {
    const row = page
      .getByTestId('runs-table')
      .locator('tbody tr')
      .filter({ hasText: /^\s*mlp/ })
      .first();
    await row.getByRole('button', { name: 'Rerun' }).click();
    await page.getByTestId('reproduction').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('reproduction').getAttribute('data-identical')).toBe('true');
  });

  it('sends 500 raw training rows through the serve worker: features bit-identical to the training matrix', async () => {
    const row = page
      .getByTestId('runs-table')
      .locator('tbody tr')
      .filter({ hasText: /^\s*linear/ })
      .first();
    await row.getByRole('button', { name: 'Check serving parity' }).click();
    await expect
      .poll(() => page.getByTestId('parity').getAttribute('data-status'), { timeout: 60_000 })
      .toBe('done');
    expect(await page.getByTestId('parity').getAttribute('data-mismatches')).toBe('0');
    expect(await page.getByTestId('parity').innerText()).toMatch(
      /Serving parity: \d+ training rows × \d+ features/,
    );
  });

  it('keeps every run after a reload', async () => {
    await page.reload();
    await page.locator('[data-ready="true"]').waitFor();
    await page
      .getByRole('combobox', { name: 'Dataset', exact: true })
      .selectOption({ label: 'churn-train.csv' });
    await tab('Runs').click();
    await expect
      .poll(() => page.getByTestId('runs-table').locator('tbody tr[data-status="finished"]').count())
      .toBe(6);
  });

  it('evaluates a run on its test rows: moving the threshold gives the precision and recall computed directly', async () => {
    await tab('Evaluate').click();
    await page.getByRole('radio', { name: 'Sealed test rows' }).check();
    await page.getByRole('button', { name: 'Evaluate' }).click();
    await page.getByTestId('evaluation').waitFor({ timeout: 60_000 });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download predictions (CSV)' }).click(),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8')
      .trim()
      .split('\n');
    expect(csv[0]).toBe('row,actual,predicted,p(No),p(Yes)');
    const rows = csv.slice(1).map((line) => line.split(','));
    const direct = (threshold: number) => {
      let [tp, fp, fn] = [0, 0, 0];
      for (const [, actual, , , p] of rows) {
        const positive = Number(p) >= threshold;
        if (actual === 'Yes' && positive) tp++;
        else if (actual === 'Yes') fn++;
        else if (positive) fp++;
      }
      return { precision: tp + fp ? tp / (tp + fp) : 0, recall: tp + fn ? tp / (tp + fn) : 0, tp, fp };
    };
    const shown = async () => ({
      precision: Number(await page.getByTestId('precision').innerText()),
      recall: Number(await page.getByTestId('recall').innerText()),
      tp: Number(await page.getByTestId('tp').innerText()),
      fp: Number(await page.getByTestId('fp').innerText()),
    });
    const values: { precision: number; recall: number }[] = [];
    for (const threshold of [0.3, 0.7]) {
      await page.getByTestId('threshold').fill(String(threshold));
      const expected = direct(threshold);
      await expect.poll(async () => (await shown()).tp).toBe(expected.tp);
      const got = await shown();
      expect(got.fp).toBe(expected.fp);
      expect(got.precision).toBeCloseTo(expected.precision, 4);
      expect(got.recall).toBeCloseTo(expected.recall, 4);
      values.push(got);
    }
    // A higher threshold predicts fewer positives: recall falls.
    expect(values[1]!.recall).toBeLessThan(values[0]!.recall);
    expect(await page.getByRole('img', { name: /^ROC curve, AUC/ }).count()).toBe(1);
    expect(await page.getByRole('img', { name: /^Calibration/ }).count()).toBe(1);
  });

  it('shows segments and fairness by contract that match a direct count, probes, stability, a comparison and a card', async () => {
    // The run's test predictions, and the generated file's contract per row.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download predictions (CSV)' }).click(),
    ]);
    const predictions = readFileSync((await download.path())!, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','));
    const contractOf = churnCsv()
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(',')[3]!);
    const threshold = Number(await page.getByTestId('threshold').inputValue());

    await page.getByRole('combobox', { name: 'Column', exact: true }).selectOption('contract');
    const segmentRows = await page.getByTestId('segments').locator('tbody tr').all();
    const shownSegments = new Map<string, number>();
    for (const row of segmentRows)
      shownSegments.set(
        await row.locator('th').innerText(),
        Number(await row.locator('td').first().innerText()),
      );
    const counted = new Map<string, number>();
    for (const [row] of predictions)
      counted.set(contractOf[Number(row)]!, (counted.get(contractOf[Number(row)]!) ?? 0) + 1);
    expect(shownSegments).toEqual(counted);

    await page.getByRole('combobox', { name: 'Sensitive column' }).selectOption('contract');
    const groups = await page.getByTestId('fairness').locator('tbody tr').all();
    for (const row of groups) {
      const group = (await row.locator('th').innerText()).replace(/ \(too few.*$/, '');
      const members = predictions.filter(([r]) => contractOf[Number(r)] === group);
      const selected = members.filter(([, , , , p]) => Number(p) >= threshold).length;
      expect(Number(await row.locator('td').nth(1).innerText())).toBeCloseTo(selected / members.length, 4);
    }

    // Probes run by themselves after every evaluation.
    await expect
      .poll(() => page.getByTestId('probes').innerText(), { timeout: 60_000 })
      .toMatch(/all gave a valid prediction or a clear error/);

    await page.getByRole('spinbutton', { name: 'Seeds' }).fill('2');
    await page.getByRole('button', { name: 'Train 2 seeds' }).click();
    await page.getByTestId('stability').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('stability').innerText()).toMatch(/roc_auc\s+0\.\d{4} ± 0\.\d{4}/);

    const champion = page.getByRole('combobox', { name: 'Champion' });
    await champion.selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Compare' }).click();
    await page
      .getByTestId('decision')
      .or(page.getByTestId('compare-error'))
      .first()
      .waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('compare-error').count()).toBe(0);
    expect(
      await page
        .locator('li')
        .filter({ hasText: /corrected paired t-test|t = / })
        .count(),
    ).toBeGreaterThan(0);

    const [card] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export Markdown' }).click(),
    ]);
    const markdown = readFileSync((await card.path())!, 'utf8');
    expect(markdown).toContain('churn');
    expect(markdown).toMatch(/\n\|.*\|\n\|[- :|]+\|\n/);
  });

  it('registers versions, moves the aliases with a logged history, exports a version and re-imports it; a tampered file stores nothing', async () => {
    await tab('Models').click();
    await page.getByRole('button', { name: 'Register as model version' }).click();
    await expect
      .poll(() => page.getByTestId('models-message').innerText(), { timeout: 60_000 })
      .toBe('Registered as model version 1.');
    await page.getByRole('combobox', { name: 'Run' }).selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Register as model version' }).click();
    await expect
      .poll(() => page.getByTestId('models-message').innerText(), { timeout: 60_000 })
      .toBe('Registered as model version 2.');
    const row = (v: number) => page.getByTestId('versions').locator(`tr[data-version="${v}"]`);
    await row(1).getByRole('button', { name: 'Make champion' }).click();
    await expect.poll(() => row(1).getByTestId('aliases').innerText()).toBe('champion');
    // Version numbers, never "version none" (issue 15).
    expect(await page.getByTestId('models-message').innerText()).toBe('Champion set to v1.');
    await row(2).getByRole('button', { name: 'Make challenger' }).click();
    await expect.poll(() => row(2).getByTestId('aliases').innerText()).toBe('challenger');
    await row(2).getByRole('button', { name: 'Make champion' }).click();
    await expect.poll(() => row(1).getByTestId('aliases').innerText()).toBe('');
    expect(await page.getByTestId('alias-history').locator('li').allInnerTexts()).toEqual([
      expect.stringMatching(/: champion set to v1 \(promoted by hand\)$/),
      expect.stringMatching(/: challenger set to v2 \(chosen as challenger\)$/),
      expect.stringMatching(/: champion moved from v1 to v2 \(promoted by hand\)$/),
    ]);

    const [exported] = await Promise.all([
      page.waitForEvent('download'),
      row(2).getByRole('button', { name: 'Export' }).click(),
    ]);
    const bytes = readFileSync((await exported.path())!);
    exportedV2 = bytes;
    await page
      .getByLabel('Import a model file')
      .setInputFiles({ name: 'model.zip', mimeType: 'application/zip', buffer: bytes });
    await expect
      .poll(() => page.getByTestId('models-message').innerText(), { timeout: 60_000 })
      .toBe('Imported model.zip as model version 3.');
    // The re-imported version carries the same model: its metrics read the same as version 2's.
    expect(await row(3).locator('td').nth(1).innerText()).toBe(await row(2).locator('td').nth(1).innerText());

    const tampered = Buffer.from(bytes);
    const middle = Math.floor(tampered.length / 2);
    tampered[middle] = tampered[middle]! ^ 0xff;
    await page
      .getByLabel('Import a model file')
      .setInputFiles({ name: 'tampered.zip', mimeType: 'application/zip', buffer: tampered });
    await expect
      .poll(() => page.getByTestId('models-error').innerText(), { timeout: 60_000 })
      .toMatch(/^tampered\.zip was not imported, and nothing was stored: .+/);
    expect(await page.getByTestId('versions').locator('tbody tr').count()).toBe(3);

    // Real-time prediction in the serve worker equals Node's scoring of the exported bundle, for the same row.
    await row(2).getByRole('button', { name: 'Predict with v2' }).click();
    await page.getByRole('textbox', { name: 'fee' }).fill('95.5');
    for (let i = 0; i < 5; i++) await page.getByRole('button', { name: 'Predict', exact: true }).click();
    await expect
      .poll(() => page.getByTestId('latency').innerText())
      .toMatch(/^5 requests: p50 [\d.]+ ms, p95 [\d.]+ ms, p99 [\d.]+ ms$/);
    const shown = await page.getByTestId('prediction').innerText();
    const bundle = decodeBundle(new Uint8Array(bytes));
    const record = { ...bundle.example, fee: '95.5' };
    const expected = scoreBundle(bundle, [record]).predictions[0]!;
    expect(shown).toContain(`Prediction: ${expected.label} (score ${expected.score!.toFixed(6)})`);
  });

  it('scores a CSV in batch in the serve worker: the download equals `looplab score` of the exported bundle byte for byte', async () => {
    // New customers, with the hostile cells users bring: a formula-like category, a missing fee (the model
    // imputes it), a header-less junk column and a line with too many fields.
    const lines = churnCsv().trim().split('\n').slice(0, 301);
    lines[0] = `${lines[0]},note`;
    for (let i = 1; i < lines.length; i++) lines[i] = `${lines[i]},n${i}`;
    lines[7] = lines[7]!.replace(/,(Month-to-month|One year|Two year),/, ",=cmd|' /C calc'!A0,");
    lines[9] = lines[9]!.replace(/^(C\d+),[\d.]+,/, '$1,,');
    lines.splice(12, 0, 'C9999,1,2,3,4,5,6,7');
    const path = writeTemp('new-customers.csv', `${lines.join('\n')}\n`);
    await page.getByRole('combobox', { name: 'Version' }).selectOption({ label: 'v2' });
    await page.getByTestId('batch-file').setInputFiles(path);
    const result = page.getByTestId('batch-result');
    await expect.poll(() => result.getAttribute('data-rows'), { timeout: 60_000 }).toBe('300');
    expect(await result.innerText()).toMatch(/^Scored 300 of 300 rows in [\d.]+ s/);
    await expect
      .poll(() => page.getByText('1 line(s) were not rows (wrong number of fields)').count())
      .toBe(1);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('batch-download').click(),
    ]);
    expect(download.suggestedFilename()).toBe('new-customers-predictions-v2.csv');
    const fromApp = readFileSync((await download.path())!, 'utf8');
    const bundlePath = writeTemp('v2.zip', exportedV2);
    const fromCli = (await scoreCommand([bundlePath, path])).text;
    expect(fromApp).toBe(fromCli);
    expect(fromApp.split('\n')[0]).toBe('row,prediction,score');
    expect(fromApp.trim().split('\n')).toHaveLength(301);
  });

  it('cancels a large batch part-way: no file, a clear message, and the next batch runs', async () => {
    await page.getByTestId('batch-file').setInputFiles(writeTemp('big.csv', churnCsv(400_000, 11)));
    const cancel = page.getByRole('button', { name: 'Cancel scoring' });
    await expect.poll(() => page.getByText(/^Scoring big\.csv: [\d,]+ rows so far$/).count()).toBe(1);
    await cancel.click();
    await expect
      .poll(() => page.getByTestId('batch-error').innerText())
      .toBe('Scoring big.csv was cancelled; nothing was written.');
    expect(await page.getByTestId('batch-result').count()).toBe(0);
    await page.getByTestId('batch-file').setInputFiles(writeTemp('small.csv', churnCsv(50, 12)));
    await expect.poll(() => page.getByTestId('batch-result').getAttribute('data-rows')).toBe('50');
  });

  it('deploys: shadow answers with the champion and logs the challenger; a canary replay walks 5→100% and promotes; a failed gate rolls back; blue-green switches and rolls back', async () => {
    const row = (v: number) => page.getByTestId('versions').locator(`tr[data-version="${v}"]`);
    const deployStatus = page.getByTestId('deploy-status');
    const toDeploy = async () => {
      await tab('Deploy').click();
      await deployStatus.waitFor();
    };
    // Champion v2; v1 (another run) becomes the challenger.
    await tab('Models').click();
    await row(1).getByRole('button', { name: 'Make challenger' }).click();
    await expect.poll(() => row(1).getByTestId('aliases').innerText()).toBe('challenger');
    await toDeploy();
    expect(await deployStatus.innerText()).toMatch(/^Champion v2, challenger v1: the champion answers/);

    // Shadow: three requests, each answered by the champion exactly as Node scores v2; v1 only in the log.
    await page.getByRole('button', { name: 'Start shadow' }).click();
    await expect.poll(() => deployStatus.getAttribute('data-strategy')).toBe('shadow');
    const v2 = decodeBundle(new Uint8Array(exportedV2));
    const expected = scoreBundle(v2, [v2.example]).predictions[0]!;
    for (let i = 0; i < 3; i++) {
      await page.getByRole('textbox', { name: 'Request key' }).fill(`customer-${i}`);
      await page.getByRole('button', { name: 'Send request' }).click();
      await expect
        .poll(() => page.getByTestId('deploy-latency').innerText())
        .toMatch(new RegExp(`^${i + 1} ${i === 0 ? 'request' : 'requests'}, round trip`));
      const answer = page.getByTestId('deploy-answer');
      expect(await answer.getAttribute('data-arm')).toBe('champion');
      expect(await answer.getAttribute('data-version')).toBe('2');
      expect(await answer.innerText()).toContain(`${expected.label} (${expected.score!.toFixed(4)})`);
    }
    const log = page.getByTestId('prediction-log');
    await expect.poll(() => log.locator('tr[data-role="shadow"][data-arm="challenger"]').count()).toBe(3);
    expect(await log.locator('tr[data-role="served"][data-arm="champion"]').count()).toBe(3);
    await page.getByRole('button', { name: 'Roll back' }).click();
    await expect.poll(() => deployStatus.getAttribute('data-strategy')).toBe('single');

    // Canary with v3 (the same model as v2, re-imported): every gate passes, so a labelled replay walks
    // 5 → 25 → 50 → 100% and promotes v3; later requests go to the new champion.
    await tab('Models').click();
    await row(3).getByRole('button', { name: 'Make challenger' }).click();
    await expect.poll(() => row(3).getByTestId('aliases').innerText()).toBe('challenger');
    await toDeploy();
    await page.getByRole('spinbutton', { name: 'Requests per step' }).fill('20');
    await page.getByRole('button', { name: 'Start canary' }).click();
    await expect.poll(() => deployStatus.getAttribute('data-strategy')).toBe('canary');
    const traffic = writeTemp('traffic.csv', churnCsv(1500, 9));
    await page.getByRole('textbox', { name: 'Key column' }).fill('id');
    await page.getByTestId('replay-file').setInputFiles(traffic);
    const summary = page.getByTestId('replay-summary');
    await expect.poll(() => summary.getAttribute('data-requests'), { timeout: 120_000 }).toBe('1500');
    expect(await page.getByTestId('replay-events').locator('li').allInnerTexts()).toEqual([
      'Canary: gates passed at 5%, now 25% of requests to v3',
      'Canary: gates passed at 25%, now 50% of requests to v3',
      'Canary: gates passed at 50%, now 100% of requests to v3',
      'Canary passed every step: v3 is the champion; v2 stays loaded as challenger',
    ]);
    expect(await summary.innerText()).toMatch(/1,500 labelled\.$/);
    await expect
      .poll(() => deployStatus.innerText())
      .toMatch(/^Champion v3, challenger v2: the champion answers/);

    // A gate that cannot pass (p95 ≤ 0 ms) rolls the canary back automatically, aliases untouched.
    await tab('Models').click();
    await row(1).getByRole('button', { name: 'Make challenger' }).click();
    await expect.poll(() => row(1).getByTestId('aliases').innerText()).toBe('challenger');
    await toDeploy();
    await page.getByRole('spinbutton', { name: 'Max p95 latency (ms)' }).fill('0');
    await page.getByRole('button', { name: 'Start canary' }).click();
    await expect.poll(() => deployStatus.getAttribute('data-strategy')).toBe('canary');
    await page.getByTestId('replay-file').setInputFiles(traffic);
    await expect.poll(() => summary.getAttribute('data-requests'), { timeout: 120_000 }).toBe('1500');
    const events = await page.getByTestId('replay-events').locator('li').allInnerTexts();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatch(
      /^Automatic rollback at 5%: p95 latency [\d.]+ ms > 0 ms\. v3 serves every request$/,
    );
    expect(await deployStatus.getAttribute('data-strategy')).toBe('single');
    expect(await deployStatus.innerText()).toMatch(/^Champion v3, challenger v1/);

    // Blue-green: one atomic swap, then a rollback swaps back.
    await page.getByRole('button', { name: 'Blue-green switch' }).click();
    await expect.poll(() => deployStatus.innerText()).toMatch(/^Champion v1, challenger v3: blue-green/);
    await page.getByRole('button', { name: 'Roll back' }).click();
    await expect
      .poll(() => deployStatus.innerText())
      .toMatch(/^Champion v3, challenger v1: the champion answers/);

    const kinds = () =>
      page
        .getByTestId('deploy-timeline')
        .locator('li:not([data-kind="alias-moved"])')
        .evaluateAll((items) => items.map((item) => item.getAttribute('data-kind')));
    await expect
      .poll(kinds)
      .toEqual([
        'deploy-shadow',
        'deploy-rollback',
        'deploy-canary',
        'canary-step',
        'canary-step',
        'canary-step',
        'canary-promoted',
        'deploy-canary',
        'deploy-rollback',
        'blue-green-switch',
        'deploy-rollback',
      ]);
  });

  it('monitors: traffic windows, the realised metric from the replays’ labels, drift of a shifted batch, alerts, labels and retention', async () => {
    await tab('Monitor').click();
    await page.getByRole('button', { name: 'Check logged requests' }).click();
    const summary = page.getByTestId('monitor-summary');
    await expect.poll(() => summary.innerText(), { timeout: 60_000 }).toMatch(/^Champion v3 /);
    expect(await summary.innerText()).toMatch(/; 3,000 labels joined to logged requests\.$/);
    // Every replayed request carried its label: the windows' labelled counts add up to the 3,000 requests.
    const labelled = await page
      .getByTestId('realised-table')
      .locator('tbody tr td:nth-child(2)')
      .allInnerTexts();
    expect(labelled.reduce((sum, text) => sum + parseInt(text, 10), 0)).toBe(3000);
    const requests = await page
      .getByTestId('windows-table')
      .locator('tbody tr td:nth-child(2)')
      .allInnerTexts();
    expect(requests.reduce((sum, text) => sum + parseInt(text, 10), 0)).toBeGreaterThanOrEqual(3003);

    // A batch from the training distribution does not drift; one with higher fees and longer tenures does.
    const same = writeTemp('same.csv', churnCsv(600, 14));
    await page.getByTestId('monitor-batch').setInputFiles(same);
    const verdict = page.getByTestId('drift-verdict');
    await expect.poll(() => summary.innerText()).toContain('current window: same.csv, 600 rows');
    expect(await verdict.getAttribute('data-drift')).toBe('false');
    const shifted = churnCsv(600, 15)
      .trim()
      .split('\n')
      .map((line, i) => {
        if (i === 0) return line;
        const cells = line.split(',');
        cells[1] = (Number(cells[1]) + 40).toFixed(3);
        cells[2] = String(Number(cells[2]) * 2);
        return cells.join(',');
      })
      .join('\n');
    await page.getByTestId('monitor-batch').setInputFiles(writeTemp('shifted.csv', `${shifted}\n`));
    await expect.poll(() => summary.innerText()).toContain('current window: shifted.csv, 600 rows');
    expect(await verdict.getAttribute('data-drift')).toBe('true');
    const row = (name: string) => page.getByTestId('drift-table').locator(`tr[data-feature="${name}"]`);
    expect(await row('fee').getAttribute('data-drift')).toBe('true');
    expect(await row('tenure').getAttribute('data-drift')).toBe('true');
    expect(await row('contract').getAttribute('data-drift')).toBe('false');
    expect(await row('id').locator('td').nth(5).innerText()).toBe('not counted');
    expect(await row('fee').getByRole('img').getAttribute('aria-label')).toMatch(
      /^Distribution of fee: the largest difference is in /,
    );
    const alerts = page.getByTestId('alerts');
    await expect.poll(() => alerts.locator('li[data-kind="drift-share"]').count()).toBe(1);
    expect(await alerts.locator('li[data-kind="feature-psi"]').allInnerTexts()).toEqual(
      expect.arrayContaining([
        expect.stringContaining('PSI of fee is'),
        expect.stringContaining('PSI of tenure is'),
      ]),
    );

    // Labels for requests the log never saw are reported, not stored.
    await page
      .getByTestId('labels-file')
      .setInputFiles(writeTemp('labels.csv', 'request_id,label\nnope-1,Yes\nnope-2,No\n'));
    await expect
      .poll(() => page.getByTestId('monitor-message').innerText())
      .toBe('0 of 2 labels joined by request_id; 2 request ids are not in the log (nope-1, nope-2).');

    // A latency threshold of 0 ms fires on the next check; the alert survives a reload.
    await page.getByText('Monitoring settings and alert thresholds').click();
    await page.getByRole('spinbutton', { name: 'p95 latency above (ms)' }).fill('0');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect
      .poll(() => page.getByTestId('monitor-message').innerText())
      .toBe('Monitoring settings saved.');
    await page.getByRole('button', { name: 'Check logged requests' }).click();
    await expect.poll(() => alerts.locator('li[data-kind="latency"]').count()).toBe(1);
    await page.getByRole('button', { name: 'Apply retention now' }).click();
    await expect
      .poll(() => page.getByTestId('monitor-message').innerText())
      .toBe('Pruned 0 prediction-log entries older than 30 days (the window in use is kept).');
    await page.reload();
    await page.locator('[data-ready="true"]').waitFor();
    await page
      .getByRole('combobox', { name: 'Dataset', exact: true })
      .selectOption({ label: 'churn-train.csv' });
    await tab('Monitor').click();
    await expect.poll(() => page.getByTestId('alerts').locator('li').count()).toBeGreaterThanOrEqual(4);
  });

  it('cancel leaves the unfinished runs cancelled, with no model', async () => {
    await settings({ perFamily: 25, epochCap: 300, budget: 600 });
    await page.getByRole('checkbox', { name: 'Successive halving' }).uncheck();
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await page.getByTestId('train-progress').waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(trainStatus, { timeout: 30_000 }).toBe('cancelled');
    await tab('Runs').click();
    await expect
      .poll(() => page.getByTestId('runs-table').locator('tbody tr[data-status="cancelled"]').count())
      .toBeGreaterThan(0);
    expect(await page.getByTestId('runs-table').locator('tbody tr[data-status="running"]').count()).toBe(0);
  });

  it('marks the runs of a tab closed mid-training interrupted on the next load', async () => {
    await settings({ perFamily: 25, epochCap: 300, budget: 600 });
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await page.getByTestId('train-progress').waitFor({ timeout: 60_000 });
    await page.close();
    page = await session.browser.context.newPage();
    await page.goto(session.server.url);
    await page.locator('[data-ready="true"]').waitFor();
    await page.getByText(/run\(s\) were interrupted when their tab closed/).waitFor();
    await page
      .getByRole('combobox', { name: 'Dataset', exact: true })
      .selectOption({ label: 'churn-train.csv' });
    await tab('Runs').click();
    await expect
      .poll(() => page.getByTestId('runs-table').locator('tbody tr[data-status="interrupted"]').count())
      .toBeGreaterThan(0);
    expect(session.problems.filter((p) => !/interrupted|cancel/i.test(p))).toEqual([]);
  });
});
