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
  // The whole loop as a new user sees it: the lifecycle panel when it finishes, and the Monitor tab then.
  await page.getByRole('button', { name: 'Run the full lifecycle on sample data' }).click();
  await page
    .getByTestId('lifecycle-status')
    .filter({ hasText: /Full lifecycle complete|failed/ })
    .waitFor({ timeout: 600_000 });
  const lifecycle = join(import.meta.dirname, '../docs/lifecycle.png');
  await page.locator('section.lifecycle').screenshot({ path: lifecycle });
  await page.getByRole('tab', { name: 'Monitor' }).click();
  await page.getByTestId('drift-table').waitFor({ timeout: 60_000 });
  const monitor = join(import.meta.dirname, '../docs/monitor.png');
  await page.screenshot({ path: monitor, fullPage: true });
  console.log(JSON.stringify({ lifecycle, monitor }));
} finally {
  await browser.close();
  await server.close();
}
