import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { useSession } from './harness.ts';

// axe-core is evaluated through the DevTools protocol, which the page's CSP does not govern, so the app's
// policy stays as strict in this test as in use.
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

// Every test starts from a first run: the sample project alone (useSession).
const current = useSession();
let page: Page;
beforeEach(async () => {
  page = current.page;
  await page.evaluate(axeSource);
});

interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: string[] }[];
}

async function violations(): Promise<string[]> {
  const result = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run: (ctx: Document) => Promise<{ violations: AxeViolation[] }> } }
    ).axe;
    return (await axe.run(document)).violations;
  });
  return result.map(
    (v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

describe('accessibility (axe-core)', () => {
  it('the data view with the sample project has no violations', async () => {
    await expect
      .poll(() => page.locator('tbody tr[aria-rowindex="2"] td').first().innerText())
      .toBe('C00001');
    expect(await violations()).toEqual([]);
  });

  it('the open backend panel and the delete confirmation have no violations', async () => {
    await page.getByText('Compute backend:').click();
    await page.getByTestId('backend-attempts').waitFor({ timeout: 60_000 });
    expect(await violations()).toEqual([]);
    await page
      .getByRole('button', { name: /^Delete / })
      .first()
      .click();
    await page.getByRole('dialog').waitFor();
    expect(await violations()).toEqual([]);
    await page.getByRole('button', { name: 'Keep it' }).click();
  });

  it('the Profile, Problem and Prepare stages have no violations', async () => {
    await page.getByRole('tab', { name: 'Profile' }).click();
    await page.getByTestId('profile-ready').waitFor({ timeout: 60_000 });
    expect(await violations()).toEqual([]);
    await page.getByRole('tab', { name: 'Problem' }).click();
    await page.getByRole('combobox', { name: 'Target column (what to predict)' }).selectOption('churned');
    await page.getByRole('button', { name: 'Save problem card' }).waitFor();
    expect(await violations()).toEqual([]);
    await page.getByRole('tab', { name: 'Prepare' }).click();
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByTestId('split-sizes').waitFor({ timeout: 60_000 });
    expect(await violations()).toEqual([]);
    // Arrow keys move between the stage tabs.
    await page.getByRole('tab', { name: 'Prepare' }).press('ArrowLeft');
    expect(await page.getByRole('tab', { name: 'Problem' }).getAttribute('aria-selected')).toBe('true');
    await page.getByRole('tab', { name: 'Data' }).click();
  });

  it('every control is reachable with the keyboard', async () => {
    // The footer names the backend once the train worker has chosen it.
    await page.locator('[data-testid="backend"]', { hasText: 'wasm' }).waitFor();
    const reached = new Set<string>();
    await page.locator('body').focus();
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      // The focused element's name as a screen reader gets it: aria-label, its label, or its text.
      const name = await page.evaluate(() => {
        const el = document.activeElement as HTMLInputElement | null;
        if (!el) return '';
        const label = el.getAttribute('aria-label') ?? el.labels?.[0]?.textContent ?? el.textContent ?? '';
        return `${el.tagName.toLowerCase()}:${label.trim().replace(/\s+/g, ' ').slice(0, 40)}`;
      });
      reached.add(name);
    }
    const all = [...reached].join('\n');
    const controls = [
      'input:New project',
      'input:Choose a file…',
      'input:Import project…',
      'button:Export project…',
      'button:Delete Sample: subscription churn',
      'div:Rows of subscriptions-2025-06.csv',
      'summary:Compute backend: wasm',
    ];
    for (const control of controls) {
      expect(all).toContain(control);
    }
  });
});
