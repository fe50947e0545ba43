import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SWIFTSHADER_WEBGPU_FLAGS } from './chromium.ts';
import { useSession } from './harness.ts';

async function chooseBackend(page: Page, choice: string, allowSoftware: boolean) {
  // The app checks the backend by itself once the page is idle after opening; a check still to come or in
  // flight would replace (or, restarting the worker, fail) the one chosen here: let it end first.
  await expect
    .poll(() => page.getByTestId('backend').innerText(), { timeout: 60_000 })
    .not.toMatch(/not checked|checking/);
  await page.getByText('Compute backend:').click();
  await page.getByRole('combobox', { name: 'Backend' }).selectOption(choice);
  await page.getByRole('checkbox', { name: 'Allow software GPU adapters' }).setChecked(allowSoftware);
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect
    .poll(() => page.getByTestId('backend').innerText(), { timeout: 60_000 })
    .not.toMatch(/checking/);
}

const attempts = (page: Page) => page.getByTestId('backend-attempts').locator('li').allInnerTexts();

describe('tfjs backend choice in the train worker, with WebGPU on SwiftShader', () => {
  const current = useSession({ flags: SWIFTSHADER_WEBGPU_FLAGS });

  it('initialises webgpu in a worker on the SwiftShader adapter when software adapters are allowed', async () => {
    const page = current.page;
    const problems = current.session.problems.length;
    await chooseBackend(page, 'webgpu', true);
    const footer = await page.locator('footer').innerText();
    expect(await page.getByTestId('backend').innerText(), footer).toBe('webgpu');
    const [webgpu] = await attempts(page);
    expect(webgpu).toMatch(/^webgpu: in use/);
    // The worker computed a matmul on the GPU backend and the page checked it against the hand value.
    expect(await page.getByTestId('backend-self-test').innerText()).toBe('Self-test passed');
    expect(current.session.problems.slice(problems)).toEqual([]);
  });

  it('skips the software WebGPU adapter and SwiftShader WebGL by default, and lands on wasm', async () => {
    const page = current.page;
    await chooseBackend(page, 'auto', false);
    expect(await page.getByTestId('backend').innerText()).toBe('wasm');
    const [webgpu, webgl, wasm] = await attempts(page);
    expect(webgpu).toContain('software fallback (isFallbackAdapter)');
    expect(webgl).toMatch(/webgl: skipped.*software renderer/i);
    expect(wasm).toMatch(/^wasm: in use/);
    expect(await page.getByTestId('backend-self-test').innerText()).toBe('Self-test passed');
  });
});

describe('tfjs backend choice in the train worker, without WebGPU', () => {
  const current = useSession();

  it('falls back to wasm when WebGPU is unavailable', async () => {
    const page = current.page;
    const { requests, server } = current.session;
    const before = requests.length;
    await chooseBackend(page, 'auto', false);
    expect(await page.getByTestId('backend').innerText()).toBe('wasm');
    const [webgpu] = await attempts(page);
    expect(webgpu).toMatch(/^webgpu: skipped/);
    // The wasm binary was fetched from the app's own origin.
    expect(requests.slice(before).some((url) => url.startsWith(server.url) && url.endsWith('.wasm'))).toBe(
      true,
    );
  });
});
