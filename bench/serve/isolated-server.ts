/**
 * Serves the bench page's build on 127.0.0.1 with the app's CSP and cross-origin isolation (COOP + COEP).
 * Isolation only sharpens performance.now() from Chromium's 100 µs to 5 µs, so that sub-millisecond floors
 * are measured rather than rounded; the bench worker still runs wasm without threads, as the app does.
 */
import { serveBuild, type StaticServer } from '../../test/e2e/static-server.ts';

export function serveIsolated(root: string): Promise<StaticServer> {
  return serveBuild(root, {
    headers: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' },
  });
}
