import type { Page } from 'playwright-core';
import { launch, type Browser } from './chromium.ts';
import { serveBuild, type StaticServer } from './static-server.ts';

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
  /** Closes the browser and the server; throws if any request left 127.0.0.1 during the session. */
  close(): Promise<void>;
}

/** A fresh build server and a fresh browser profile, recording every request and console problem. */
export async function startSession(flags: string[] = []): Promise<Session> {
  const server = await serveBuild();
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
