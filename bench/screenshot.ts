/**
 * `npm run screenshot`: builds the app, opens it in Chromium with a fresh profile (so the built-in sample
 * project is created), and saves docs/screenshot.png for the README.
 */
import { join } from 'node:path';
import { launch } from '../test/e2e/chromium.ts';
import { serveBuild } from '../test/e2e/static-server.ts';

const server = await serveBuild();
const browser = await launch();
try {
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(server.url);
  await page.locator('[data-ready="true"]').waitFor();
  await page
    .getByTestId('backend')
    .filter({ hasText: /wasm|webgl|webgpu|cpu/ })
    .waitFor({ timeout: 60_000 });
  // The "ready offline" toast covers the table; dismiss it for the picture.
  const ok = page.getByRole('button', { name: 'OK' });
  if (await ok.isVisible()) await ok.click();
  const path = join(import.meta.dirname, '../docs/screenshot.png');
  await page.screenshot({ path });
  console.log(JSON.stringify({ screenshot: path }));
} finally {
  await browser.close();
  await server.close();
}
