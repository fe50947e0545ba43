/**
 * `node --import tsx bench/serve.ts`: serving speed in the built app, in real Chromium. Figures are printed as
 * JSON lines and a table, never asserted (target: requests and the page's main thread under 50 ms).
 *   1. In the app's UI: upload a seeded churn CSV, define the problem, prepare, train a small random search,
 *      register its best MLP run as a model version, export it, and press "Predict" N times after a warm-up:
 *      the app's own round-trip latency (page → serve worker → page), p50/p95/p99, as the page shows it.
 *      Twice: clicked by Playwright (real input events, one request at a time), then by a loop in the page
 *      (button.click(), the next once the answer is shown), which leaves out Playwright's own work.
 *   2. The floor, in a bench page (bench/serve/, built by Vite, cross-origin isolated for a 5 µs timer) and
 *      its dedicated worker, on the exported version: a tf.sequential with the version's weights on wasm,
 *      `model.predict([1, inputDim]).dataSync()` per row; `scoreBundle(bundle, [record])`, the serve worker's
 *      path without messaging; `predictArtifact` alone; and bare postMessage round trips from the page (an
 *      echo, and a record scored in the worker). The tf and scoreBundle scores are compared (max |difference|).
 *   3. Batch: a generated churn CSV (1,000,000 rows by default) scored in the app's Models tab by the serve
 *      worker, twice: watched (a Chrome trace of the page's main thread with what ran in its longest tasks,
 *      the Long Tasks API and a 10 ms heartbeat, from the file input's change event to the result), then
 *      plain (nothing watched, since watching costs CPU). Rows/s as the app reports it and by the page's
 *      clock, and the downloaded predictions' line count.
 * The machine is shared: the load average and the core count are printed with the figures.
 * Options: --no-build (reuse dist/ and bench/out/serve), --rows=N batch rows (default 1000000),
 * --requests=N predictions timed (default 1000), --train-rows=N (default 3000), --batch-timeout=SECONDS.
 */
import { execFileSync } from 'node:child_process';
import {
  createReadStream,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { build } from 'vite';
import { decodeBundle, scoreBundle } from '../src/core/bundle/index.ts';
import { chromiumPath, launch } from '../test/e2e/chromium.ts';
import { serveBuild } from '../test/e2e/static-server.ts';
import { churnCsv, churnRecords, writeChurnCsv } from './serve/churn.ts';
import { serveIsolated } from './serve/isolated-server.ts';
import type { FloorOutcome } from './serve/page.ts';
import type { Stats } from './serve/stats.ts';
import { traceMainTaskDetail } from './serve/trace-detail.ts';

const root = join(import.meta.dirname, '..');
const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const numberArg = (name: string, fallback: number) => {
  const value = Number(arg(name) ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer.`);
  return value;
};
const ROWS = numberArg('rows', 1_000_000);
const REQUESTS = numberArg('requests', 1000);
const TRAIN_ROWS = numberArg('train-rows', 3000);
const WARMUP = 50;
const BATCH_TIMEOUT_S = numberArg('batch-timeout', Math.round(180 + ROWS / 2000));
const FLOOR_CALLS = 1000;
const noBuild = process.argv.includes('--no-build');

const print = (figure: Record<string, unknown>) => console.log(JSON.stringify(figure));
const load = () => loadavg().map((v) => +v.toFixed(2));
const ms1 = (v: number) => +v.toFixed(1);
const firstLines = (error: unknown) =>
  (error instanceof Error ? error.message : String(error)).split('\n').slice(0, 3).join(' | ');

/** Runs one stage; a failure names the stage and its timeout or cause in one line. */
async function step<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    const result = await fn();
    print({ figure: 'step', step: name, ms: Math.round(performance.now() - started) });
    return result;
  } catch (error) {
    throw new Error(
      `${name} failed after ${((performance.now() - started) / 1000).toFixed(1)} s: ${firstLines(error)}`,
    );
  }
}

const chromiumVersion = (() => {
  try {
    return execFileSync(chromiumPath(), ['--version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch (error) {
    return `unknown (${firstLines(error)})`;
  }
})();
print({
  figure: 'environment',
  nproc: availableParallelism(),
  node: process.version,
  chromium: chromiumVersion,
  loadAverage: load(),
  options: { rows: ROWS, requests: REQUESTS, trainRows: TRAIN_ROWS, batchTimeoutS: BATCH_TIMEOUT_S, noBuild },
  contentionNote: 'other processes on this machine slow every figure; see loadAverage',
});

// Builds: the app (dist/) and the bench page (bench/out/serve).
const benchOut = join(root, 'bench/out/serve');
if (!noBuild) {
  await step('build-app', async () =>
    execFileSync('npx', ['vite', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] }),
  );
  await step('build-bench-page', () =>
    build({
      configFile: false,
      root: join(import.meta.dirname, 'serve'),
      base: './',
      logLevel: 'warn',
      worker: { format: 'es' },
      build: { outDir: benchOut, emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 8192 },
    }),
  );
}

// Inputs: the training CSV, the floor's records, the batch CSV (written to a temp file, never held whole).
const work = mkdtempSync(join(tmpdir(), 'looplab-serve-bench-'));
const trainCsv = join(work, 'churn-train.csv');
writeFileSync(trainCsv, churnCsv(TRAIN_ROWS, 5));
const batchCsv = join(work, 'churn-batch.csv');
const batchBytes = await step('generate-batch-csv', async () => writeChurnCsv(batchCsv, ROWS, 11));
print({ figure: 'batch-input', rows: ROWS, bytes: batchBytes, mb: +(batchBytes / 1e6).toFixed(1) });

interface Latency {
  count: number;
  p50: number;
  p95: number;
  p99: number;
}
interface BatchRun {
  scored: number;
  appText: string;
  appSeconds: number;
  rowsPerSApp: number;
  pageSeconds: number;
  rowsPerSPage: number;
  nodeSeconds: number;
  rowsPerSNode: number;
}
interface Results {
  model?: string;
  appWarm?: Latency;
  app?: Latency;
  appInPage?: Latency;
  predictionMatchesNode?: boolean;
  floor?: Extract<FloorOutcome, { type: 'floor' }>;
  batch?: BatchRun & {
    longestTaskMs?: number;
    longestTaskCpuMs?: number;
    longTasksApiLongestMs?: number;
    heartbeatMaxGapMs?: number;
  };
  batchPlain?: BatchRun;
}
const results: Results = {};

const server = await serveBuild(join(root, 'dist'));
const benchServer = await serveIsolated(benchOut);
const browser = await launch();
let page: Page | undefined;
let failed = false;
try {
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
  const app = page;
  app.on('console', (m) => {
    if (m.type() === 'error') process.stderr.write(`[page] ${m.text()}\n`);
  });
  app.on('pageerror', (e) => process.stderr.write(`[pageerror] ${e.message}\n`));
  await app.addInitScript(() => {
    const w = window as unknown as { __serveBench: { long: { at: number; ms: number }[]; on: boolean } };
    w.__serveBench = { long: [], on: false };
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        if (w.__serveBench.on) w.__serveBench.long.push({ at: entry.startTime, ms: entry.duration });
    }).observe({ type: 'longtask', buffered: false });
  });
  const tab = (name: string) => app.getByRole('tab', { name });
  const message = app.getByTestId('models-message');

  await step('open-app', async () => {
    await app.goto(server.url);
    await app.locator('[data-ready="true"]').waitFor({ timeout: 60_000 });
  });

  // 1. Define, prepare, train, register, export, predict: the app's UI, as test/e2e/train-flow.e2e.ts does.
  await step('upload-training-csv', async () => {
    await app.getByLabel('Choose a file…').setInputFiles(trainCsv);
    await app
      .getByText(`Stored churn-train.csv: ${TRAIN_ROWS.toLocaleString('en-US')} rows.`)
      .waitFor({ timeout: 60_000 });
  });
  await step('define-and-prepare', async () => {
    await tab('Problem').click();
    await app.getByRole('combobox', { name: 'Target column (what to predict)' }).selectOption('churn');
    await app.getByText('Looplab guessed binary').waitFor({ timeout: 30_000 });
    // A bar no model reaches, so the stop rule never ends the search before the MLPs.
    await app.getByRole('spinbutton', { name: 'Target value' }).fill('0.999');
    await app.getByRole('button', { name: 'Save problem card' }).click();
    await app.getByText(/Saved as version \d+\./).waitFor({ timeout: 30_000 });
    await tab('Prepare').click();
    await app.getByRole('button', { name: 'Preview' }).click();
    await app.getByTestId('split-sizes').waitFor({ timeout: 60_000 });
    await app.getByRole('button', { name: 'Save recipe and split' }).click();
    await app.getByTestId('recipe-saved').waitFor({ timeout: 60_000 });
  });
  const boardNames = await step('train-search', async () => {
    await tab('Train').click();
    await app.getByRole('radio', { name: 'Random' }).check();
    await app.getByRole('spinbutton', { name: 'Configurations per family' }).fill('2');
    await app.getByRole('spinbutton', { name: 'Epoch cap' }).fill('8');
    await app.getByRole('spinbutton', { name: 'Time budget (s)' }).fill('180');
    await app.getByRole('button', { name: 'Train', exact: true }).click();
    await app
      .locator('[data-testid="train-status"][data-status="done"]')
      .waitFor({ timeout: 300_000 })
      .catch(async (error: unknown) => {
        const status = await app
          .getByTestId('train-status')
          .innerText()
          .catch(() => '(no status)');
        throw new Error(`training did not finish within 300 s (status: ${status}): ${firstLines(error)}`);
      });
    print({ figure: 'train-status', text: await app.getByTestId('train-status').innerText() });
    return app.getByTestId('leaderboard').locator('tbody tr th').allInnerTexts();
  });
  const best = boardNames.find((n) => n.startsWith('mlp'))?.replace(/ \(pruned\)$/, '');
  if (!best) throw new Error(`No MLP run in the leaderboard (${boardNames.join(', ')}).`);
  results.model = best;
  print({ figure: 'leaderboard', runs: boardNames, registered: best, bestOverall: boardNames[0] });

  const version = await step('register-version', async () => {
    await tab('Models').click();
    const runSelect = app.getByRole('combobox', { name: 'Run', exact: true });
    await runSelect.locator('option').first().waitFor({ state: 'attached', timeout: 30_000 });
    const labels = await runSelect.locator('option').allInnerTexts();
    const label = labels.find((l) => l.startsWith(`${best} —`));
    if (!label) throw new Error(`run ${best} is not offered for registration (${labels.join('; ')})`);
    await runSelect.selectOption({ label });
    await app.getByRole('button', { name: 'Register as model version' }).click();
    await app.getByText(/^Registered as model version \d+\.$/).waitFor({ timeout: 60_000 });
    return Number(/(\d+)/.exec(await message.innerText())![1]);
  });
  const row = app.getByTestId('versions').locator(`tr[data-version="${version}"]`);
  const bundleBytes = await step('export-version', async () => {
    const [download] = await Promise.all([
      app.waitForEvent('download', { timeout: 60_000 }),
      row.getByRole('button', { name: 'Export' }).click(),
    ]);
    return readFileSync((await download.path())!);
  });
  print({ figure: 'exported-version', version, bytes: bundleBytes.length });

  const readLatency = async (): Promise<Latency> => {
    const text = (await app.getByTestId('latency').innerText()).replace(/\s+/g, ' ').trim();
    const m = /^(\d+) requests: p50 ([\d.]+) ms, p95 ([\d.]+) ms, p99 ([\d.]+) ms$/.exec(text);
    if (!m) throw new Error(`unexpected latency text: ${text}`);
    return { count: Number(m[1]), p50: Number(m[2]), p95: Number(m[3]), p99: Number(m[4]) };
  };
  const predictTimes = async (n: number) => {
    const button = app.getByRole('button', { name: 'Predict', exact: true });
    for (let i = 1; i <= n; i++) {
      await button.click();
      // One request at a time: wait until the page has recorded this one.
      await app.waitForFunction(
        (count) =>
          document
            .querySelector('[data-testid="latency"]')
            ?.textContent?.trimStart()
            .startsWith(`${count} requests:`) === true,
        i,
        { timeout: 30_000 },
      );
    }
    return readLatency();
  };
  await step('predict-warm-up', async () => {
    await row.getByRole('button', { name: `Predict with v${version}` }).click();
    await app.getByRole('button', { name: 'Predict', exact: true }).waitFor({ timeout: 30_000 });
    results.appWarm = await predictTimes(WARMUP);
  });
  await step('predict-timed', async () => {
    // Choosing the version again starts a fresh latency window, so the figure leaves out the warm-up.
    await row.getByRole('button', { name: `Predict with v${version}` }).click();
    await app.getByTestId('latency').waitFor({ state: 'detached', timeout: 30_000 });
    results.app = await predictTimes(REQUESTS);
  });
  await step('predict-timed-in-page', async () => {
    // The same requests clicked by a loop in the page (button.click(), next click once the page has shown
    // the answer): no Playwright input dispatch or polling on the main thread between requests.
    await row.getByRole('button', { name: `Predict with v${version}` }).click();
    await app.getByTestId('latency').waitFor({ state: 'detached', timeout: 30_000 });
    const outcome = await app.evaluate(async (n) => {
      const button = [...document.querySelectorAll('button')].find(
        (b) => b.textContent?.trim() === 'Predict',
      );
      if (!button) return 'no Predict button';
      for (let i = 1; i <= n; i++) {
        // No named inner functions here: tsx would wrap them in a helper the page does not have.
        const answered = new Promise<boolean>((resolve) => {
          const timer = setTimeout(() => resolve(false), 30_000);
          const observer = new MutationObserver(() => {
            const text = document.querySelector('[data-testid="latency"]')?.textContent?.trimStart();
            if (!text?.startsWith(`${i} requests:`)) return;
            observer.disconnect();
            clearTimeout(timer);
            resolve(true);
          });
          observer.observe(document.body, { subtree: true, childList: true, characterData: true });
        });
        button.click();
        if (!(await answered)) return `request ${i} got no answer within 30 s`;
      }
      return 'done';
    }, REQUESTS);
    if (outcome !== 'done') throw new Error(outcome);
    results.appInPage = await readLatency();
  });
  const shown = await app.getByTestId('prediction').innerText();
  const bundle = decodeBundle(new Uint8Array(bundleBytes));
  const expected = scoreBundle(bundle, [bundle.example]).predictions[0];
  results.predictionMatchesNode =
    expected?.score !== undefined && shown.includes(`(score ${expected.score.toFixed(6)})`);
  print({
    figure: 'app-predict-latency',
    note: 'the page\'s own measure: "Predict" → comlink call to the serve worker → answer, in the page (0.1 ms timer)',
    model: best,
    warmUp: results.appWarm,
    ...results.app,
    inPageClicks: results.appInPage,
    targetMs: 50,
    prediction: shown,
    sameAsNodeScoreBundle: results.predictionMatchesNode,
    loadAverage: load(),
  });

  // 2. The floor, in the bench page's worker.
  const records = churnRecords(FLOOR_CALLS, 7);
  const floor = await step('floor', async () => {
    const bench = await browser.context.newPage();
    try {
      bench.on('console', (m) => {
        if (m.type() === 'error') process.stderr.write(`[bench page] ${m.text()}\n`);
      });
      await bench.goto(benchServer.url);
      await bench.locator('body[data-ready="true"]').waitFor({ timeout: 30_000 });
      return await bench.evaluate(
        ([b64, recs, calls, warmup]) =>
          (
            window as unknown as {
              runFloor(
                b: string,
                r: Record<string, string>[],
                c: number,
                w: number,
                t: number,
              ): Promise<FloorOutcome>;
            }
          ).runFloor(b64, recs, calls, warmup, 240_000),
        [bundleBytes.toString('base64'), records, FLOOR_CALLS, WARMUP] as const,
      );
    } finally {
      await bench.close();
    }
  });
  if (floor.type === 'error') {
    print({ figure: 'floor', error: floor.message });
  } else {
    results.floor = floor;
    const { type: _type, ...rest } = floor;
    print({
      figure: 'floor',
      note: 'single-row calls in a dedicated worker (tfjs wasm, no threads), cross-origin isolated for a fine timer',
      ...rest,
      loadAverage: load(),
    });
  }

  // 3. Batch scoring in the app's Models tab. Twice: watched (a Chrome trace, the Long Tasks API and a
  // heartbeat, for the longest main-thread task), then plain, because watching costs CPU that the serve
  // worker would otherwise get on a small machine.
  await app.getByRole('combobox', { name: 'Version', exact: true }).selectOption({ label: `v${version}` });
  const scoreBatch = async (watched: boolean) => {
    // Tracing starts first and settles: starting it blocks the renderer for a while (up to ~200 ms seen),
    // which the Long Tasks API and the heartbeat would otherwise count as the batch's.
    const trace = watched ? await traceMainTaskDetail(await browser.context.newCDPSession(app)) : undefined;
    if (trace) await app.waitForTimeout(1000);
    await app.evaluate((on) => {
      const w = window as unknown as {
        __serveBench: { gaps: { at: number; ms: number }[]; long: { at: number; ms: number }[]; on: boolean };
        __batch: { chosenAt?: number; doneAt?: number };
      };
      const batch: { chosenAt?: number; doneAt?: number } = {};
      w.__batch = batch;
      document.addEventListener(
        'change',
        (e) => {
          if ((e.target as HTMLElement | null)?.dataset?.testid !== 'batch-file' || batch.chosenAt) return;
          batch.chosenAt = performance.now();
          console.timeStamp('serve-bench:chosen'); // marks the window in the Chrome trace
        },
        true,
      );
      // The result of this batch: a new element, shown after the file was chosen.
      const previous = document.querySelector('[data-testid="batch-result"]');
      new MutationObserver((_, observer) => {
        const shown = document.querySelector('[data-testid="batch-result"], [data-testid="batch-error"]');
        if (!batch.chosenAt || !shown || shown === previous) return;
        batch.doneAt = performance.now();
        console.timeStamp('serve-bench:done');
        observer.disconnect();
      }).observe(document.body, { childList: true, subtree: true });
      w.__serveBench.gaps = [];
      w.__serveBench.long = [];
      w.__serveBench.on = on;
      if (!on) return;
      // A 10 ms heartbeat (as bench/train-speed's page): a gap of G ms means the thread was busy about G − 10.
      let last = performance.now();
      const interval = setInterval(() => {
        const now = performance.now();
        if (now - last > 20) w.__serveBench.gaps.push({ at: last, ms: now - last });
        last = now;
        if (!w.__serveBench.on) clearInterval(interval);
      }, 10);
    }, watched);
    const started = performance.now();
    await app.getByTestId('batch-file').setInputFiles(batchCsv);
    const outcome = await app
      .waitForFunction(
        (rows) => {
          const w = window as unknown as { __batch: { doneAt?: number } };
          const error = document.querySelector('[data-testid="batch-error"]');
          if (w.__batch.doneAt && error) return `error: ${error.textContent ?? ''}`;
          const result = document.querySelector('[data-testid="batch-result"]');
          return w.__batch.doneAt && result?.getAttribute('data-rows') === rows ? 'done' : false;
        },
        String(ROWS),
        { timeout: BATCH_TIMEOUT_S * 1000, polling: 250 },
      )
      .then((handle) => handle.jsonValue())
      .catch((error: unknown) => {
        throw new Error(
          `the batch of ${ROWS} rows did not finish within ${BATCH_TIMEOUT_S} s (--batch-timeout): ${firstLines(error)}`,
        );
      });
    const nodeMs = performance.now() - started;
    // The watchers stop first: stopping the trace blocks the renderer for seconds (it flushes the trace).
    const watch = await app.evaluate(() => {
      const w = window as unknown as {
        __serveBench: { gaps: { at: number; ms: number }[]; long: { at: number; ms: number }[]; on: boolean };
        __batch: { chosenAt?: number; doneAt?: number };
      };
      w.__serveBench.on = false;
      // Only what overlaps the batch: from the file input's change event to the result in the DOM. Times
      // are from the change event (negative: a gap or task that began just before it).
      const from = w.__batch.chosenAt ?? NaN;
      const to = w.__batch.doneAt ?? NaN;
      // (No named inner functions in page code: tsx would wrap them in a helper the page lacks.)
      const [gaps, long] = [w.__serveBench.gaps, w.__serveBench.long].map((list) =>
        list
          .filter((e) => e.at + e.ms >= from && e.at <= to)
          .sort((a, b) => b.ms - a.ms)
          .map((e) => ({ atMs: Math.round(e.at - from), ms: Math.round(e.ms * 10) / 10 })),
      );
      return { gaps: gaps!, long: long!, pageMs: to - from };
    });
    const traced = await trace?.stop(5, { from: 'serve-bench:chosen', to: 'serve-bench:done' });
    if (outcome !== 'done') throw new Error(`the app did not score the file: ${outcome}`);
    const result = app.getByTestId('batch-result');
    const text = (await result.innerText()).replace(/\s+/g, ' ').trim();
    const m = /in ([\d.]+) s \(([\d,.\s\u00a0\u202f]+) rows\/s\)/.exec(text);
    const run: BatchRun = {
      scored: Number(await result.getAttribute('data-scored')),
      appText: text.replace(/ Download .*$/, ''),
      appSeconds: m ? Number(m[1]) : NaN,
      rowsPerSApp: m ? Number(m[2]!.replace(/\D/g, '')) : NaN,
      pageSeconds: watch.pageMs / 1000,
      rowsPerSPage: ROWS / (watch.pageMs / 1000),
      nodeSeconds: nodeMs / 1000,
      rowsPerSNode: ROWS / (nodeMs / 1000),
    };
    print({
      figure: 'batch-scoring',
      watched,
      rows: ROWS,
      fileMB: +(batchBytes / 1e6).toFixed(1),
      ...run,
      pageSeconds: +run.pageSeconds.toFixed(2),
      rowsPerSPage: Math.round(run.rowsPerSPage),
      nodeSeconds: +run.nodeSeconds.toFixed(2),
      rowsPerSNode: Math.round(run.rowsPerSNode),
      note:
        "app: the worker's own time; page: the file input's change event to the result in the DOM; node: " +
        'setInputFiles to the 250 ms poll that saw the result' +
        (watched
          ? '; watched: a Chrome trace and a 10 ms heartbeat ran meanwhile'
          : '; plain: nothing watched'),
      loadAverage: load(),
    });
    if (!traced) return run;
    const { tasks, longest, outsideTasks, windowFound } = traced;
    const byWall = [...tasks].sort((a, b) => b.ms - a.ms);
    const byCpu = [...tasks].sort((a, b) => b.cpuMs - a.cpuMs);
    const main = {
      longestTaskMs: byWall[0]?.ms ?? NaN,
      longestTaskCpuMs: byWall[0]?.cpuMs ?? NaN,
      longTasksApiLongestMs: watch.long[0]?.ms ?? 0,
      heartbeatMaxGapMs: watch.gaps[0]?.ms ?? 0,
    };
    print({
      figure: 'longest-main-thread-task-during-batch',
      traceLongestTask: byWall[0] && { ms: ms1(byWall[0].ms), cpuMs: ms1(byWall[0].cpuMs) },
      traceLongestTaskByCpu: byCpu[0] && { ms: ms1(byCpu[0].ms), cpuMs: ms1(byCpu[0].cpuMs) },
      traceTasks: tasks.length,
      traceTasksOver50ms: tasks.filter((t) => t.ms > 50).length,
      traceTasksOver50msCpu: tasks.filter((t) => t.cpuMs > 50).length,
      traceWindowFound: windowFound,
      longTasksApiCount: watch.long.length,
      longTasksApiLongestMs: main.longTasksApiLongestMs,
      longTasksApiTop5: watch.long.slice(0, 5),
      heartbeatMaxGapMs: main.heartbeatMaxGapMs,
      heartbeatGapsOver60ms: watch.gaps.filter((g) => g.ms > 60).length,
      heartbeatTop5Gaps: watch.gaps.slice(0, 5),
      window: "from the file input's change event to the result in the DOM; atMs from the change event",
      targetMs: 50,
      note: 'ms is wall time, cpuMs the thread time: a task far longer than its CPU time was descheduled by the OS',
      loadAverage: load(),
    });
    print({
      figure: 'longest-main-thread-tasks-detail',
      note: 'atMs: from the first main-thread task in the window (the change event)',
      tasks: longest,
      longestEventsOutsideRunTask: outsideTasks,
    });
    return { ...run, ...main };
  };
  results.batch = await step('batch-score-watched', () => scoreBatch(true));

  await step('batch-download', async () => {
    const [download] = await Promise.all([
      app.waitForEvent('download', { timeout: 120_000 }),
      app.getByTestId('batch-download').click(),
    ]);
    const path = (await download.path())!;
    let lines = 0;
    let header = '';
    for await (const chunk of createReadStream(path)) {
      const buffer = chunk as Buffer;
      if (!header) header = buffer.subarray(0, buffer.indexOf(10)).toString();
      for (let i = buffer.indexOf(10); i !== -1; i = buffer.indexOf(10, i + 1)) lines++;
    }
    print({
      figure: 'batch-download',
      file: download.suggestedFilename(),
      mb: +(statSync(path).size / 1e6).toFixed(1),
      header,
      lines,
      expectedLines: ROWS + 1,
      ok: lines === ROWS + 1,
    });
  });
  results.batchPlain = await step('batch-score-plain', () => scoreBatch(false));
} catch (error) {
  failed = true;
  print({ figure: 'error', message: firstLines(error), loadAverage: load() });
  if (page) {
    mkdirSync(join(root, 'bench/out'), { recursive: true });
    const shot = join(root, 'bench/out/serve-failure.png');
    await page
      .screenshot({ path: shot, fullPage: true })
      .then(() => process.stderr.write(`screenshot of the app at the failure: ${shot}\n`))
      .catch(() => undefined);
  }
} finally {
  await browser.close();
  await server.close();
  await benchServer.close();
  rmSync(work, { recursive: true, force: true });
}

// The table.
const fmt = (v: number | undefined, digits = 3) =>
  v === undefined || Number.isNaN(v) ? '—' : v.toFixed(digits);
const latencyRows: [string, Partial<Stats> | undefined, string][] = [
  [
    'app: Predict → serve worker → page',
    results.app,
    `${results.app?.count ?? 0} requests after ${WARMUP} warm-up; the page's 0.1 ms timer`,
  ],
  [
    'app: same, clicked by a loop in the page',
    results.appInPage,
    `${results.appInPage?.count ?? 0} requests; button.click(), no Playwright between requests`,
  ],
  ['bench page: postMessage → scoreBundle → page', results.floor?.scoreRoundTrip, 'no comlink, no UI'],
  ['bench page: postMessage echo', results.floor?.echoRoundTrip, 'messaging alone'],
  ['worker: scoreBundle(bundle, [record])', results.floor?.scoreBundle, 'recipe + features + float64 model'],
  ['worker: predictArtifact (features ready)', results.floor?.predictArtifact, 'float64 model alone'],
  ['worker: tf model.predict + dataSync', results.floor?.tfPredict, 'wasm; input tensor made per call'],
  ['worker: tf model.predict + dataSync', results.floor?.tfPredictOnly, 'wasm; input tensor kept'],
];
const table = [
  ['single prediction', 'p50 ms', 'p95 ms', 'p99 ms', 'mean ms', 'note'],
  ...latencyRows.map(([name, s, note]) => [name, fmt(s?.p50), fmt(s?.p95), fmt(s?.p99), fmt(s?.mean), note]),
];
const widths = table[0]!.map((_, c) => Math.max(...table.map((r) => r[c]!.length)));
console.log('');
console.log(
  `nproc ${availableParallelism()} · node ${process.version} · ${chromiumVersion} · load average now ${load().join(' ')}`,
);
console.log(
  `model: ${results.model ?? '—'}${results.floor ? `, ${results.floor.model.inputDim} features` : ''}`,
);
for (const [i, r] of table.entries()) {
  console.log(
    r.map((cell, c) => (c >= 1 && c <= 4 ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join(' | '),
  );
  if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
}
if (results.floor)
  console.log(
    `tf vs scoreBundle: max |score difference| ${results.floor.maxAbsDiff.toExponential(2)} over ${results.floor.compared} rows` +
      `; app prediction equals Node's scoreBundle: ${results.predictionMatchesNode}`,
  );
const rate = (v: number | undefined) =>
  v === undefined || !Number.isFinite(v) ? '—' : Math.round(v).toLocaleString('en-US');
const b = results.batch;
const plain = results.batchPlain;
console.log(
  `batch: ${ROWS.toLocaleString('en-US')} rows (${(batchBytes / 1e6).toFixed(1)} MB): ` +
    `watched ${rate(b?.rowsPerSApp)} rows/s (app), ${rate(b?.rowsPerSPage)} rows/s (page clock, ${fmt(b?.pageSeconds, 1)} s); ` +
    `plain ${rate(plain?.rowsPerSApp)} rows/s (app), ${rate(plain?.rowsPerSPage)} rows/s (page clock, ${fmt(plain?.pageSeconds, 1)} s)`,
);
console.log(
  `main thread during the watched batch: longest task ${fmt(b?.longestTaskMs, 1)} ms wall ` +
    `(${fmt(b?.longestTaskCpuMs, 1)} ms of it on the CPU; target 50 ms); Long Tasks API longest ` +
    `${fmt(b?.longTasksApiLongestMs, 1)} ms; 10 ms heartbeat's longest gap ${fmt(b?.heartbeatMaxGapMs, 1)} ms`,
);
if (failed) process.exitCode = 1;
