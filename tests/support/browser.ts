/**
 * Debian's Chromium driven by playwright-core, with pages that may talk to one origin only: every
 * other request is aborted and recorded, and so is every console error and page error.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const chromiumPath = '/usr/bin/chromium';

/** Flags that keep the browser itself from calling home, so any request seen comes from the page. */
const quietFlags = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Launches Chromium, or fails saying how to install it: a browser test never skips. */
export async function launchChromium(executablePath = chromiumPath): Promise<Browser> {
  if (!existsSync(executablePath)) throw new Error(`Chromium not found at ${executablePath}: apt-get install -y chromium`);
  return chromium.launch({ executablePath, args: quietFlags });
}

export interface GuardedPage {
  readonly page: Page;
  readonly context: BrowserContext;
  /** Requests the page tried to send anywhere but the allowed origin (all aborted). */
  readonly outsideRequests: string[];
  readonly consoleErrors: string[];
  readonly pageErrors: string[];
  close(): Promise<void>;
}

/**
 * A fresh page (own context, no service workers) that may reach `allowed` (an origin such as
 * `http://127.0.0.1:1234`, or `file://`) and nothing else.
 */
export async function guardedPage(browser: Browser, allowed: string, viewport = { width: 1280, height: 900 }): Promise<GuardedPage> {
  const context = await browser.newContext({ viewport, serviceWorkers: 'block' });
  const outsideRequests: string[] = [];
  const consoleErrors: string[] = [];
  const pageErrors: string[] = [];
  const isAllowed = (url: string) => url.startsWith(allowed) || url.startsWith('data:') || url.startsWith('blob:');
  // Every request the page makes is reported here, routed or not (pre-connects, sockets)…
  context.on('request', (request) => {
    if (!isAllowed(request.url())) outsideRequests.push(`${request.method()} ${request.url()}`);
  });
  // …and none but the allowed ones leaves the browser.
  await context.route('**/*', (route) => (isAllowed(route.request().url()) ? route.continue() : route.abort('blockedbyclient')));
  const page = await context.newPage();
  page.on('websocket', (socket) => {
    if (!isAllowed(socket.url())) outsideRequests.push(`WEBSOCKET ${socket.url()}`);
  });
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return { page, context, outsideRequests, consoleErrors, pageErrors, close: () => context.close() };
}

/**
 * A full-page screenshot of everything the page holds. Redoc marks sections
 * `content-visibility: auto`, which Chromium leaves unpainted off-screen, so a plain full-page
 * capture shows blanks below the fold; painting them is forced first.
 */
export async function fullPageScreenshot(page: Page, path: string): Promise<void> {
  await page.addStyleTag({ content: '* { content-visibility: visible !important; }' });
  await page.screenshot({ path, fullPage: true });
}
