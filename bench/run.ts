/**
 * `npm run bench`: builds the app, serves it, drives Chromium, and prints figures as JSON lines.
 *   - main-bundle size (gzip) of the JS the page loads at start (target: under 150 KB);
 *   - time to interactive: navigation start to the app's 'looplab:ready' mark (projects listed);
 *   - time to ingest a generated 100,000-row CSV (upload to stored dataset);
 *   - the longest main-thread task during that ingest (target: under 50 ms), from a Chrome trace of the
 *     renderer's main thread (every RunTask, not only those over 50 ms), with the Long Tasks API count
 *     and the longest event-loop gap seen by a heartbeat (which also counts time the OS did not
 *     schedule the thread: on 2 cores the worker and the browser's IndexedDB writes compete for it).
 *   - Node: the core CSV parser's throughput on the same kind of data.
 * Figures are printed, never asserted: speed belongs in closing notes, not in pass/fail tests.
 */
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ingestCsv } from '../src/core/ingest/index.ts';
import { launch } from '../test/e2e/chromium.ts';
import { generatedCsv, writeTemp } from '../test/e2e/files.ts';
import { serveBuild } from '../test/e2e/static-server.ts';
import { traceMainThread } from './trace.ts';

const root = join(import.meta.dirname, '..');
const print = (figure: Record<string, unknown>) => console.log(JSON.stringify(figure));

if (!process.argv.includes('--no-build')) execSync('npx vite build', { cwd: root, stdio: 'ignore' });

// 1. Main bundle: the scripts index.html loads (entry and its modulepreloads).
const dist = join(root, 'dist');
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const scripts = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
const gzip = scripts.reduce(
  (sum, file) => sum + gzipSync(readFileSync(join(dist, file)), { level: 9 }).length,
  0,
);
const raw = scripts.reduce((sum, file) => sum + readFileSync(join(dist, file)).length, 0);
print({
  figure: 'main-bundle',
  files: scripts,
  bytes: raw,
  gzipBytes: gzip,
  gzipKB: +(gzip / 1024).toFixed(1),
  targetKB: 150,
});

// 2–4. In Chromium.
const server = await serveBuild(dist);
const browser = await launch();
try {
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  await page.addInitScript(() => {
    const w = window as unknown as { __bench: { gaps: number[]; long: number[]; on: boolean } };
    w.__bench = { gaps: [], long: [], on: false };
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (w.__bench.on) w.__bench.long.push(entry.duration);
    }).observe({ type: 'longtask', buffered: false });
    // A MessageChannel ping-pong runs between every task; a gap between pongs is a task that blocked.
    const channel = new MessageChannel();
    let last = performance.now();
    channel.port1.onmessage = () => {
      const now = performance.now();
      if (w.__bench.on) w.__bench.gaps.push(now - last);
      last = now;
      setTimeout(() => channel.port2.postMessage(0), 0);
    };
    channel.port2.postMessage(0);
  });
  await page.goto(server.url);
  await page.locator('[data-ready="true"]').waitFor();
  const tti = await page.evaluate(() => performance.getEntriesByName('looplab:ready')[0]?.startTime ?? NaN);
  print({
    figure: 'time-to-interactive',
    ms: Math.round(tti),
    note: 'first load, empty profile, sample project generated',
  });

  await page.reload();
  await page.locator('[data-ready="true"]').waitFor();
  const warm = await page.evaluate(() => performance.getEntriesByName('looplab:ready')[0]?.startTime ?? NaN);
  print({
    figure: 'time-to-interactive-repeat',
    ms: Math.round(warm),
    note: 'second load, service worker cache',
  });

  const text = generatedCsv(100_000, 10);
  const file = writeTemp('bench-100k.csv', text);
  const trace = await traceMainThread(await browser.context.newCDPSession(page));
  await page.evaluate(() => {
    (window as unknown as { __bench: { on: boolean } }).__bench.on = true;
  });
  await page.getByLabel('Choose a file…').setInputFiles(file);
  await page.getByText('Stored bench-100k.csv: 100,000 rows.').waitFor({ timeout: 120_000 });
  await page.waitForTimeout(500); // let the preview of the new dataset render
  const mainTasks = await trace.stop();
  const result = await page.evaluate(() => {
    const w = window as unknown as { __bench: { gaps: number[]; long: number[]; on: boolean } };
    w.__bench.on = false;
    const ingest = performance.getEntriesByName('looplab:ingest').at(-1)?.duration ?? NaN;
    return { ingest, maxGap: Math.max(0, ...w.__bench.gaps), long: w.__bench.long };
  });
  print({
    figure: 'ingest-100k-rows',
    rows: 100_000,
    columns: 10,
    bytes: text.length,
    ms: Math.round(result.ingest),
    mbPerS: +(text.length / 1e6 / (result.ingest / 1000)).toFixed(1),
  });
  print({
    figure: 'longest-main-thread-task-during-ingest',
    ms: +Math.max(0, ...mainTasks).toFixed(1),
    tasks: mainTasks.length,
    tasksOver50ms: mainTasks.filter((d) => d > 50).length,
    longTasksApiOver50ms: result.long.length,
    longestEventLoopGapMs: +result.maxGap.toFixed(1),
    targetMs: 50,
  });
} finally {
  await browser.close();
  await server.close();
}

// 5. The core parser alone, in Node.
{
  const text = generatedCsv(1_000_000, 10);
  const bytes = new TextEncoder().encode(text);
  async function* blocks() {
    for (let i = 0; i < bytes.length; i += 1 << 16) yield bytes.subarray(i, i + (1 << 16));
  }
  const start = performance.now();
  let rows = 0;
  const result = await ingestCsv(blocks(), { onChunk: (c) => void (rows += c.columns[0]!.length) });
  const ms = performance.now() - start;
  print({
    figure: 'node-ingest-1m-rows',
    rows: result.rowCount,
    bytes: bytes.length,
    ms: Math.round(ms),
    mbPerS: +(bytes.length / 1e6 / (ms / 1000)).toFixed(1),
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  });
}
