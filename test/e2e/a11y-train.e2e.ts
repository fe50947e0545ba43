/** axe-core on the Train, Runs and Evaluate stages, with a trained search on the sample project. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSession, type Session } from './harness.ts';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let session: Session;
let page: Page;

beforeAll(async () => {
  session = await startSession();
  page = await session.open();
  await page.evaluate(axeSource);
});

afterAll(async () => {
  await session?.close();
});

async function violations(): Promise<string[]> {
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

describe('accessibility of training, runs and evaluation (axe-core)', () => {
  it('the Train stage, before and after a search, has no violations', async () => {
    await tab('Problem').click();
    await page.getByRole('combobox', { name: 'Target column (what to predict)' }).selectOption('churned');
    await page.getByRole('button', { name: 'Save problem card' }).click();
    await page.getByText('Saved as version 1.').waitFor();
    await tab('Prepare').click();
    await page.getByRole('button', { name: 'Save recipe and split' }).click();
    await page.getByTestId('recipe-saved').waitFor({ timeout: 60_000 });
    await tab('Train').click();
    await page.getByRole('radio', { name: 'Random' }).check();
    await page.getByRole('spinbutton', { name: 'Configurations per family' }).fill('1');
    await page.getByRole('spinbutton', { name: 'Epoch cap' }).fill('3');
    expect(await violations()).toEqual([]);
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await expect
      .poll(() => page.getByTestId('train-status').getAttribute('data-status'), { timeout: 90_000 })
      .toBe('done');
    expect(await violations()).toEqual([]);
  });

  it('the Runs stage with two runs compared has no violations', async () => {
    await tab('Runs').click();
    const boxes = page.getByRole('checkbox', { name: /^Compare / });
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await page.getByTestId('params-diff').waitFor();
    expect(await violations()).toEqual([]);
  });

  it('the Evaluate stage with curves and the threshold control has no violations', async () => {
    await tab('Evaluate').click();
    await page.getByRole('button', { name: 'Evaluate' }).click();
    await page.getByTestId('evaluation').waitFor({ timeout: 60_000 });
    expect(await violations()).toEqual([]);
  });

  it('the Models stage with a registered version has no violations', async () => {
    await tab('Models').click();
    await page.getByRole('button', { name: 'Register as model version' }).click();
    await page.getByTestId('models-message').waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Make champion' }).click();
    await page.getByTestId('alias-history').waitFor();
    expect(await violations()).toEqual([]);
  });

  it('the Deploy stage, after a request and with its log, has no violations', async () => {
    await tab('Deploy').click();
    await page.getByTestId('deploy-status').waitFor();
    await page.getByRole('button', { name: 'Send request' }).click();
    await page.getByTestId('prediction-log').waitFor();
    expect(await violations()).toEqual([]);
  });
});
