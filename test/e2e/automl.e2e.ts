/**
 * Issue 17 in real Chromium: "Find the best model" runs AutoML in the train worker (5-fold cross-validation
 * on the train and validation rows, the winner refit on all of them), the leaderboard shows each
 * candidate's mean ± std over the folds, and the registered bundle says how it was chosen. An ensemble
 * bundle (built in Node from the unit tests' fixture, with a decision threshold) scores the same in the
 * app's real-time form, in the app's batch scoring and in `looplab score`.
 */
import { readFileSync } from 'node:fs';
import { unzipSync, strFromU8 } from 'fflate';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { scoreCommand } from '../../src/cli/score-command.ts';
import { decodeBundle, encodeBundle, scoreBundle } from '../../src/core/bundle/index.ts';
import { ensembleBundle } from '../unit/bundle/bundle-fixture.ts';
import { writeTemp } from './files.ts';
import { churnCsv, defineChurnProblem } from './flows.ts';
import { useSession } from './harness.ts';

const current = useSession();
const page = (): Page => current.page;
const WAIT = { timeout: 120_000 };

async function downloaded(click: () => Promise<void>): Promise<{ text: string; bytes: Buffer }> {
  const [download] = await Promise.all([page().waitForEvent('download'), click()]);
  const bytes = readFileSync((await download.path())!);
  return { text: bytes.toString('utf8'), bytes };
}

describe('AutoML in the app (issue 17)', () => {
  it(
    'cross-validates every candidate, shows mean ± std, and packages the refit winner with its lineage',
    { timeout: 900_000 },
    async () => {
      // 800 rows at 70/15/15: 560 train and 120 validation rows make the pool of 680 the folds divide.
      await defineChurnProblem(page(), 'churn.csv', churnCsv());
      await page().getByRole('tab', { name: 'Train' }).click();
      await page().getByRole('spinbutton', { name: 'Epoch cap' }).fill('3');
      await page().getByRole('spinbutton', { name: 'Time budget (s)' }).fill('600');
      await page()
        .getByRole('button', {
          name: /^Find the best model: all 4 families and an ensemble, cross-validated/,
        })
        .click();
      const status = page().locator(
        '[data-testid="train-status"]:is([data-status="done"], [data-status="error"])',
      );
      await status.waitFor({ timeout: 600_000 });
      const text = await status.innerText();
      expect(text).toMatch(
        /^Finished: \d+ runs on \w+, compared by 5-fold cross-validation on 680 rows; the search stopped because (the best score stopped improving|every candidate was tried)\.$/,
      );

      // The leaderboard is built from the runs, read again once the search has ended.
      await page().locator('[data-testid="train-stage"][data-loaded="true"]').waitFor();
      const rows = page().getByTestId('leaderboard').locator('tbody tr');
      const first = await rows.first().locator('th').innerText();
      expect(first).toMatch(/\(chosen, refit on every non-test row\)$/);
      const scores = await page().getByTestId('leaderboard').getByTestId('selection-score').allInnerTexts();
      expect(scores.length).toBeGreaterThan(3);
      for (const score of scores) expect(score).toMatch(/^\d\.\d{4} ± \d\.\d{4}$/);
      // Exactly one run is the chosen, refit one.
      const names = await rows.locator('th').allInnerTexts();
      expect(names.filter((n) => /\(chosen, refit/.test(n))).toHaveLength(1);

      // Registered and exported: the bundle's lineage says cross-validated and refit on the 680 rows, and its
      // model's params carry refit.
      await page().getByRole('tab', { name: 'Models' }).click();
      await page().locator('[data-testid="models-stage"][data-loaded="true"]').waitFor();
      await page().getByRole('button', { name: 'Register as model version' }).click();
      await expect
        .poll(() => page().getByTestId('models-message').innerText(), WAIT)
        .toBe('Registered as model version 1.');
      const exported = await downloaded(() =>
        page()
          .getByTestId('versions')
          .locator('tr[data-version="1"]')
          .getByRole('button', { name: 'Export' })
          .click(),
      );
      const bundle = decodeBundle(new Uint8Array(exported.bytes));
      expect(bundle.lineage.selection).toEqual({ method: 'cv', folds: 5, refit: true, refitRows: 680 });
      expect(bundle.model.params.refit).toBe(true);
      const manifest = JSON.parse(strFromU8(unzipSync(new Uint8Array(exported.bytes))['manifest.json']!));
      expect(manifest.schemaVersion).toBe(2);
    },
  );

  it(
    'scores an ensemble bundle the same in real time, in batch and in `looplab score`, at its threshold',
    { timeout: 600_000 },
    async () => {
      // The fixture's ensemble with a decision threshold that changes labels (0.5 would label differently).
      const { bundle } = ensembleBundle();
      const withThreshold = { ...bundle, threshold: 0.7, model: { ...bundle.model, threshold: 0.7 } };
      const bytes = Buffer.from(encodeBundle(withThreshold, { appVersion: 'test' }));
      await page().getByRole('tab', { name: 'Models' }).click();
      await page().locator('[data-testid="models-stage"][data-loaded="true"]').waitFor();
      await page()
        .getByLabel('Import a model file')
        .setInputFiles({ name: 'ensemble.zip', mimeType: 'application/zip', buffer: bytes });
      await expect
        .poll(() => page().getByTestId('models-message').innerText(), WAIT)
        .toBe('Imported ensemble.zip as model version 1.');

      // Real time: the form's answer is Node's scoring of the same bundle for the same row.
      await page().getByRole('button', { name: 'Predict with v1' }).click();
      await page().getByRole('textbox', { name: 'x' }).fill('2.5');
      await page().getByRole('textbox', { name: 'city' }).fill('a');
      await page().getByRole('button', { name: 'Predict', exact: true }).click();
      const expected = scoreBundle(withThreshold, [{ x: '2.5', city: 'a' }]).predictions[0]!;
      // P(yes) is between 0.5 and 0.7 here: the threshold, not 0.5, decides the label.
      expect(expected.score!).toBeGreaterThan(0.5);
      expect(expected.score!).toBeLessThan(0.7);
      await expect
        .poll(() => page().getByTestId('prediction').innerText(), WAIT)
        .toContain(`Prediction: ${expected.label} (score ${expected.score!.toFixed(6)})`);

      // Batch: the app's download equals `looplab score` of the same file, byte for byte.
      const csv = 'x,city\n1,a\n4,b\n2.5,a\n,b\n3,a\n0.5,b\n';
      const path = writeTemp('ensemble-rows.csv', csv);
      await page().getByRole('combobox', { name: 'Version' }).selectOption({ label: 'v1' });
      await page().getByTestId('batch-file').setInputFiles(path);
      await expect.poll(() => page().getByTestId('batch-result').getAttribute('data-rows'), WAIT).toBe('6');
      const fromApp = await downloaded(() => page().getByTestId('batch-download').click());
      const fromCli = (await (await scoreCommand([writeTemp('ensemble.zip', bytes), path])).collect()).text;
      expect(fromApp.text).toBe(fromCli);
      expect(fromApp.text.trim().split('\n')).toHaveLength(7);
    },
  );
});
