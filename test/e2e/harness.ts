import type { Page } from 'playwright-core';
import { launch, type Browser } from './chromium.ts';
import { serveBuild, type StaticServer } from './static-server.ts';

export interface Session {
  browser: Browser;
  server: StaticServer;
  /** Every URL the browser requested, from the page, its workers and the service worker. */
  requests: string[];
  /** Console errors and CSP violations seen in any page or worker. */
  problems: string[];
  open(path?: string): Promise<Page>;
  close(): Promise<void>;
}

/** A fresh build server and a fresh browser profile, recording every request and console problem. */
export async function startSession(flags: string[] = []): Promise<Session> {
  const server = await serveBuild();
  const browser = await launch(flags);
  const requests: string[] = [];
  const problems: string[] = [];
  browser.context.on('request', (request) => requests.push(request.url()));
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
