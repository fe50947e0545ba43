/**
 * `node --import tsx bench/soak.ts`: a soak of real-time serving in the built app, in real Chromium (issue 9).
 * A churn model is trained in the app and registered twice (v1 champion, v2 = v1 re-imported, challenger),
 * a canary starts (steps 5 → 25 → 50 → 100%, judged every --step challenger requests), and --requests
 * predictions (100,000 by default) go through it as replayed traffic while the prediction log grows in
 * IndexedDB: a warm-up replay of --warmup requests, then the rest in one replay (each replay reopens the
 * deployment, which keeps the canary step's counts while the plan and challenger are unchanged). Every --sample-every requests (as the page's
 * progress reports them) and after each replay the bench forces a full garbage collection and samples: the
 * serve worker's tfjs tensor count, the serve worker's and the page's JS heap (Chrome DevTools Protocol,
 * bench/soak/heap-probe.ts) and the log's row count.
 * Targets: the tensor count constant; heap growth under 10% from the end of the warm-up replay to the end of
 * the last (both at rest: samples taken mid-replay also hold the rows in flight and the log's buffer). The figures are printed (JSON lines, then a markdown table) and written to bench/out/soak.json as
 * `{ table: string[], ... }`; nothing is asserted, and it is not part of npm test.
 * Options: --dist=PATH (reuse a build; default: build into a temp folder), --requests=N, --sample-every=N,
 * --step=N (challenger requests per canary step), --warmup=N (requests), --train-rows=N, --settle-ms=N (the
 * wait before an at-rest sample, default 3000), --snapshot (heap snapshots of the serve worker after the
 * warm-up and at the end, and what grew between them, by constructor), --no-canary (the
 * champion alone, to tell the canary's share of any growth).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch } from '../test/e2e/chromium.ts';
import { serveBuild } from '../test/e2e/static-server.ts';
import { churnCsv } from './serve/churn.ts';
import { HeapProbe } from './soak/heap-probe.ts';
import { writeTrafficCsv } from './soak/traffic.ts';

const root = join(import.meta.dirname, '..');
const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const numberArg = (name: string, fallback: number) => {
  const value = Number(arg(name) ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer.`);
  return value;
};
const REQUESTS = numberArg('requests', 100_000);
const SAMPLE_EVERY = numberArg('sample-every', 5000);
const WARMUP = numberArg('warmup', 10_000);
if (WARMUP >= REQUESTS) throw new Error('--warmup must be below --requests.');
// Challenger requests per step. By default the canary judges 5% after 20 steps' worth of requests, 25% after
// 4 more and 50% after 2 more: the main replay walks 5 → 25 → 50% and ends with the canary still running.
const STEP = numberArg('step', Math.round((REQUESTS - WARMUP) / 24.5));
const TRAIN_ROWS = numberArg('train-rows', 2000);
const SETTLE_MS = numberArg('settle-ms', 3000);
const print = (figure: Record<string, unknown>) => console.log(JSON.stringify(figure));
const mb = (bytes: number) => +(bytes / 2 ** 20).toFixed(2);

const work = mkdtempSync(join(tmpdir(), 'looplab-soak-'));
let dist = arg('dist');
if (!dist) {
  dist = join(work, 'dist');
  execFileSync('npx', ['vite', 'build', '--outDir', dist, '--emptyOutDir'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
print({
  figure: 'environment',
  nproc: availableParallelism(),
  loadAverage: loadavg().map((v) => +v.toFixed(2)),
  options: { requests: REQUESTS, sampleEvery: SAMPLE_EVERY, step: STEP, warmup: WARMUP },
});

interface Sample {
  requests: number;
  /** Taken while a replay ran (its in-flight rows and log buffer included), not after it ended. */
  during: boolean;
  tensors: number;
  serveHeapBytes: number;
  pageHeapBytes: number;
  logRows: number;
  strategy: string;
  seconds: number;
}

const server = await serveBuild(dist);
const browser = await launch();
const samples: Sample[] = [];
let warm: Sample | undefined;
let last: Sample | undefined;
let replaySeconds = 0;
const events: string[] = [];
try {
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  page.on('pageerror', (e) => process.stderr.write(`[pageerror] ${e.message}\n`));
  const probe = await HeapProbe.attach(page);
  await page.goto(server.url);
  await page.locator('[data-ready="true"]').waitFor({ timeout: 60_000 });
  const tab = (name: string) => page.getByRole('tab', { name });

  // A model, as test/e2e/train-flow.e2e.ts trains one.
  const trainCsv = join(work, 'churn-train.csv');
  writeFileSync(trainCsv, churnCsv(TRAIN_ROWS, 5));
  await page.getByLabel('Choose a file…').setInputFiles(trainCsv);
  await page
    .getByText(`Stored churn-train.csv: ${TRAIN_ROWS.toLocaleString('en-US')} rows.`)
    .waitFor({ timeout: 60_000 });
  await tab('Problem').click();
  await page.getByRole('combobox', { name: 'Target column (what to predict)' }).selectOption('churn');
  await page.getByText('Looplab guessed binary').waitFor({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Save problem card' }).click();
  await page.getByText(/Saved as version \d+\./).waitFor({ timeout: 30_000 });
  await tab('Prepare').click();
  await page.getByRole('button', { name: 'Preview' }).click();
  await page.getByTestId('split-sizes').waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Save recipe and split' }).click();
  await page.getByTestId('recipe-saved').waitFor({ timeout: 60_000 });
  await tab('Train').click();
  await page.getByRole('radio', { name: 'Random' }).check();
  await page.getByRole('spinbutton', { name: 'Configurations per family' }).fill('1');
  await page.getByRole('spinbutton', { name: 'Epoch cap' }).fill('4');
  await page.getByRole('spinbutton', { name: 'Time budget (s)' }).fill('60');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await page.locator('[data-testid="train-status"][data-status="done"]').waitFor({ timeout: 300_000 });

  // v1 the champion; v2, the same model re-imported, the challenger: the canary's gates can all pass.
  await tab('Models').click();
  await page.getByRole('button', { name: 'Register as model version' }).click();
  await page.getByText('Registered as model version 1.').waitFor({ timeout: 60_000 });
  const row = (v: number) => page.getByTestId('versions').locator(`tr[data-version="${v}"]`);
  await row(1).getByRole('button', { name: 'Make champion' }).click();
  const [exported] = await Promise.all([
    page.waitForEvent('download', { timeout: 60_000 }),
    row(1).getByRole('button', { name: 'Export' }).click(),
  ]);
  const bytes = readFileSync((await exported.path())!);
  await page
    .getByLabel('Import a model file')
    .setInputFiles({ name: 'model.zip', mimeType: 'application/zip', buffer: bytes });
  await page.getByText('Imported model.zip as model version 2.').waitFor({ timeout: 60_000 });
  await row(2).getByRole('button', { name: 'Make challenger' }).click();
  await row(2).getByTestId('aliases').getByText('challenger').waitFor();

  // The canary: a latency gate the shared machine cannot fail by chance, and --step requests per step.
  await tab('Deploy').click();
  const status = page.getByTestId('deploy-status');
  await status.waitFor();
  await page.getByRole('spinbutton', { name: 'Max p95 latency (ms)' }).fill('1000');
  await page.getByRole('spinbutton', { name: 'Requests per step' }).fill(String(STEP));
  if (!process.argv.includes('--no-canary')) {
    await page.getByRole('button', { name: 'Start canary' }).click();
    await page.locator('[data-testid="deploy-status"][data-strategy="canary"]').waitFor();
  }
  await page.getByRole('textbox', { name: 'Key column' }).fill('id');

  const serveUrl = probe.worker('serve.worker');
  const serveWorker = page.workers().find((w) => w.url() === serveUrl)!;
  const sample = async (requests: number, seconds: number, during: boolean): Promise<Sample> => {
    // At rest: let the last log writes and their IndexedDB transactions settle before measuring.
    if (!during) await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    return sampleNow(requests, seconds, during);
  };
  const sampleNow = async (requests: number, seconds: number, during: boolean): Promise<Sample> => ({
    requests,
    during,
    tensors: await serveWorker.evaluate(
      () =>
        (globalThis as unknown as { _tfengine?: { memory(): { numTensors: number } } })._tfengine?.memory()
          .numTensors ?? -1,
    ),
    serveHeapBytes: (await probe.workerHeap(serveUrl)).usedBytes,
    pageHeapBytes: (await probe.page()).usedBytes,
    logRows: await page.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const open = indexedDB.open('looplab');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const db = open.result;
            const count = db.transaction('predictions').objectStore('predictions').count();
            count.onsuccess = () => {
              db.close();
              resolve(count.result);
            };
            count.onerror = () => reject(count.error);
          };
        }),
    ),
    strategy: `${await status.getAttribute('data-strategy')}`,
    seconds,
  });

  samples.push(await sample(0, 0, false));
  print({ figure: 'sample', ...samples[0] });
  /** Replays `count` requests (keys R{first}…), sampling during the replay and once it has ended. */
  const replay = async (first: number, count: number, seed: number): Promise<Sample> => {
    const file = writeTrafficCsv(join(work, `traffic-${first}.csv`), first, count, seed);
    const progress = page.getByText(/^[\d,]+ requests sent$/);
    const summary = page.locator(`[data-testid="replay-summary"][data-requests="${count}"]`);
    const started = performance.now();
    await page.getByTestId('replay-file').setInputFiles(file);
    let next = SAMPLE_EVERY;
    for (;;) {
      if (await summary.count()) break;
      const sent = Number(
        (await progress.innerText({ timeout: 1000 }).catch(() => '0')).replace(/[^\d]/g, ''),
      );
      if (sent >= next && sent < count) {
        const s = await sample(first + sent, (performance.now() - started) / 1000, true);
        samples.push(s);
        print({ figure: 'sample', ...s });
        next = (Math.floor(sent / SAMPLE_EVERY) + 1) * SAMPLE_EVERY;
      } else await new Promise((resolve) => setTimeout(resolve, 100));
      if (performance.now() - started > 1_800_000) throw new Error('a replay did not end within 30 min');
    }
    const seconds = (performance.now() - started) / 1000;
    replaySeconds += seconds;
    rmSync(file);
    const text = (await summary.innerText()).replace(/\s+/g, ' ');
    if (/ [1-9]\d* errors/.test(text)) throw new Error(`the replay had errors: ${text}`);
    const replayEvents = await page
      .getByTestId('replay-events')
      .locator('li')
      .allInnerTexts()
      .catch(() => []);
    events.push(...replayEvents);
    print({ figure: 'replay-summary', text, events: replayEvents, seconds: +seconds.toFixed(1) });
    const s = await sample(first + count, seconds, false);
    samples.push(s);
    print({ figure: 'sample', ...s });
    return s;
  };
  // The warm-up replay, then the rest in one replay.
  warm = await replay(0, WARMUP, 100);
  const snapA = process.argv.includes('--snapshot') ? await probe.workerSnapshot(serveUrl) : null;
  last = await replay(WARMUP, REQUESTS - WARMUP, 101);
  if (snapA) {
    const snapB = await probe.workerSnapshot(serveUrl);
    const diff = [...snapB].map(([name, b]) => {
      const a = snapA.get(name) ?? { count: 0, size: 0 };
      return { name, dCount: b.count - a.count, dSize: b.size - a.size };
    });
    diff.sort((x, y) => y.dSize - x.dSize);
    print({ figure: 'serve-heap-growth-by-constructor', top: diff.slice(0, 10) });
  }
} finally {
  await browser.close();
  await server.close();
  rmSync(work, { recursive: true, force: true });
}

const first = samples[0]!;
if (!warm || !last) throw new Error('the soak did not finish');
const growth = (end: number, start: number) => +((end / start - 1) * 100).toFixed(1);
const tensorsConstant = samples.slice(1).every((s) => s.tensors === samples[1]!.tensors);
const serveGrowth = growth(last.serveHeapBytes, warm.serveHeapBytes);
const pageGrowth = growth(last.pageHeapBytes, warm.pageHeapBytes);
const after = samples.filter((s) => s.requests >= warm!.requests);
const maxServe = Math.max(...after.map((s) => s.serveHeapBytes));
const maxPage = Math.max(...after.map((s) => s.pageHeapBytes));
const verdict = (ok: boolean) => (ok ? 'pass' : 'FAIL');
const figures = {
  requests: last.requests,
  samples: samples.length,
  seconds: +replaySeconds.toFixed(1),
  requestsPerSecond: Math.round(last.requests / replaySeconds),
  logRowsWritten: last.logRows - first.logRows,
  tensors: {
    start: first.tensors,
    afterFirstSample: samples[1]!.tensors,
    end: last.tensors,
    constant: tensorsConstant,
  },
  serveWorkerHeapMiB: {
    start: mb(first.serveHeapBytes),
    afterWarmUp: mb(warm.serveHeapBytes),
    end: mb(last.serveHeapBytes),
    max: mb(maxServe),
    growthPercent: serveGrowth,
  },
  pageHeapMiB: {
    start: mb(first.pageHeapBytes),
    afterWarmUp: mb(warm.pageHeapBytes),
    end: mb(last.pageHeapBytes),
    growthPercent: pageGrowth,
  },
  canaryEvents: events,
  finalStrategy: last.strategy,
};
const table = [
  `| Soak: ${last.requests.toLocaleString('en-US')} predictions through ${process.argv.includes('--no-canary') ? 'the champion alone' : 'a canary'}, sampled ${samples.length} times | Figure | Target |`,
  '|---|---|---|',
  `| Throughput (page clock, replay to summary) | ${figures.requestsPerSecond.toLocaleString('en-US')} requests/s | — |`,
  `| Prediction-log rows written to IndexedDB | ${figures.logRowsWritten.toLocaleString('en-US')} | grows |`,
  `| Serve worker tfjs tensors: start → 1st sample → end | ${first.tensors} → ${samples[1]!.tensors} → ${last.tensors} | constant: ${verdict(tensorsConstant)} |`,
  `| Serve worker JS heap after the warm-up replay (${warm.requests.toLocaleString('en-US')} requests) → after the last | ${mb(warm.serveHeapBytes)} → ${mb(last.serveHeapBytes)} MiB (${serveGrowth >= 0 ? '+' : ''}${serveGrowth}%; mid-replay max ${mb(maxServe)}) | < 10%: ${verdict(serveGrowth < 10)} |`,
  `| Page JS heap, the same points | ${mb(warm.pageHeapBytes)} → ${mb(last.pageHeapBytes)} MiB (${pageGrowth >= 0 ? '+' : ''}${pageGrowth}%; max ${mb(maxPage)}) | < 10%: ${verdict(pageGrowth < 10)} |`,
  `| Canary | ${events.length ? events.join('; ') : 'no step judged'}; ${last.strategy} at the end | — |`,
];
print({ figure: 'soak', ...figures });
console.log(`\n${table.join('\n')}\n`);
mkdirSync(join(root, 'bench/out'), { recursive: true });
writeFileSync(
  join(root, 'bench/out/soak.json'),
  `${JSON.stringify({ table, ...figures, samples }, null, 2)}\n`,
);
