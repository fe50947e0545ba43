/**
 * Chooses and initialises the tfjs backend inside a worker: webgpu, then webgl (on an OffscreenCanvas), wasm,
 * cpu. Software adapters are skipped unless asked for, because on a CPU-only machine they are far slower than
 * wasm (TOOLCHAIN.md trap 2: tfjs would otherwise pick SwiftShader WebGPU by priority).
 *
 * The wasm binaries are served from the app's own origin: Vite emits them as hashed assets and
 * setWasmPaths points tfjs at them, so no CDN is ever contacted.
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import '@tensorflow/tfjs-backend-webgpu';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import {
  BACKEND_CHECK,
  BACKEND_ORDER,
  isSoftwareRenderer,
  type BackendAttempt,
  type BackendName,
  type BackendReport,
  type BackendRequest,
} from '../src/core/compute/backend-policy.ts';

interface GpuAdapterLike {
  isFallbackAdapter?: boolean;
  info?: { isFallbackAdapter?: boolean; vendor?: string; architecture?: string; description?: string };
}
interface GpuLike {
  requestAdapter(): Promise<GpuAdapterLike | null>;
}

async function probeWebGpu(
  allowSoftware: boolean,
): Promise<Omit<BackendAttempt, 'name' | 'ok'> & { usable: boolean }> {
  const gpu = (navigator as unknown as { gpu?: GpuLike }).gpu;
  if (!gpu) return { usable: false, reason: 'WebGPU is not available in this browser.' };
  // requestAdapter can answer null while the browser's GPU process is still starting (seen with two workers
  // asking at once on a fresh profile), so ask again briefly before concluding there is none.
  let adapter: GpuAdapterLike | null = null;
  for (let attempt = 0; attempt < 4 && !adapter; attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
    adapter = await gpu.requestAdapter();
  }
  if (!adapter) return { usable: false, reason: 'No WebGPU adapter was found.' };
  const info = adapter.info ?? {};
  const device =
    [info.vendor, info.architecture, info.description].filter(Boolean).join(' ') || 'unknown adapter';
  const fallback = adapter.isFallbackAdapter === true || info.isFallbackAdapter === true;
  if (fallback && !allowSoftware) {
    return {
      usable: false,
      device,
      reason: 'The WebGPU adapter is a software fallback (isFallbackAdapter).',
    };
  }
  return { usable: true, device };
}

function probeWebGl(allowSoftware: boolean): Omit<BackendAttempt, 'name' | 'ok'> & { usable: boolean } {
  if (typeof OffscreenCanvas === 'undefined')
    return { usable: false, reason: 'OffscreenCanvas is not available.' };
  const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
  if (!gl) return { usable: false, reason: 'WebGL 2 is not available.' };
  const ext = gl.getExtension('WEBGL_debug_renderer_info');
  const device = String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  if (isSoftwareRenderer(device) && !allowSoftware) {
    return { usable: false, device, reason: `WebGL runs on a software renderer (${device}).` };
  }
  return { usable: true, device };
}

async function trySet(name: BackendName): Promise<string | undefined> {
  try {
    if (name === 'wasm') {
      // Threads would need cross-origin isolation and hang in a minified build (TOOLCHAIN.md trap 3), so
      // the threaded binary is never loaded, and it is neither emitted nor precached.
      tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
      // setWasmPaths wants an entry for every binary; with threads off the threaded one is never fetched.
      setWasmPaths({
        'tfjs-backend-wasm.wasm': wasmPlain,
        'tfjs-backend-wasm-simd.wasm': wasmSimd,
        'tfjs-backend-wasm-threaded-simd.wasm': wasmSimd,
      });
    }
    // setBackend resolves false (rather than throwing) when initialisation fails.
    const ok = await tf.setBackend(name);
    return ok ? undefined : `tfjs could not initialise ${name}.`;
  } catch (error) {
    return `tfjs could not initialise ${name}: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/**
 * Proves the backend computes: BACKEND_CHECK's matmul, read back. Asynchronously: WebGPU cannot read back
 * synchronously, and its dataSync() answered zeros on SwiftShader.
 */
async function check(): Promise<number[]> {
  const a = BACKEND_CHECK.a.map((row) => [...row]);
  const b = BACKEND_CHECK.b.map((row) => [...row]);
  const product = tf.matMul(a, b);
  try {
    return Array.from(await product.data());
  } finally {
    product.dispose();
  }
}

let chosen: Promise<BackendReport> | undefined;
let chosenFor = '';

/**
 * Initialises the first usable backend of the request and reports every attempt. A worker keeps its backend
 * for life; the page respawns the worker to ask for a different one.
 */
export function initBackend(request: BackendRequest = {}): Promise<BackendReport> {
  const key = JSON.stringify(request);
  if (chosen && key === chosenFor) return chosen;
  chosenFor = key;
  chosen = choose(request);
  return chosen;
}

async function choose(request: BackendRequest): Promise<BackendReport> {
  const allowSoftware = request.allowSoftware ?? false;
  const attempts: BackendAttempt[] = [];
  for (const name of request.order ?? BACKEND_ORDER) {
    let probe: Omit<BackendAttempt, 'name' | 'ok'> & { usable: boolean } = { usable: true };
    if (name === 'webgpu') probe = await probeWebGpu(allowSoftware);
    if (name === 'webgl') probe = probeWebGl(allowSoftware);
    const { usable, ...details } = probe;
    if (!usable) {
      attempts.push({ name, ok: false, ...details });
      continue;
    }
    const failure = await trySet(name);
    if (failure) {
      attempts.push({ name, ok: false, ...details, reason: failure });
      continue;
    }
    attempts.push({ name, ok: true, ...details });
    return { backend: name, attempts, tfjsVersion: tf.version.tfjs, check: await check() };
  }
  throw new Error(`No tfjs backend could start: ${attempts.map((a) => `${a.name}: ${a.reason}`).join('; ')}`);
}
