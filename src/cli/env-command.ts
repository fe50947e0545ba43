import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { readFileSync } from 'node:fs';

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
    const check = tf.tidy(() =>
      Array.from(
        tf
          .matMul(
            [
              [1, 2],
              [3, 4],
            ],
            [
              [5, 6],
              [7, 8],
            ],
          )
          .dataSync(),
      ),
    );
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
