import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';

/**
 * Starts tfjs under Node on wasm (or cpu). tfjs-node is not used because it downloads a native binary at
 * install. tfjs prints a banner recommending tfjs-node on first use; it goes to stderr so that stdout stays
 * JSON only.
 */
export async function initNodeBackend(name: 'wasm' | 'cpu' = 'wasm'): Promise<string> {
  const log = console.log;
  console.log = (...a: unknown[]) => process.stderr.write(`${a.join(' ')}\n`);
  try {
    if (!(await tf.setBackend(name))) throw new Error(`the tfjs ${name} backend did not start.`);
    await tf.ready();
    return tf.getBackend();
  } finally {
    console.log = log;
  }
}
