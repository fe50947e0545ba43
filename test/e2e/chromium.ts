import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Flags that work headless on this kind of machine (DEVELOPERS.md). */
export const BASE_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** WebGPU on SwiftShader, the CPU fallback adapter. */
export const SWIFTSHADER_WEBGPU_FLAGS = [
  '--enable-unsafe-webgpu',
  '--enable-features=Vulkan',
  '--use-angle=swiftshader',
  '--use-webgpu-adapter=swiftshader',
];

/** The Chromium to drive: CHROMIUM_PATH, else Debian's /usr/bin/chromium. Never downloaded at test time. */
export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(
      `Chromium was not found at ${path}. Install it (Debian/Ubuntu: sudo apt-get install -y chromium) ` +
        'or set CHROMIUM_PATH to a Chromium or Chrome binary. The tests never download a browser.',
    );
  }
  return path;
}

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Launches Chromium with a fresh profile (a new --user-data-dir), removed again on close. */
export async function launch(extraFlags: string[] = []): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'looplab-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    args: [...BASE_FLAGS, ...extraFlags],
    acceptDownloads: true,
    viewport: { width: 1280, height: 900 },
  });
  // Playwright's default of 30 s per wait is short for a busy 2-core machine; a wait that times out still
  // names the locator or event it waited for.
  context.setDefaultTimeout(120_000);
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
