/** The tfjs backends Looplab uses, in the order it tries them. */
export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';

export const BACKEND_ORDER: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

/** What the page asks of a worker's backend choice. */
export interface BackendRequest {
  /** Try only these, in this order; defaults to BACKEND_ORDER. */
  order?: BackendName[];
  /**
   * Accept software GPU adapters (SwiftShader, llvmpipe). Off by default: on a machine without a GPU, wasm is
   * 6× faster than WebGL on SwiftShader and 38× faster than WebGPU on it (DEVELOPERS.md).
   */
  allowSoftware?: boolean;
}

export interface BackendAttempt {
  name: BackendName;
  ok: boolean;
  /** Why it was skipped or failed, in words for the UI. */
  reason?: string;
  /** The adapter or renderer string, when the platform tells. */
  device?: string;
}

export interface BackendReport {
  backend: BackendName;
  attempts: BackendAttempt[];
  tfjsVersion: string;
  /** A 2×2 matmul computed on the chosen backend, to prove it really runs: [19, 22, 43, 50]. */
  check: number[];
}

const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|software|basic render driver/i;

/** True when a WebGL renderer or WebGPU adapter description names a CPU rasteriser rather than a GPU. */
export function isSoftwareRenderer(description: string): boolean {
  return SOFTWARE_RENDERER.test(description);
}

/** Parses a user's backend choice ("auto" or one name) into a request. */
export function backendRequestFrom(choice: string, allowSoftware: boolean): BackendRequest {
  const order = BACKEND_ORDER.includes(choice as BackendName) ? [choice as BackendName] : undefined;
  return order ? { order, allowSoftware } : { allowSoftware };
}

/**
 * The computation that proves a backend really runs: A × B, read back. By hand, [[1,2],[3,4]] × [[5,6],[7,8]]
 * is [[19,22],[43,50]].
 */
export const BACKEND_CHECK = {
  a: [
    [1, 2],
    [3, 4],
  ],
  b: [
    [5, 6],
    [7, 8],
  ],
  expected: [19, 22, 43, 50],
} as const;
