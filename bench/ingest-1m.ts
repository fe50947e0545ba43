/**
 * `npm run bench:1m`: a generated 1,000,000-row × 10-column CSV (about 100 MB), in Chromium.
 *   - Looplab: upload → parse in the data worker → stored, then the profile of the stored dataset;
 *   - references in a worker on the same file: papaparse (streaming, strings) and arquero's fromCSV
 *     (whole string, with and without autoType);
 * each with MB/s, rows/s and the renderer's peak resident memory, and for Looplab the longest main-thread
 * task (CDP trace). Figures are printed as JSON lines, never asserted.
 */
import { execSync } from 'node:child_process';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { launch } from '../test/e2e/chromium.ts';
import { serveBuild } from '../test/e2e/static-server.ts';
import { writeMixedCsv } from './mixed-csv.ts';
import { watchRendererMemory } from './renderer-memory.ts';
import { traceMainThread } from './trace.ts';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const root = join(import.meta.dirname, '..');
const print = (figure: Record<string, unknown>) => console.log(JSON.stringify(figure));
const rate = (bytes: number, rows: number, ms: number) => ({
  ms: Math.round(ms),
  mbPerS: +(bytes / 1e6 / (ms / 1000)).toFixed(1),
  rowsPerS: Math.round(rows / (ms / 1000)),
});

if (!process.argv.includes('--no-build')) execSync('npx vite build', { cwd: root, stdio: 'ignore' });

const work = mkdtempSync(join(tmpdir(), 'looplab-bench-'));
const csv = join(work, 'bench-1m.csv');
const bytes = await writeMixedCsv(csv, ROWS);
print({ figure: 'input', rows: ROWS, columns: 10, bytes, mb: +(bytes / 1e6).toFixed(1) });

// Looplab, through the app.
{
  const server = await serveBuild();
  const browser = await launch();
  const memory = watchRendererMemory();
  try {
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    await page.goto(server.url);
    await page.locator('[data-ready="true"]').waitFor();
    const trace = await traceMainThread(await browser.context.newCDPSession(page));
    await page.getByLabel('Choose a file…').setInputFiles(csv);
    await page
      .getByText(`Stored bench-1m.csv: ${ROWS.toLocaleString('en-US')} rows.`)
      .waitFor({ timeout: 600_000 });
    const ingestMs = await page.evaluate(
      () => performance.getEntriesByName('looplab:ingest').at(-1)?.duration ?? NaN,
    );
    const ingestPeak = memory.peakMB();
    let profileMs: number | null = null;
    const profileTab = page.getByRole('tab', { name: 'Profile' });
    if ((await profileTab.count()) > 0) {
      await profileTab.click();
      await page.getByTestId('profile-ready').waitFor({ timeout: 600_000 });
      profileMs = await page.evaluate(
        () => performance.getEntriesByName('looplab:profile').at(-1)?.duration ?? NaN,
      );
    }
    const tasks = await trace.stop();
    print({ figure: 'looplab-ingest-1m', ...rate(bytes, ROWS, ingestMs), peakRendererMB: ingestPeak });
    if (profileMs !== null) {
      print({
        figure: 'looplab-profile-1m',
        ...rate(bytes, ROWS, profileMs),
        peakRendererMB: memory.peakMB(),
      });
    }
    print({
      figure: 'longest-main-thread-task-1m',
      ms: +Math.max(0, ...tasks).toFixed(1),
      tasksOver50ms: tasks.filter((d) => d > 50).length,
      targetMs: 50,
    });
  } finally {
    memory.stop();
    await browser.close();
    await server.close();
  }
}

// References, each in a fresh browser so memory peaks do not mix.
if (process.argv.includes('--no-reference')) process.exit(0);
const refDir = join(work, 'ref');
await build({
  configFile: false,
  logLevel: 'silent',
  build: {
    outDir: refDir,
    emptyOutDir: true,
    minify: true,
    lib: {
      entry: join(import.meta.dirname, 'reference/reference-worker.ts'),
      formats: ['es'],
      fileName: () => 'reference-worker.js',
    },
  },
});
copyFileSync(join(import.meta.dirname, 'reference/index.html'), join(refDir, 'index.html'));
copyFileSync(join(import.meta.dirname, 'reference/reference-page.js'), join(refDir, 'reference-page.js'));
for (const method of ['papaparse', 'arquero', 'arquero-autotype'] as const) {
  const server = await serveBuild(refDir, { csp: false });
  const browser = await launch();
  const memory = watchRendererMemory();
  try {
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    await page.goto(server.url);
    await page.getByLabel('CSV file').setInputFiles(csv);
    const result = await page.evaluate(
      (m) =>
        (
          window as unknown as { runReference(m: string): Promise<{ rows: number; ms: number }> }
        ).runReference(m),
      method,
    );
    print({
      figure: `reference-${method}-1m`,
      rows: result.rows,
      ...rate(bytes, result.rows, result.ms),
      peakRendererMB: memory.peakMB(),
    });
  } catch (error) {
    print({ figure: `reference-${method}-1m`, error: String(error) });
  } finally {
    memory.stop();
    await browser.close();
    await server.close();
  }
}
