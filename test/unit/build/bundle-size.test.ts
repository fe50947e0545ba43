// Issue 16: what the page loads before it can draw (dist/index.html's module script, its modulepreloads
// and its stylesheets) stays under 150 KB gzip. Size is deterministic, so it is a test: it builds the app
// as `npm start` does (production mode) into a temporary folder, gzips each file the HTML loads up front,
// and names the five largest modules of those files when the total is over.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Plugin } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';

const LIMIT = 150 * 1024;
const root = join(import.meta.dirname, '../../..');
const outDir = mkdtempSync(join(tmpdir(), 'looplab-size-'));

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

/** The files dist/index.html loads before the app starts: module scripts, modulepreloads, stylesheets. */
export function upFrontFiles(html: string): string[] {
  const files: string[] = [];
  for (const tag of html.match(/<(script|link)\b[^>]*>/g) ?? []) {
    const src = /\b(?:src|href)="\/?([^"]+)"/.exec(tag)?.[1];
    if (!src) continue;
    const script = tag.startsWith('<script') && /type="module"/.test(tag);
    const preload = /rel="modulepreload"/.test(tag);
    const style = /rel="stylesheet"/.test(tag);
    if (script || preload || style) files.push(src);
  }
  return files;
}

describe('the up-front load of the built app', () => {
  it('is under 150 KB gzip', { timeout: 600_000 }, async () => {
    const modules = new Map<string, { id: string; bytes: number }[]>();
    const capture: Plugin = {
      name: 'looplab-size-capture',
      generateBundle(_, bundle) {
        for (const chunk of Object.values(bundle)) {
          if (chunk.type !== 'chunk') continue;
          modules.set(
            chunk.fileName,
            Object.entries(chunk.modules).map(([id, m]) => ({
              id: id.replace(root, '').replace(/.*node_modules\//, ''),
              bytes: gzipSync(m.code ?? '').length,
            })),
          );
        }
      },
    };
    await build({
      root,
      mode: 'production',
      logLevel: 'silent',
      build: { outDir, emptyOutDir: true },
      plugins: [capture],
    });
    const html = readFileSync(join(outDir, 'index.html'), 'utf8');
    const files = upFrontFiles(html);
    expect(files.some((f) => f.endsWith('.js'))).toBe(true);
    const sizes = files.map((file) => ({ file, gzip: gzipSync(readFileSync(join(outDir, file))).length }));
    const total = sizes.reduce((sum, s) => sum + s.gzip, 0);
    const largest = files
      .flatMap((file) => modules.get(file) ?? [])
      .sort((a, b) => b.bytes - a.bytes)
      .slice(0, 5)
      .map((m) => `${m.id} ${(m.bytes / 1024).toFixed(1)} KB`);
    const report =
      `up front: ${(total / 1024).toFixed(1)} KB gzip in ${sizes.map((s) => `${s.file} ${(s.gzip / 1024).toFixed(1)} KB`).join(', ')}; ` +
      `largest modules (gzip each): ${largest.join(', ')}`;
    console.log(report);
    expect(total, report).toBeLessThan(LIMIT);
    // zod and the storage check stay in the workers; tfjs too.
    const loaded = files.flatMap((file) => modules.get(file) ?? []).map((m) => m.id);
    expect(loaded.filter((id) => /^zod\//.test(id) || /check-stored-integrity|@tensorflow/.test(id))).toEqual(
      [],
    );
  });

  it('reads the up-front files of an index.html', () => {
    const html =
      '<script type="module" crossorigin src="/assets/index-a.js"></script>\n' +
      '<link rel="modulepreload" crossorigin href="/assets/chunk-b.js">\n' +
      '<link rel="stylesheet" crossorigin href="/assets/index-c.css">\n' +
      '<link rel="icon" href="/icon.svg" type="image/svg+xml" />\n<link rel="manifest" href="/manifest.webmanifest">';
    expect(upFrontFiles(html)).toEqual(['assets/index-a.js', 'assets/chunk-b.js', 'assets/index-c.css']);
  });
});
