/**
 * Stages 3–7 in real Chromium: train a search in the train worker (wasm: software GPU adapters are
 * skipped), see the leaderboard, compare runs, rerun one from its record (identical metrics), prove the
 * serving path gives bit-identical features, check that runs survive a reload; evaluate a run on its
 * sealed test rows (threshold, segments, fairness, probes, stability, champion comparison, model card);
 * register, alias, export and re-import model versions, predict in real time and in batch (equal to
 * `looplab score`), cancel a batch; deploy (shadow, canary, automatic rollback, blue-green); monitor the
 * logged traffic (windows, realised metric, drift, alerts, labels, retention); and check that cancel
 * leaves `cancelled` runs and that closing the tab mid-training leaves `interrupted` ones.
 *
 * Every test starts from a fresh profile state (useSession) and builds what it needs itself with the
 * helpers below: a small search (800 rows, a few configurations, at most 4 epochs, a budget it cannot
 * reach), then versions, an exported bundle or a deployment. No test reads what another left behind.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { scoreCommand } from '../../src/cli/score-command.ts';
import { decodeBundle, scoreBundle } from '../../src/core/bundle/index.ts';
import { armBarrier, barrierReached, releaseBarrier } from './barriers.ts';
import { writeTemp } from './files.ts';
import { churnCsv, defineChurnProblem, fillQuickSearch, runSearch } from './flows.ts';
import { useSession } from './harness.ts';

const current = useSession();
const page = (): Page => current.page;

/** A limit for one wait on the page: generous, for a loaded 2-core machine. */
const WAIT = { timeout: 120_000 };
/** A limit for work that goes through many rows or trains (a replay, a rerun, seeds). */
const LONG = { timeout: 300_000 };

// No console error or CSP violation in any test, but the messages a cancel or a closed tab gives. (Checked
// after every test, for what appeared since the previous check: the fresh page's load included.)
let problemsChecked = 0;
afterEach(() => {
  const problems = current.session.problems;
  const seen = problems.slice(problemsChecked);
  problemsChecked = problems.length;
  expect(seen.filter((p) => !/interrupted|cancel/i.test(p))).toEqual([]);
});

const tab = (name: string) => page().getByRole('tab', { name });
const trainStatus = () => page().getByTestId('train-status').getAttribute('data-status');
const versionRow = (v: number) => page().getByTestId('versions').locator(`tr[data-version="${v}"]`);
const deployStatus = () => page().getByTestId('deploy-status');

/** Uploads the churn file, defines the problem and saves the suggested recipe and split. */
async function defineAndPrepare(): Promise<void> {
  await defineChurnProblem(page(), 'churn-train.csv', churnCsv());
}

/**
 * A finished random search on the churn file: the baseline and `perFamily` linear and MLP configurations
 * (5 runs with the default 2), at most 4 epochs each.
 */
async function trainedRuns(perFamily = 2): Promise<void> {
  await defineAndPrepare();
  await fillQuickSearch(page(), { configs: perFamily, epochs: 4 });
  await runSearch(page());
}

/** Evaluates the run the Evaluate tab proposes on its sealed test rows. */
async function evaluateOnTestRows(): Promise<void> {
  await tab('Evaluate').click();
  await page().getByRole('radio', { name: 'Sealed test rows' }).check();
  await page().getByRole('button', { name: 'Evaluate' }).click();
  await page().getByTestId('evaluation').waitFor(WAIT);
}

/** The text of the file a click downloads. */
async function downloaded(click: () => Promise<void>): Promise<{ text: string; name: string }> {
  const [download] = await Promise.all([page().waitForEvent('download'), click()]);
  return { text: readFileSync((await download.path())!, 'utf8'), name: download.suggestedFilename() };
}

/** Registers the run chosen on the Models tab and checks it became `version`. */
async function register(version: number): Promise<void> {
  await page().getByRole('button', { name: 'Register as model version' }).click();
  await expect
    .poll(() => page().getByTestId('models-message').innerText(), WAIT)
    .toBe(`Registered as model version ${version}.`);
}

/** On the Models tab: v1 the run the tab proposes, v2 the next run in its list (another run). */
async function registerTwoVersions(): Promise<void> {
  await tab('Models').click();
  await register(1);
  await page().getByRole('combobox', { name: 'Run' }).selectOption({ index: 1 });
  await register(2);
}

/** Points `alias` at `version` (Models tab) and waits until the version shows it as its only alias. */
async function makeAlias(version: number, alias: 'champion' | 'challenger'): Promise<void> {
  await tab('Models').click();
  await versionRow(version)
    .getByRole('button', { name: `Make ${alias}` })
    .click();
  await expect.poll(() => versionRow(version).getByTestId('aliases').innerText(), WAIT).toBe(alias);
}

/** The bytes of a version's exported bundle, as the app downloads it. */
async function exportVersion(version: number): Promise<Buffer> {
  const [exported] = await Promise.all([
    page().waitForEvent('download'),
    versionRow(version).getByRole('button', { name: 'Export' }).click(),
  ]);
  return readFileSync((await exported.path())!);
}

/** Imports a bundle file on the Models tab and checks it became `version`. */
async function importModel(name: string, bytes: Buffer, version: number): Promise<void> {
  await page()
    .getByLabel('Import a model file')
    .setInputFiles({ name, mimeType: 'application/zip', buffer: bytes });
  await expect
    .poll(() => page().getByTestId('models-message').innerText(), WAIT)
    .toBe(`Imported ${name} as model version ${version}.`);
}

/**
 * What the deployment starts from: a search, v1 and v2 two of its runs, v2 the champion, and v3 the
 * same model as v2 (its exported bundle re-imported). Returns v2's bundle file, as the app exported it.
 */
async function versionsForDeploy(): Promise<Buffer> {
  await trainedRuns();
  await registerTwoVersions();
  await makeAlias(2, 'champion');
  const v2 = await exportVersion(2);
  await importModel('model.zip', v2, 3);
  return v2;
}

async function toDeploy(): Promise<void> {
  await tab('Deploy').click();
  await deployStatus().waitFor();
}

async function strategyIs(kind: 'single' | 'shadow' | 'canary'): Promise<void> {
  await expect.poll(() => deployStatus().getAttribute('data-strategy'), WAIT).toBe(kind);
}

/** Sends the `i`-th request (0-based) of this page from the Deploy tab's form and waits for its answer. */
async function sendRequest(i: number): Promise<void> {
  await page().getByRole('textbox', { name: 'Request key' }).fill(`customer-${i}`);
  await page().getByRole('button', { name: 'Send request' }).click();
  await expect
    .poll(() => page().getByTestId('deploy-latency').innerText(), WAIT)
    .toMatch(new RegExp(`^${i + 1} ${i === 0 ? 'request' : 'requests'}, round trip`));
}

/** Replays a CSV of requests on the Deploy tab and waits for its summary (or throws with its error). */
async function replay(path: string, requests: string): Promise<void> {
  await page().getByTestId('replay-file').setInputFiles(path);
  await page().locator('[data-testid="replay-summary"], [data-testid="deploy-error"]').first().waitFor(LONG);
  const error = page().getByTestId('deploy-error');
  if (await error.count()) throw new Error(`The replay failed: ${await error.innerText()}`);
  expect(await page().getByTestId('replay-summary').getAttribute('data-requests')).toBe(requests);
}

/** Checks on the page between the steps of `deployStory`. */
interface DeployChecks {
  /** The Deploy tab, before the shadow starts. */
  beforeShadow?: () => Promise<void>;
  /** After the `i`-th shadow request's answer. */
  shadowAnswer?: (i: number) => Promise<void>;
  /** After the three shadow requests, before the rollback. */
  shadowLogged?: () => Promise<void>;
  /** After the canary of v3 replayed its traffic. */
  canaryReplayed?: () => Promise<void>;
  /** After the canary of v1 replayed its traffic against a gate it cannot pass. */
  failedCanaryReplayed?: () => Promise<void>;
}

/**
 * The deployment, from `versionsForDeploy`: v1 the challenger in shadow (three requests, then rolled
 * back); a canary of v3 (the same model as v2) whose labelled replay of 1,500 requests walks 5 → 100% and
 * promotes it; a canary of v1 against a p95 gate of 0 ms, rolled back automatically by the same replay;
 * a blue-green switch to v1 and its rollback. Champion v3, challenger v1 at the end; 3 + 3,000 requests
 * logged, 3,000 of them with labels.
 */
async function deployStory(checks: DeployChecks = {}): Promise<void> {
  await makeAlias(1, 'challenger');
  await toDeploy();
  await checks.beforeShadow?.();
  await page().getByRole('button', { name: 'Start shadow' }).click();
  await strategyIs('shadow');
  for (let i = 0; i < 3; i++) {
    await sendRequest(i);
    await checks.shadowAnswer?.(i);
  }
  await checks.shadowLogged?.();
  await page().getByRole('button', { name: 'Roll back' }).click();
  await strategyIs('single');

  await makeAlias(3, 'challenger');
  await toDeploy();
  await page().getByRole('spinbutton', { name: 'Requests per step' }).fill('20');
  // Only the gates this canary is about: a latency limit no loaded machine reaches (the next canary is
  // the one a latency gate rolls back).
  await page().getByRole('spinbutton', { name: 'Max p95 latency (ms)' }).fill('60000');
  await page().getByRole('button', { name: 'Start canary' }).click();
  await strategyIs('canary');
  const traffic = writeTemp('traffic.csv', churnCsv(1500, 9));
  await page().getByRole('textbox', { name: 'Key column' }).fill('id');
  await replay(traffic, '1500');
  await checks.canaryReplayed?.();

  await makeAlias(1, 'challenger');
  await toDeploy();
  await page().getByRole('spinbutton', { name: 'Max p95 latency (ms)' }).fill('0');
  await page().getByRole('button', { name: 'Start canary' }).click();
  await strategyIs('canary');
  await replay(traffic, '1500');
  await checks.failedCanaryReplayed?.();

  // Blue-green: one atomic swap, then a rollback swaps back.
  await page().getByRole('button', { name: 'Blue-green switch' }).click();
  await expect
    .poll(() => deployStatus().innerText(), WAIT)
    .toMatch(/^Champion v1, challenger v3: blue-green/);
  await page().getByRole('button', { name: 'Roll back' }).click();
  await expect
    .poll(() => deployStatus().innerText(), WAIT)
    .toMatch(/^Champion v3, challenger v1: the champion answers/);
}

describe('train, compare, rerun and serve', () => {
  it(
    'trains baseline, linear and MLP in the train worker, with a leaderboard and parallel coordinates',
    { timeout: 900_000 },
    async () => {
      await defineAndPrepare();
      await fillQuickSearch(page(), { configs: 2, epochs: 4 });
      // The suggested features: the id column is dropped, the date becomes parts, the contract one-hot.
      const features = page().getByRole('table').filter({ hasText: 'Transform' });
      expect(await features.getByRole('combobox', { name: 'Transform for signup' }).inputValue()).toBe(
        'datetime',
      );
      expect(await features.getByRole('combobox', { name: 'Transform for contract' }).inputValue()).toBe(
        'onehot',
      );
      await runSearch(page());
      expect(await trainStatus()).toBe('done');
      expect(await page().getByTestId('train-status').innerText()).toMatch(/^Finished: 5 runs on wasm/);
      const rows = page().getByTestId('leaderboard').locator('tbody tr');
      // The status says done before the runs are read again, and the leaderboard is drawn from them.
      await expect.poll(() => rows.count(), WAIT).toBe(5);
      const names = await rows.locator('th').allInnerTexts();
      expect(names.some((n) => n.startsWith('baseline'))).toBe(true);
      expect(names.filter((n) => n.startsWith('linear'))).toHaveLength(2);
      expect(names.filter((n) => n.startsWith('mlp'))).toHaveLength(2);
      expect(
        await page()
          .getByRole('img', { name: /^Parallel coordinates of 4 trials/ })
          .count(),
      ).toBe(1);
    },
  );

  it(
    'lists the runs, compares two with a params diff of only what differs and overlaid curves',
    { timeout: 900_000 },
    async () => {
      await trainedRuns();
      await tab('Runs').click();
      const table = page().getByTestId('runs-table');
      await expect.poll(() => table.locator('tbody tr[data-status="finished"]').count(), WAIT).toBe(5);
      const mlpBoxes = page().getByRole('checkbox', { name: /^Compare mlp/ });
      await mlpBoxes.nth(0).check();
      await mlpBoxes.nth(1).check();
      const diff = page().getByTestId('params-diff');
      const keys = await diff.locator('tbody th').allInnerTexts();
      // Two random MLP configurations differ in their drawn params and seed, never in family or activation.
      expect(keys).toContain('seed');
      expect(keys).not.toContain('family');
      expect(keys).not.toContain('activation');
      expect(
        await page()
          .getByRole('img', { name: /^validationLoss of the compared runs/ })
          .count(),
      ).toBe(1);
    },
  );

  it('reruns an MLP run from its record with identical metrics on wasm', { timeout: 900_000 }, async () => {
    await trainedRuns(1);
    await tab('Runs').click();
    const row = page()
      .getByTestId('runs-table')
      .locator('tbody tr')
      .filter({ hasText: /^\s*mlp/ })
      .first();
    await row.getByRole('button', { name: 'Rerun' }).click();
    await page().getByTestId('reproduction').waitFor(LONG);
    expect(await page().getByTestId('reproduction').getAttribute('data-identical')).toBe('true');
  });

  it(
    'sends 500 raw training rows through the serve worker: features bit-identical to the training matrix',
    { timeout: 900_000 },
    async () => {
      await trainedRuns(1);
      await tab('Runs').click();
      const row = page()
        .getByTestId('runs-table')
        .locator('tbody tr')
        .filter({ hasText: /^\s*linear/ })
        .first();
      await row.getByRole('button', { name: 'Check serving parity' }).click();
      const parity = page().getByTestId('parity');
      await page()
        .locator('[data-testid="parity"]:is([data-status="done"], [data-status="error"])')
        .waitFor(LONG);
      expect(await parity.getAttribute('data-status')).toBe('done');
      expect(await parity.getAttribute('data-mismatches')).toBe('0');
      expect(await parity.innerText()).toMatch(/Serving parity: \d+ training rows × \d+ features/);
    },
  );

  it('keeps every run after a reload', { timeout: 900_000 }, async () => {
    await trainedRuns();
    await page().reload();
    await page().locator('[data-ready="true"]').waitFor();
    await page()
      .getByRole('combobox', { name: 'Dataset', exact: true })
      .selectOption({ label: 'churn-train.csv' });
    await tab('Runs').click();
    // This test's own search: 5 finished runs (the chained version counted 6, with an earlier test's rerun).
    await expect
      .poll(() => page().getByTestId('runs-table').locator('tbody tr[data-status="finished"]').count(), WAIT)
      .toBe(5);
  });

  it(
    'evaluates a run on its test rows: moving the threshold gives the precision and recall computed directly',
    { timeout: 900_000 },
    async () => {
      await trainedRuns();
      await evaluateOnTestRows();
      const { text } = await downloaded(() =>
        page().getByRole('button', { name: 'Download predictions (CSV)' }).click(),
      );
      const csv = text.trim().split('\n');
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
        precision: Number(await page().getByTestId('precision').innerText()),
        recall: Number(await page().getByTestId('recall').innerText()),
        tp: Number(await page().getByTestId('tp').innerText()),
        fp: Number(await page().getByTestId('fp').innerText()),
      });
      const values: { precision: number; recall: number }[] = [];
      for (const threshold of [0.3, 0.7]) {
        await page().getByTestId('threshold').fill(String(threshold));
        const expected = direct(threshold);
        await expect.poll(async () => (await shown()).tp, WAIT).toBe(expected.tp);
        const got = await shown();
        expect(got.fp).toBe(expected.fp);
        expect(got.precision).toBeCloseTo(expected.precision, 4);
        expect(got.recall).toBeCloseTo(expected.recall, 4);
        values.push(got);
      }
      // A higher threshold predicts fewer positives: recall falls.
      expect(values[1]!.recall).toBeLessThan(values[0]!.recall);
      expect(
        await page()
          .getByRole('img', { name: /^ROC curve, AUC/ })
          .count(),
      ).toBe(1);
      expect(
        await page()
          .getByRole('img', { name: /^Calibration/ })
          .count(),
      ).toBe(1);
    },
  );

  it(
    'shows segments and fairness by contract that match a direct count, probes, stability, a comparison and a card',
    { timeout: 900_000 },
    async () => {
      await trainedRuns();
      await evaluateOnTestRows();
      // The run's test predictions, and the generated file's contract per row.
      const { text } = await downloaded(() =>
        page().getByRole('button', { name: 'Download predictions (CSV)' }).click(),
      );
      const predictions = text
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(','));
      const contractOf = churnCsv()
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(',')[3]!);
      const threshold = Number(await page().getByTestId('threshold').inputValue());

      await page().getByRole('combobox', { name: 'Column', exact: true }).selectOption('contract');
      const segmentRows = await page().getByTestId('segments').locator('tbody tr').all();
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

      await page().getByRole('combobox', { name: 'Sensitive column' }).selectOption('contract');
      const groups = await page().getByTestId('fairness').locator('tbody tr').all();
      for (const row of groups) {
        const group = (await row.locator('th').innerText()).replace(/ \(too few.*$/, '');
        const members = predictions.filter(([r]) => contractOf[Number(r)] === group);
        const selected = members.filter(([, , , , p]) => Number(p) >= threshold).length;
        expect(Number(await row.locator('td').nth(1).innerText())).toBeCloseTo(selected / members.length, 4);
      }

      // Probes run by themselves after every evaluation.
      await expect
        .poll(() => page().getByTestId('probes').innerText(), WAIT)
        .toMatch(/all gave a valid prediction or a clear error/);

      await page().getByRole('spinbutton', { name: 'Seeds' }).fill('2');
      await page().getByRole('button', { name: 'Train 2 seeds' }).click();
      await page().getByTestId('stability').waitFor(LONG);
      expect(await page().getByTestId('stability').innerText()).toMatch(/roc_auc\s+0\.\d{4} ± 0\.\d{4}/);

      const champion = page().getByRole('combobox', { name: 'Champion' });
      await champion.selectOption({ index: 1 });
      await page().getByRole('button', { name: 'Compare' }).click();
      await page().getByTestId('decision').or(page().getByTestId('compare-error')).first().waitFor(LONG);
      expect(await page().getByTestId('compare-error').count()).toBe(0);
      expect(
        await page()
          .locator('li')
          .filter({ hasText: /corrected paired t-test|t = / })
          .count(),
      ).toBeGreaterThan(0);

      const card = await downloaded(() => page().getByRole('button', { name: 'Export Markdown' }).click());
      expect(card.text).toContain('churn');
      expect(card.text).toMatch(/\n\|.*\|\n\|[- :|]+\|\n/);
    },
  );

  it(
    'registers versions, moves the aliases with a logged history, exports a version and re-imports it; a tampered file stores nothing',
    { timeout: 900_000 },
    async () => {
      await trainedRuns();
      // Each registration checks its message: "Registered as model version 1." and "… 2.".
      await registerTwoVersions();
      const row = versionRow;
      await row(1).getByRole('button', { name: 'Make champion' }).click();
      await expect.poll(() => row(1).getByTestId('aliases').innerText(), WAIT).toBe('champion');
      // Version numbers, never "version none" (issue 15).
      expect(await page().getByTestId('models-message').innerText()).toBe('Champion set to v1.');
      await row(2).getByRole('button', { name: 'Make challenger' }).click();
      await expect.poll(() => row(2).getByTestId('aliases').innerText(), WAIT).toBe('challenger');
      await row(2).getByRole('button', { name: 'Make champion' }).click();
      await expect.poll(() => row(1).getByTestId('aliases').innerText(), WAIT).toBe('');
      expect(await page().getByTestId('alias-history').locator('li').allInnerTexts()).toEqual([
        expect.stringMatching(/: champion set to v1 \(promoted by hand\)$/),
        expect.stringMatching(/: challenger set to v2 \(chosen as challenger\)$/),
        expect.stringMatching(/: champion moved from v1 to v2 \(promoted by hand\)$/),
      ]);

      const bytes = await exportVersion(2);
      await importModel('model.zip', bytes, 3);
      // The re-imported version carries the same model: its metrics read the same as version 2's.
      expect(await row(3).locator('td').nth(1).innerText()).toBe(
        await row(2).locator('td').nth(1).innerText(),
      );

      const tampered = Buffer.from(bytes);
      const middle = Math.floor(tampered.length / 2);
      tampered[middle] = tampered[middle]! ^ 0xff;
      await page()
        .getByLabel('Import a model file')
        .setInputFiles({ name: 'tampered.zip', mimeType: 'application/zip', buffer: tampered });
      await expect
        .poll(() => page().getByTestId('models-error').innerText(), WAIT)
        .toMatch(/^tampered\.zip was not imported, and nothing was stored: .+/);
      // The error shows before the versions are read again.
      await page().locator('[data-testid="models-stage"][data-loaded="true"]').waitFor();
      expect(await page().getByTestId('versions').locator('tbody tr').count()).toBe(3);

      // Real-time prediction in the serve worker equals Node's scoring of the exported bundle, for the same row.
      await row(2).getByRole('button', { name: 'Predict with v2' }).click();
      await page().getByRole('textbox', { name: 'fee' }).fill('95.5');
      for (let i = 0; i < 5; i++) await page().getByRole('button', { name: 'Predict', exact: true }).click();
      await expect
        .poll(() => page().getByTestId('latency').innerText(), WAIT)
        .toMatch(/^5 requests: p50 [\d.]+ ms, p95 [\d.]+ ms, p99 [\d.]+ ms$/);
      const shown = await page().getByTestId('prediction').innerText();
      const bundle = decodeBundle(new Uint8Array(bytes));
      const record = { ...bundle.example, fee: '95.5' };
      const expected = scoreBundle(bundle, [record]).predictions[0]!;
      expect(shown).toContain(`Prediction: ${expected.label} (score ${expected.score!.toFixed(6)})`);
    },
  );

  it(
    'scores a CSV in batch in the serve worker: the download equals `looplab score` of the exported bundle byte for byte',
    { timeout: 900_000 },
    async () => {
      await trainedRuns();
      await registerTwoVersions();
      const exportedV2 = await exportVersion(2);
      // New customers, with the hostile cells users bring: a formula-like category, a missing fee (the model
      // imputes it), a header-less junk column and a line with too many fields.
      const lines = churnCsv().trim().split('\n').slice(0, 301);
      lines[0] = `${lines[0]},note`;
      for (let i = 1; i < lines.length; i++) lines[i] = `${lines[i]},n${i}`;
      lines[7] = lines[7]!.replace(/,(Month-to-month|One year|Two year),/, ",=cmd|' /C calc'!A0,");
      lines[9] = lines[9]!.replace(/^(C\d+),[\d.]+,/, '$1,,');
      lines.splice(12, 0, 'C9999,1,2,3,4,5,6,7');
      const path = writeTemp('new-customers.csv', `${lines.join('\n')}\n`);
      await page().getByRole('combobox', { name: 'Version' }).selectOption({ label: 'v2' });
      await page().getByTestId('batch-file').setInputFiles(path);
      const result = page().getByTestId('batch-result');
      await expect.poll(() => result.getAttribute('data-rows'), LONG).toBe('300');
      expect(await result.innerText()).toMatch(/^Scored 300 of 300 rows in [\d.]+ s/);
      await expect
        .poll(() => page().getByText('1 line(s) were not rows (wrong number of fields)').count(), WAIT)
        .toBe(1);
      const fromApp = await downloaded(() => page().getByTestId('batch-download').click());
      expect(fromApp.name).toBe('new-customers-predictions-v2.csv');
      const bundlePath = writeTemp('v2.zip', exportedV2);
      const fromCli = (await (await scoreCommand([bundlePath, path])).collect()).text;
      expect(fromApp.text).toBe(fromCli);
      expect(fromApp.text.split('\n')[0]).toBe('row,prediction,score');
      expect(fromApp.text.trim().split('\n')).toHaveLength(301);
    },
  );

  it(
    'cancels a large batch part-way: no file, a clear message, and the next batch runs',
    { timeout: 900_000 },
    async () => {
      await trainedRuns(1);
      await tab('Models').click();
      await register(1);
      // A finished batch on screen first, as a user would have: the cancelled one must take its result away.
      await page()
        .getByTestId('batch-file')
        .setInputFiles(writeTemp('first.csv', churnCsv(30, 13)));
      await expect.poll(() => page().getByTestId('batch-result').getAttribute('data-rows'), LONG).toBe('30');

      // Held after its first block is scored (a test barrier), so the cancel lands part-way, whatever the
      // machine's speed; released once the cancel was sent, the batch stops at its next block.
      await armBarrier(page(), 'serve', 'batch:block-scored');
      await page()
        .getByTestId('batch-file')
        .setInputFiles(writeTemp('big.csv', churnCsv(100_000, 11)));
      await barrierReached(page(), 'batch:block-scored', () => page().locator('#stage-panel').innerText());
      await page()
        .getByText(/^Scoring big\.csv: [\d,]+ rows so far$/)
        .waitFor();
      await page().getByRole('button', { name: 'Cancel scoring' }).click();
      await releaseBarrier(page(), 'batch:block-scored');
      await expect
        .poll(() => page().getByTestId('batch-error').innerText(), WAIT)
        .toBe('Scoring big.csv was cancelled; nothing was written.');
      expect(await page().getByTestId('batch-result').count()).toBe(0);
      await page()
        .getByTestId('batch-file')
        .setInputFiles(writeTemp('small.csv', churnCsv(50, 12)));
      await expect.poll(() => page().getByTestId('batch-result').getAttribute('data-rows'), LONG).toBe('50');
    },
  );

  it(
    'deploys: shadow answers with the champion and logs the challenger; a canary replay walks 5→100% and promotes; a failed gate rolls back; blue-green switches and rolls back',
    { timeout: 900_000 },
    async () => {
      const exportedV2 = await versionsForDeploy();
      const v2 = decodeBundle(new Uint8Array(exportedV2));
      const expected = scoreBundle(v2, [v2.example]).predictions[0]!;
      const log = page().getByTestId('prediction-log');
      const summary = page().getByTestId('replay-summary');
      await deployStory({
        // Champion v2; v1 (another run) becomes the challenger.
        beforeShadow: async () => {
          expect(await deployStatus().innerText()).toMatch(
            /^Champion v2, challenger v1: the champion answers/,
          );
        },
        // Shadow: three requests, each answered by the champion exactly as Node scores v2; v1 only in the log.
        shadowAnswer: async () => {
          const answer = page().getByTestId('deploy-answer');
          expect(await answer.getAttribute('data-arm')).toBe('champion');
          expect(await answer.getAttribute('data-version')).toBe('2');
          expect(await answer.innerText()).toContain(`${expected.label} (${expected.score!.toFixed(4)})`);
        },
        shadowLogged: async () => {
          await expect
            .poll(() => log.locator('tr[data-role="shadow"][data-arm="challenger"]').count(), WAIT)
            .toBe(3);
          expect(await log.locator('tr[data-role="served"][data-arm="champion"]').count()).toBe(3);
        },
        // Canary with v3 (the same model as v2, re-imported): every gate passes, so a labelled replay walks
        // 5 → 25 → 50 → 100% and promotes v3; later requests go to the new champion.
        canaryReplayed: async () => {
          expect(await page().getByTestId('replay-events').locator('li').allInnerTexts()).toEqual([
            'Canary: gates passed at 5%, now 25% of requests to v3',
            'Canary: gates passed at 25%, now 50% of requests to v3',
            'Canary: gates passed at 50%, now 100% of requests to v3',
            'Canary passed every step: v3 is the champion; v2 stays loaded as challenger',
          ]);
          expect(await summary.innerText()).toMatch(/1,500 labelled\.$/);
          await expect
            .poll(() => deployStatus().innerText(), WAIT)
            .toMatch(/^Champion v3, challenger v2: the champion answers/);
        },
        // A gate that cannot pass (p95 ≤ 0 ms) rolls the canary back automatically, aliases untouched.
        failedCanaryReplayed: async () => {
          const events = await page().getByTestId('replay-events').locator('li').allInnerTexts();
          expect(events).toHaveLength(1);
          expect(events[0]).toMatch(
            /^Automatic rollback at 5%: p95 latency [\d.]+ ms > 0 ms\. v3 serves every request$/,
          );
          expect(await deployStatus().getAttribute('data-strategy')).toBe('single');
          expect(await deployStatus().innerText()).toMatch(/^Champion v3, challenger v1/);
        },
      });
      // deployStory ends with the blue-green switch (to "Champion v1, challenger v3: blue-green") and its
      // rollback (back to "Champion v3, challenger v1: the champion answers"), each waited for as asserted.

      const kinds = () =>
        page()
          .getByTestId('deploy-timeline')
          .locator('li:not([data-kind="alias-moved"])')
          .evaluateAll((items) => items.map((item) => item.getAttribute('data-kind')));
      await expect
        .poll(kinds, WAIT)
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
    },
  );

  it(
    'monitors: traffic windows, the realised metric from the replays’ labels, drift of a shifted batch, alerts, labels and retention',
    { timeout: 900_000 },
    async () => {
      // The deployment the Deploy test makes: champion v3, 3 requests and two labelled replays of 1,500.
      await versionsForDeploy();
      await deployStory();

      await tab('Monitor').click();
      await page().getByRole('button', { name: 'Check logged requests' }).click();
      const summary = page().getByTestId('monitor-summary');
      await expect.poll(() => summary.innerText(), WAIT).toMatch(/^Champion v3 /);
      expect(await summary.innerText()).toMatch(/; 3,000 labels joined to logged requests\.$/);
      // Every replayed request carried its label: the windows' labelled counts add up to the 3,000 requests.
      const labelled = await page()
        .getByTestId('realised-table')
        .locator('tbody tr td:nth-child(2)')
        .allInnerTexts();
      expect(labelled.reduce((sum, text) => sum + parseInt(text, 10), 0)).toBe(3000);
      const requests = await page()
        .getByTestId('windows-table')
        .locator('tbody tr td:nth-child(2)')
        .allInnerTexts();
      expect(requests.reduce((sum, text) => sum + parseInt(text, 10), 0)).toBeGreaterThanOrEqual(3003);

      // A batch from the training distribution does not drift; one with higher fees and longer tenures does.
      const same = writeTemp('same.csv', churnCsv(600, 14));
      await page().getByTestId('monitor-batch').setInputFiles(same);
      const verdict = page().getByTestId('drift-verdict');
      await expect.poll(() => summary.innerText(), WAIT).toContain('current window: same.csv, 600 rows');
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
      await page()
        .getByTestId('monitor-batch')
        .setInputFiles(writeTemp('shifted.csv', `${shifted}\n`));
      await expect.poll(() => summary.innerText(), WAIT).toContain('current window: shifted.csv, 600 rows');
      expect(await verdict.getAttribute('data-drift')).toBe('true');
      const row = (name: string) => page().getByTestId('drift-table').locator(`tr[data-feature="${name}"]`);
      expect(await row('fee').getAttribute('data-drift')).toBe('true');
      expect(await row('tenure').getAttribute('data-drift')).toBe('true');
      expect(await row('contract').getAttribute('data-drift')).toBe('false');
      expect(await row('id').locator('td').nth(5).innerText()).toBe('not counted');
      expect(await row('fee').getByRole('img').getAttribute('aria-label')).toMatch(
        /^Distribution of fee: the largest difference is in /,
      );
      const alerts = page().getByTestId('alerts');
      await expect.poll(() => alerts.locator('li[data-kind="drift-share"]').count(), WAIT).toBe(1);
      expect(await alerts.locator('li[data-kind="feature-psi"]').allInnerTexts()).toEqual(
        expect.arrayContaining([
          expect.stringContaining('PSI of fee is'),
          expect.stringContaining('PSI of tenure is'),
        ]),
      );

      // Labels for requests the log never saw are reported, not stored.
      await page()
        .getByTestId('labels-file')
        .setInputFiles(writeTemp('labels.csv', 'request_id,label\nnope-1,Yes\nnope-2,No\n'));
      await expect
        .poll(() => page().getByTestId('monitor-message').innerText(), WAIT)
        .toBe('0 of 2 labels joined by request_id; 2 request ids are not in the log (nope-1, nope-2).');

      // A latency threshold of 0 ms fires on the next check; the alert survives a reload.
      await page().getByText('Monitoring settings and alert thresholds').click();
      await page().getByRole('spinbutton', { name: 'p95 latency above (ms)' }).fill('0');
      await page().getByRole('button', { name: 'Save settings' }).click();
      await expect
        .poll(() => page().getByTestId('monitor-message').innerText(), WAIT)
        .toBe('Monitoring settings saved.');
      await page().getByRole('button', { name: 'Check logged requests' }).click();
      await expect.poll(() => alerts.locator('li[data-kind="latency"]').count(), WAIT).toBe(1);
      await page().getByRole('button', { name: 'Apply retention now' }).click();
      await expect
        .poll(() => page().getByTestId('monitor-message').innerText(), WAIT)
        .toBe('Pruned 0 prediction-log entries older than 30 days (the window in use is kept).');
      await page().reload();
      await page().locator('[data-ready="true"]').waitFor();
      await page()
        .getByRole('combobox', { name: 'Dataset', exact: true })
        .selectOption({ label: 'churn-train.csv' });
      await tab('Monitor').click();
      await expect
        .poll(() => page().getByTestId('alerts').locator('li').count(), WAIT)
        .toBeGreaterThanOrEqual(4);
    },
  );

  it('cancel leaves the unfinished runs cancelled, with no model', { timeout: 600_000 }, async () => {
    await defineAndPrepare();
    await fillQuickSearch(page(), { configs: 25, epochs: 300 });
    await page().getByRole('checkbox', { name: 'Successive halving' }).uncheck();
    // Held once a run with an epoch is stored (a test barrier): the cancel lands mid-search, always.
    await armBarrier(page(), 'train', 'train:epoch-stored');
    await page().getByRole('button', { name: 'Train', exact: true }).click();
    await barrierReached(page(), 'train:epoch-stored', () => page().locator('#stage-panel').innerText());
    await page().getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(trainStatus, WAIT).toBe('cancelled');
    await tab('Runs').click();
    await expect
      .poll(() => page().getByTestId('runs-table').locator('tbody tr[data-status="cancelled"]').count(), WAIT)
      .toBeGreaterThan(0);
    expect(await page().getByTestId('runs-table').locator('tbody tr[data-status="running"]').count()).toBe(0);
  });

  it(
    'marks the runs of a tab closed mid-training interrupted on the next load',
    { timeout: 600_000 },
    async () => {
      await defineAndPrepare();
      await fillQuickSearch(page(), { configs: 25, epochs: 300 });
      // Closed while held once a run with an epoch is stored (a test barrier), never at a moment in time.
      await armBarrier(page(), 'train', 'train:epoch-stored');
      await page().getByRole('button', { name: 'Train', exact: true }).click();
      await barrierReached(page(), 'train:epoch-stored', () => page().locator('#stage-panel').innerText());
      await page().close();
      await current.reopen();
      await page()
        .getByText(/run\(s\) were interrupted when their tab closed/)
        .waitFor();
      await page()
        .getByRole('combobox', { name: 'Dataset', exact: true })
        .selectOption({ label: 'churn-train.csv' });
      await tab('Runs').click();
      await expect
        .poll(
          () => page().getByTestId('runs-table').locator('tbody tr[data-status="interrupted"]').count(),
          WAIT,
        )
        .toBeGreaterThan(0);
      // The console check (no problem but the cancel and closed-tab messages) runs after every test: afterEach.
    },
  );
});
