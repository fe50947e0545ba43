/**
 * `node --import tsx bench/train-speed.ts`: training speed of a 64-32 relu MLP (Adam, batch 256, 5 epochs,
 * binary log loss) on 100,000 × 30 seeded rows (bench/train-speed/workload.ts), printed as JSON lines and a
 * table. Figures are printed, never asserted.
 *   1. Node, tfjs wasm and cpu: Looplab's NetworkTrainer (its per-epoch validation pass included), and a plain
 *      tf.sequential + model.fit of the same network for comparison.
 *   2. Headless Chromium, a dedicated worker per backend (wasm, cpu, webgl and webgpu on SwiftShader), started
 *      the way the app's train worker starts them (workers/tf-backend.ts), with a timeout per backend.
 *   3. The longest main-thread task of the page while the worker trains on wasm: a Chrome trace of every task
 *      (wall and thread time), the Long Tasks API and a 10 ms heartbeat (target: under 50 ms).
 *   4. sklearn's MLPClassifier on the same data, float64 and float32 (/usr/bin/python3, Debian's
 *      python3-sklearn), best of 3 fits each, as the reference.
 * The machine is shared: the load average and, in Node, the CPU share (CPU time per wall second) are printed
 * with the figures, because other processes slow them all.
 * Options: --no-build (reuse bench/out/train-speed), --timeout=SECONDS per browser backend (default 300),
 * --skip=node,browser,sklearn.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { build } from 'vite';
import { initNodeBackend } from '../src/cli/tf-node.ts';
import type { BackendName } from '../src/core/compute/backend-policy.ts';
import type { TrainingData } from '../src/core/models/training-data.ts';
import { chromiumPath, launch, SWIFTSHADER_WEBGPU_FLAGS } from '../test/e2e/chromium.ts';
import { serveBuild } from '../test/e2e/static-server.ts';
import { traceMainTasks } from './trace.ts';
import type { MainThreadWatch, RunOutcome } from './train-speed/page.ts';
import {
  BATCH,
  checksum,
  COLS,
  EPOCHS,
  generate,
  ROWS,
  trainLooplab,
  VALIDATION_ROWS,
  wasmFlags,
} from './train-speed/workload.ts';

const root = join(import.meta.dirname, '..');
const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const skip = new Set((arg('skip') ?? '').split(','));
const timeoutS = Number(arg('timeout') ?? 300);
const print = (figure: Record<string, unknown>) => console.log(JSON.stringify(figure));
const round = (v: number) => Math.round(v);
const load = () => loadavg().map((v) => +v.toFixed(2));
/** CPU time this process used per wall-clock second while `fn` ran: about 1 for a single thread that got a whole core. */
async function withCpuShare<T>(fn: () => Promise<T>): Promise<T & { cpuShare: number }> {
  const [cpu, wall] = [process.cpuUsage(), performance.now()];
  const result = await fn();
  const used = process.cpuUsage(cpu);
  return { ...result, cpuShare: +((used.user + used.system) / 1000 / (performance.now() - wall)).toFixed(2) };
}

interface Row {
  where: string;
  backend: string;
  samplesPerS?: number;
  note: string;
  /** A Looplab-trainer figure on a CPU backend (counts for "best CPU backend vs sklearn"). */
  cpuLooplab?: boolean;
}
const rows: Row[] = [];

const chromiumVersion = (() => {
  try {
    return execFileSync(chromiumPath(), ['--version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch (error) {
    return `unknown (${String(error)})`;
  }
})();
print({
  figure: 'environment',
  nproc: availableParallelism(),
  node: process.version,
  chromium: chromiumVersion,
  tfjs: tf.version.tfjs,
  loadAverage: load(),
  contentionNote: 'other processes on this machine slow every figure; see loadAverage and cpuShare',
  workload: {
    rows: ROWS,
    cols: COLS,
    validationRows: VALIDATION_ROWS,
    epochs: EPOCHS,
    batch: BATCH,
    hidden: [64, 32],
  },
});

let start = performance.now();
const data = generate();
const sum = checksum(data);
print({ figure: 'generate-data', ms: round(performance.now() - start), checksum: sum });

// 1. Node.
if (!skip.has('node')) {
  for (const backend of ['wasm', 'cpu'] as const) {
    try {
      await initNodeBackend(backend);
      const before = tf.memory().numTensors;
      const looplab = await withCpuShare(() => trainLooplab(data));
      const leaked = tf.memory().numTensors - before;
      print({
        figure: 'node-looplab-trainer',
        backend: tf.getBackend(),
        samplesPerS: round(looplab.samplesPerS),
        ms: round(looplab.ms),
        epochMs: looplab.epochMs,
        validationLogLoss: +looplab.validationLogLoss.toFixed(4),
        leakedTensors: leaked,
        cpuShare: looplab.cpuShare,
        wasm: wasmFlags(),
        note: `trainTo(${EPOCHS}) wall time; includes each epoch's validation (${VALIDATION_ROWS} rows) and train-curve (5,000 rows) pass`,
      });
      rows.push({
        where: 'Node',
        backend,
        samplesPerS: looplab.samplesPerS,
        note: 'NetworkTrainer',
        cpuLooplab: true,
      });
      const fit = await withCpuShare(() => trainFit(data));
      print({
        figure: 'node-tfjs-model-fit',
        backend: tf.getBackend(),
        samplesPerS: round(fit.samplesPerS),
        ms: round(fit.ms),
        epochMs: fit.epochMs,
        validationLogLoss: +fit.validationLogLoss.toFixed(4),
        cpuShare: fit.cpuShare,
        note: `tf.sequential + model.fit, shuffle, validationData ${VALIDATION_ROWS} rows`,
      });
      rows.push({ where: 'Node', backend, samplesPerS: fit.samplesPerS, note: 'tf model.fit (comparison)' });
    } catch (error) {
      print({ figure: 'node-looplab-trainer', backend, error: String(error) });
      rows.push({ where: 'Node', backend, note: `failed: ${String(error)}` });
    }
  }
}

// 4. sklearn, before the browser starts, so that nothing else of the bench runs beside it.
let sklearn64: number | undefined;
if (!skip.has('sklearn')) {
  const python = '/usr/bin/python3';
  if (!existsSync(python)) {
    print({ figure: 'sklearn', skipped: `${python} is absent` });
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'looplab-train-speed-'));
    try {
      writeNpy(join(dir, 'x.npy'), data.train.x, [ROWS, COLS]);
      writeNpy(join(dir, 'y.npy'), data.train.y, [ROWS]);
      const out = execFileSync(
        python,
        [
          join(import.meta.dirname, 'train-speed/sklearn_reference.py'),
          join(dir, 'x.npy'),
          join(dir, 'y.npy'),
          `${EPOCHS}`,
        ],
        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], timeout: 600_000 },
      );
      for (const line of out.trim().split('\n')) {
        const result = JSON.parse(line) as { error?: string; label?: string; samplesPerS?: number };
        if (result.error) {
          print({ figure: 'sklearn', skipped: result.error, hint: 'apt-get install -y python3-sklearn' });
          continue;
        }
        print({ figure: 'sklearn-mlp', ...result, samplesPerS: round(result.samplesPerS!) });
        if (result.label === 'float64') sklearn64 = result.samplesPerS;
        rows.push({
          where: 'sklearn',
          backend: result.label!,
          samplesPerS: result.samplesPerS,
          note: 'MLPClassifier.fit, best of 3',
        });
      }
    } catch (error) {
      print({ figure: 'sklearn', error: String(error) });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

// 2–3. Chromium worker.
if (!skip.has('browser')) {
  const outDir = join(root, 'bench/out/train-speed');
  if (!process.argv.includes('--no-build')) {
    start = performance.now();
    await build({
      configFile: false,
      root: join(import.meta.dirname, 'train-speed'),
      base: './',
      logLevel: 'warn',
      worker: { format: 'es' },
      build: { outDir, emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 8192 },
    });
    print({ figure: 'bench-page-build', ms: round(performance.now() - start), outDir });
  }
  const server = await serveBuild(outDir);
  const browser = await launch(SWIFTSHADER_WEBGPU_FLAGS);
  try {
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.on('console', (m) => {
      if (m.type() === 'error') process.stderr.write(`[page] ${m.text()}\n`);
    });
    await page.goto(server.url);
    await page.locator('body[data-ready="true"]').waitFor();
    for (const backend of ['wasm', 'cpu', 'webgl', 'webgpu'] as const) {
      const watched = backend === 'wasm';
      const trace = watched ? await traceMainTasks(await browser.context.newCDPSession(page)) : undefined;
      if (watched) await page.evaluate(() => (window as unknown as { startWatch(): void }).startWatch());
      const outcome = await Promise.race([
        page.evaluate(
          ([b, ms]) =>
            (window as unknown as { runBackend(b: BackendName, ms: number): Promise<RunOutcome> }).runBackend(
              b,
              ms,
            ),
          [backend, timeoutS * 1000] as const,
        ),
        new Promise<RunOutcome>((resolve) =>
          setTimeout(
            () => resolve({ type: 'error', backend, message: 'the page did not answer' }),
            (timeoutS + 30) * 1000,
          ),
        ),
      ]);
      if (outcome.type === 'done') {
        print({
          figure: 'worker-looplab-trainer',
          backend: outcome.backend,
          device: outcome.device || undefined,
          samplesPerS: round(outcome.samplesPerS),
          ms: round(outcome.ms),
          epochMs: outcome.epochMs,
          validationLogLoss: +outcome.validationLogLoss.toFixed(4),
          sameDataAsNode: outcome.checksum === sum,
          wasm: outcome.wasm,
          note: `trainTo(${EPOCHS}) wall time in a dedicated worker; includes per-epoch validation and train-curve passes`,
        });
        rows.push({
          where: 'Chromium worker',
          backend,
          samplesPerS: outcome.samplesPerS,
          note: outcome.device ? `NetworkTrainer on ${outcome.device}` : 'NetworkTrainer',
          cpuLooplab: backend === 'wasm' || backend === 'cpu',
        });
      } else {
        const partial =
          outcome.partial && outcome.partial.ms > 0
            ? (outcome.partial.samples / outcome.partial.ms) * 1000
            : undefined;
        print({
          figure: 'worker-looplab-trainer',
          backend,
          error: outcome.message,
          partialSamplesPerS: partial === undefined ? undefined : round(partial),
          partialEpochs: outcome.partial ? outcome.partial.samples / ROWS : 0,
        });
        rows.push({
          where: 'Chromium worker',
          backend,
          note:
            `failed: ${outcome.message}` +
            (partial === undefined
              ? ''
              : ` (${round(partial).toLocaleString('en-US')}/s over its first ${outcome.partial!.samples / ROWS} epochs)`),
        });
      }
      if (trace) {
        const tasks = await trace.stop();
        const watch = await page.evaluate(() =>
          (window as unknown as { stopWatch(): MainThreadWatch | undefined }).stopWatch(),
        );
        const byWall = [...tasks].sort((a, b) => b.ms - a.ms);
        const byCpu = [...tasks].sort((a, b) => b.cpuMs - a.cpuMs);
        const pair = (t: { ms: number; cpuMs: number } | undefined) =>
          t ? { ms: +t.ms.toFixed(1), cpuMs: +t.cpuMs.toFixed(1) } : undefined;
        print({
          figure: 'longest-main-thread-task-during-training',
          backend,
          traceLongestTask: pair(byWall[0]),
          traceLongestTaskByCpu: pair(byCpu[0]),
          traceTasks: tasks.length,
          traceTasksOver50ms: tasks.filter((t) => t.ms > 50).length,
          traceTasksOver50msCpu: tasks.filter((t) => t.cpuMs > 50).length,
          traceTop5: byWall.slice(0, 5).map(pair),
          longTasksApiCount: watch?.longTasksMs.length,
          longTasksApiLongestMs: watch ? +Math.max(0, ...watch.longTasksMs).toFixed(1) : undefined,
          heartbeatMaxGapMs: watch ? +watch.maxHeartbeatGapMs.toFixed(1) : undefined,
          heartbeats: watch?.heartbeats,
          note: 'ms is wall time, cpuMs the thread time: a task far longer than its CPU time was descheduled by the OS',
          targetMs: 50,
          loadAverage: load(),
        });
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

// 5. Table.
const fmt = (v: number | undefined) => (v === undefined ? '—' : round(v).toLocaleString('en-US'));
const ratio = (v: number | undefined) =>
  v === undefined || sklearn64 === undefined ? '—' : `${(v / sklearn64).toFixed(2)}×`;
const table = [
  ['where', 'backend', 'samples/s', '× sklearn(float64)', 'note'],
  ...rows.map((r) => [r.where, r.backend, fmt(r.samplesPerS), ratio(r.samplesPerS), r.note]),
];
const widths = table[0]!.map((_, c) => Math.max(...table.map((r) => r[c]!.length)));
console.log('');
console.log(
  `nproc ${availableParallelism()} · node ${process.version} · ${chromiumVersion} · load average now ${load().join(' ')}`,
);
for (const [i, r] of table.entries()) {
  console.log(
    r
      .map((cell, c) => (c === 2 || c === 3 ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
      .join(' | '),
  );
  if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
}
const best = rows
  .filter((r) => r.cpuLooplab && r.samplesPerS !== undefined)
  .sort((a, b) => b.samplesPerS! - a.samplesPerS!)[0];
const bestVsSklearn = best && sklearn64 ? best.samplesPerS! / sklearn64 : undefined;
console.log(
  best
    ? `Best CPU backend (Looplab trainer): ${best.where} ${best.backend}, ${fmt(best.samplesPerS)} samples/s` +
        (bestVsSklearn === undefined
          ? ' (no sklearn figure to compare with)'
          : ` = ${bestVsSklearn.toFixed(2)}× sklearn float64 (sklearn is ${(1 / bestVsSklearn).toFixed(1)}× faster)`)
    : 'No CPU backend figure.',
);
print({
  figure: 'best-cpu-backend-vs-sklearn',
  where: best?.where,
  backend: best?.backend,
  samplesPerS: best?.samplesPerS === undefined ? undefined : round(best.samplesPerS),
  sklearnFloat64SamplesPerS: sklearn64 === undefined ? undefined : round(sklearn64),
  ratio: bestVsSklearn === undefined ? undefined : +bestVsSklearn.toFixed(3),
});

/** The same network with tfjs-layers' own loop: dense 64 relu, 32 relu, 1 sigmoid; Adam; binary cross-entropy. */
async function trainFit(d: TrainingData) {
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [COLS], units: 64, activation: 'relu' }),
      tf.layers.dense({ units: 32, activation: 'relu' }),
      tf.layers.dense({ units: 1, activation: 'sigmoid' }),
    ],
  });
  const optimizer = tf.train.adam(0.001);
  model.compile({ optimizer, loss: 'binaryCrossentropy' });
  const x = tf.tensor2d(d.train.x, [d.train.rows, COLS]);
  const y = tf.tensor2d(Float32Array.from(d.train.y), [d.train.rows, 1]);
  const xv = tf.tensor2d(d.validation.x, [d.validation.rows, COLS]);
  const yv = tf.tensor2d(Float32Array.from(d.validation.y), [d.validation.rows, 1]);
  const ends: number[] = [];
  try {
    const t0 = performance.now();
    const history = await model.fit(x, y, {
      batchSize: BATCH,
      epochs: EPOCHS,
      shuffle: true,
      validationData: [xv, yv],
      verbose: 0,
      callbacks: { onEpochEnd: async () => void ends.push(performance.now()) },
    });
    const ms = performance.now() - t0;
    const valLoss = history.history.val_loss?.at(-1);
    return {
      ms,
      samplesPerS: (EPOCHS * ROWS) / (ms / 1000),
      epochMs: ends.map((t, i) => round(t - (i ? ends[i - 1]! : t0))),
      validationLogLoss: typeof valLoss === 'number' ? valLoss : NaN,
    };
  } finally {
    model.dispose();
    optimizer.dispose();
    for (const t of [x, y, xv, yv]) t.dispose();
  }
}

/** Writes a 1- or 2-D float array as a NumPy .npy file (format 1.0, little-endian, C order). */
function writeNpy(path: string, values: Float32Array | Float64Array, shape: number[]): void {
  const descr = values instanceof Float32Array ? '<f4' : '<f8';
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': (${shape.join(', ')}${shape.length === 1 ? ',' : ''}), }`;
  header += ' '.repeat(63 - ((10 + header.length) % 64)) + '\n';
  const prefix = Buffer.alloc(10);
  prefix.write('\x93NUMPY', 0, 'latin1');
  prefix.writeUInt8(1, 6);
  prefix.writeUInt8(0, 7);
  prefix.writeUInt16LE(header.length, 8);
  writeFileSync(
    path,
    Buffer.concat([
      prefix,
      Buffer.from(header, 'latin1'),
      Buffer.from(values.buffer, values.byteOffset, values.byteLength),
    ]),
  );
}
