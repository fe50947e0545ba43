/**
 * axe-core on the Train, Runs, Evaluate, Models and Deploy stages of the sample project. Every test starts
 * from a first run (useSession) and builds what its stage shows itself: the problem card and recipe, a quick
 * search, and for Models and Deploy a registered version (the champion, for Deploy).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { fillQuickSearch, registerChampion, runSearch, trainQuickSearch } from './flows.ts';
import { useSession } from './harness.ts';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const current = useSession();
let page: Page;
beforeEach(() => {
  page = current.page;
});

/** A test that trains (and registers, deploys) what it needs. */
const LONG = { timeout: 900_000 };

/** axe-core's violations on the page as it is now (axe is loaded into the page on first use). */
async function violations(): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (ctx: Document) => Promise<{
            violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[];
          }>;
        };
      }
    ).axe;
    return (await axe.run(document)).violations;
  });
  return result.map(
    (v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

const tab = (name: string) => page.getByRole('tab', { name });

/** The sample project's problem card (predict `churned`) and its suggested recipe and split. */
async function defineSampleProblem(): Promise<void> {
  await tab('Problem').click();
  await page.getByRole('combobox', { name: 'Target column (what to predict)' }).selectOption('churned');
  await page.getByRole('button', { name: 'Save problem card' }).click();
  await page.getByText('Saved as version 1.').waitFor();
  await tab('Prepare').click();
  await page.getByRole('button', { name: 'Save recipe and split' }).click();
  await page.getByTestId('recipe-saved').waitFor();
}

/** defineSampleProblem, then a quick search: one configuration of each default family, 3 epochs at most. */
async function trainSample(): Promise<void> {
  await defineSampleProblem();
  await trainQuickSearch(page);
}

describe('accessibility of training, runs and evaluation (axe-core)', () => {
  it('the Train stage, before and after a search, has no violations', LONG, async () => {
    await defineSampleProblem();
    await fillQuickSearch(page);
    expect(await violations()).toEqual([]);
    await runSearch(page);
    expect(await page.getByTestId('train-status').getAttribute('data-status')).toBe('done');
    expect(await violations()).toEqual([]);
  });

  it('the Runs stage with two runs compared has no violations', LONG, async () => {
    await trainSample();
    await tab('Runs').click();
    const boxes = page.getByRole('checkbox', { name: /^Compare / });
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await page.getByTestId('params-diff').waitFor();
    expect(await violations()).toEqual([]);
  });

  it('the Evaluate stage with curves and the threshold control has no violations', LONG, async () => {
    await trainSample();
    await tab('Evaluate').click();
    await page.getByRole('button', { name: 'Evaluate' }).click();
    await page.getByTestId('evaluation').waitFor();
    expect(await violations()).toEqual([]);
  });

  it('the Models stage with a registered version has no violations', LONG, async () => {
    await trainSample();
    await tab('Models').click();
    await page.getByRole('button', { name: 'Register as model version' }).click();
    await page.getByTestId('models-message').waitFor();
    await page.getByRole('button', { name: 'Make champion' }).click();
    await page.getByTestId('alias-history').waitFor();
    expect(await violations()).toEqual([]);
  });

  it('the Deploy stage, after a request and with its log, has no violations', LONG, async () => {
    await trainSample();
    await registerChampion(page);
    await tab('Deploy').click();
    await page.getByTestId('deploy-status').waitFor();
    await page.getByRole('button', { name: 'Send request' }).click();
    await page.getByTestId('prediction-log').waitFor();
    expect(await violations()).toEqual([]);
  });
});
