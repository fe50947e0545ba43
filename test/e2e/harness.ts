import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { launch, type Browser } from './chromium.ts';
import { serveBuild, type StaticServer } from './static-server.ts';

/** The browser tests' build (`vite build --mode e2e`, with the test hooks): what `npm run test:e2e` makes. */
export const E2E_DIST = process.env.LOOPLAB_DIST ?? join(import.meta.dirname, '../../dist-e2e');

export interface Session {
  browser: Browser;
  server: StaticServer;
  /**
   * Every URL the browser requested, from the page, its workers and the service worker, less those the CSP
   * refused before any network (those are in `blocked`).
   */
  requests: string[];
  /** Requests the Content-Security-Policy refused in the browser: they never reached the network. */
  blocked: string[];
  /** Console errors and CSP violations seen in any page or worker. */
  problems: string[];
  open(path?: string): Promise<Page>;
  /**
   * A known state: every page closed but one, the origin's storage cleared (IndexedDB, Cache Storage, the
   * service worker, local storage; the workers die with their page, so no lock or connection survives),
   * then the app opened as on a first run, with the sample project. Returns the page, ready.
   */
  fresh(path?: string): Promise<Page>;
  /** Closes the browser and the server; throws if any request left 127.0.0.1 during the session. */
  close(): Promise<void>;
}

/** A fresh build server and a fresh browser profile, recording every request and console problem. */
export async function startSession(flags: string[] = []): Promise<Session> {
  const server = await serveBuild(E2E_DIST);
  const browser = await launch(flags);
  const requests: string[] = [];
  const problems: string[] = [];
  const blocked: string[] = [];
  browser.context.on('request', (request) => requests.push(request.url()));
  // Chromium reports an image the CSP refused as a request that failed with "csp": it was checked in the
  // renderer and never sent, so it is moved from `requests` to `blocked`.
  browser.context.on('requestfailed', (request) => {
    if (!/^csp$|BLOCKED_BY_CSP/i.test(request.failure()?.errorText ?? '')) return;
    const at = requests.lastIndexOf(request.url());
    if (at >= 0) requests.splice(at, 1);
    blocked.push(request.url());
  });
  const watch = (page: Page) => {
    page.on('console', (message) => {
      const text = message.text();
      if (message.type() === 'error' || /Content Security Policy/i.test(text)) problems.push(text);
    });
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  };
  browser.context.pages().forEach(watch);
  browser.context.on('page', watch);
  return {
    browser,
    server,
    requests,
    blocked,
    problems,
    async open(path = '') {
      const page = browser.context.pages()[0] ?? (await browser.context.newPage());
      await page.goto(server.url + path);
      await page.locator('[data-ready="true"]').waitFor();
      return page;
    },
    async fresh(path = '') {
      // A test that failed offline must not leave the next one offline.
      await browser.context.setOffline(false);
      const [first, ...others] = browser.context.pages();
      for (const other of others) await other.close();
      const page = first ?? (await browser.context.newPage());
      await page.goto('about:blank');
      const cdp = await browser.context.newCDPSession(page);
      await cdp.send('Storage.clearDataForOrigin', {
        origin: server.url.replace(/\/$/, ''),
        storageTypes: 'all',
      });
      await cdp.detach();
      await page.goto(server.url + path);
      await page.locator('[data-ready="true"]').waitFor();
      return page;
    },
    async close() {
      await browser.close();
      await server.close();
      // Every browser test also checks that nothing left the device.
      const foreign = foreignRequests(requests);
      if (foreign.length) throw new Error(`Requests left the origin: ${foreign.slice(0, 5).join(', ')}`);
    },
  };
}

/** Requests that left 127.0.0.1 (data: and blob: URLs stay on the device). */
export function foreignRequests(requests: string[]): string[] {
  return requests.filter((url) => {
    if (url.startsWith('data:') || url.startsWith('blob:')) return false;
    return new URL(url).hostname !== '127.0.0.1';
  });
}

export interface SessionOptions {
  /** Extra Chromium flags (WebGPU on SwiftShader, say). */
  flags?: string[];
  /** Runs once the browser is up, before the first page opens (init scripts, permissions). */
  setUp?: (session: Session) => Promise<void>;
}

/**
 * The browser-test file's session: one server and one browser for the file, and before every test a known
 * state (`fresh`: storage cleared, the app opened as on a first run). No test depends on what the test
 * before it did, and a failing test leaves nothing behind for its neighbours. The returned object's `page`
 * is the current test's page; a test that closes it (to reopen the app) sets it again with `reopen`.
 */
export function useSession(options: SessionOptions = {}) {
  let session: Session | undefined;
  const current = {
    get session(): Session {
      if (!session) throw new Error('The browser session is not started (useSession runs in beforeAll).');
      return session;
    },
    page: undefined as unknown as Page,
    /** Opens the app again in the same profile, as after a tab was closed. */
    async reopen(path = ''): Promise<Page> {
      current.page = await current.session.open(path);
      return current.page;
    },
  };
  beforeAll(async () => {
    session = await startSession(options.flags);
    await options.setUp?.(session);
  });
  beforeEach(async () => {
    current.page = await current.session.fresh();
  });
  afterAll(async () => {
    await session?.close();
  });
  return current;
}
