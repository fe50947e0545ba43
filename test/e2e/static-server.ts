import { cpSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../vite.config.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

export interface StaticServer {
  url: string;
  /** The served copy of dist/: tests may change files in it (to publish an "update"). */
  root: string;
  close(): Promise<void>;
}

/**
 * Serves a private copy of the production build on 127.0.0.1 with the same CSP header as `vite preview`.
 * Each test file gets its own copy and port, so one that edits files cannot disturb another.
 */
export async function serveBuild(
  // LOOPLAB_DIST: another build folder, so that two checkouts' browser tests can run side by side.
  dist = process.env.LOOPLAB_DIST ?? join(import.meta.dirname, '../../dist'),
  options: { csp?: boolean; headers?: Record<string, string> } = {},
): Promise<StaticServer> {
  const root = mkdtempSync(join(tmpdir(), 'looplab-dist-'));
  try {
    statSync(join(dist, 'index.html'));
  } catch {
    throw new Error(
      `${dist}/index.html is missing: build it first (npm run test:e2e runs vite build --mode e2e --outDir dist-e2e).`,
    );
  }
  cpSync(dist, root, { recursive: true });
  const server: Server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    let file = join(root, path);
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if (statSync(file).isDirectory()) file = join(file, 'index.html');
    } catch {
      file = join(root, 'index.html');
    }
    try {
      const body = readFileSync(file);
      res.writeHead(200, {
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        ...(options.csp === false ? {} : { 'Content-Security-Policy': CONTENT_SECURITY_POLICY }),
        'Cache-Control': 'no-cache',
        ...options.headers,
      });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    root,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          rmSync(root, { recursive: true, force: true });
          resolve();
        });
      }),
  };
}
