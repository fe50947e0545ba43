import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string;
};

/** The git commit baked into the build, recorded on every run ("code version"). */
function gitCommit(): string {
  try {
    return execSync('git rev-parse HEAD', { stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  } catch {
    return 'unknown';
  }
}

/**
 * The Content-Security-Policy: nothing but the app's own origin. 'wasm-unsafe-eval' lets the page compile
 * WebAssembly (tfjs-backend-wasm) without allowing JavaScript eval; no dependency needs 'unsafe-eval'.
 * Style attributes are set through the CSSOM (Svelte's style: directive), which CSP does not block.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

/** Puts the CSP in a meta tag of the built page only: Vite's dev server injects inline styles for HMR. */
function cspMeta(): Plugin {
  return {
    name: 'looplab-csp-meta',
    apply: 'build',
    transformIndexHtml: (html) =>
      html.replace(
        '<meta charset="UTF-8" />',
        `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`,
      ),
  };
}

export default defineConfig(({ mode }) => ({
  define: {
    __APP_VERSION__: JSON.stringify(pkg.version),
    __GIT_COMMIT__: JSON.stringify(gitCommit()),
    // The browser tests build with --mode e2e (into dist-e2e/): only that build has the test hooks.
    __TEST_HOOKS__: JSON.stringify(mode === 'e2e'),
  },
  plugins: [
    svelte(),
    cspMeta(),
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['icon.svg', 'icon-192.png', 'icon-512.png'],
      manifest: {
        name: 'Looplab',
        short_name: 'Looplab',
        description: 'The whole machine-learning lifecycle in one browser tab. Nothing leaves the device.',
        theme_color: '#0f3d3e',
        background_color: '#0b1f20',
        display: 'standalone',
        start_url: '.',
        scope: '.',
        icons: [
          { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: 'icon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
      },
      workbox: {
        // The tfjs wasm binaries are precached so training works offline; the default 2 MiB cap would
        // silently drop the larger worker chunks (TOOLCHAIN.md trap 5).
        globPatterns: ['**/*.{js,css,html,wasm,png,svg,webmanifest}'],
        maximumFileSizeToCacheInBytes: 32 * 1024 * 1024,
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        navigateFallback: 'index.html',
      },
    }),
  ],
  resolve: {
    // stdlib probes generator support with eval at import; see the shim for why it can answer true.
    alias: {
      '@stdlib/assert-has-generator-support': fileURLToPath(
        new URL('./src/shims/has-generator-support.cjs', import.meta.url),
      ),
    },
  },
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: false, chunkSizeWarningLimit: 4096 },
  preview: {
    host: '127.0.0.1',
    port: 4173,
    strictPort: true,
    // Workers take their CSP from their own response headers, not from the page's meta tag.
    headers: { 'Content-Security-Policy': CONTENT_SECURITY_POLICY },
  },
}));
