import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { readFileSync } from 'node:fs';
import { BACKEND_CHECK } from '../core/compute/backend-policy.ts';

/**
 * `looplab env`: the runtime the CLI computes with. Under Node tfjs runs on its wasm backend, which loads its
 * binary from node_modules; tfjs-node is not used because it downloads a native binary at install.
 */
export async function envCommand(): Promise<Record<string, unknown>> {
  // tfjs prints a console banner recommending tfjs-node; keep stdout for JSON only.
  const log = console.log;
  console.log = (...a: unknown[]) => process.stderr.write(`${a.join(' ')}\n`);
  try {
    if (!(await tf.setBackend('wasm'))) throw new Error('the tfjs wasm backend did not start.');
    const a = BACKEND_CHECK.a.map((row) => [...row]);
    const b = BACKEND_CHECK.b.map((row) => [...row]);
    const check = tf.tidy(() => Array.from(tf.matMul(a, b).dataSync()));
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    return {
      app: pkg.version,
      node: process.version,
      tfjs: tf.version.tfjs,
      backend: tf.getBackend(),
      check,
    };
  } finally {
    console.log = log;
  }
}
