/**
 * Issue 13, item 15: HTML a description smuggles into a docs page cannot run script. The page's
 * CSP admits its one inline script by SHA-256 and nothing else ('unsafe-inline' would also admit
 * inline event handlers such as `onerror=`); the browser test proves it on a scratch page.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderApiPage } from '../scripts/lib/docs/api-page.ts';
import { buildDocs, type DocsFile } from '../scripts/lib/docs/build.ts';
import { loadRedocScript } from '../scripts/lib/docs/redoc-script.ts';
import type { OpenApiDocument } from '../scripts/lib/openapi.ts';
import { apis } from './support/apis.ts';
import { guardedPage, launchChromium } from './support/browser.ts';

function policyOf(html: string): Map<string, string[]> {
  const content = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1];
  if (content === undefined) throw new Error('no CSP meta element');
  return new Map(
    content
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .map(([name, ...values]) => [name!, values]),
  );
}

function inlineScripts(html: string): string[] {
  return [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((match) => match[1]!);
}

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

describe('docs page policy', () => {
  let files: DocsFile[];

  beforeAll(async () => {
    files = await buildDocs(apis);
  }, 30_000);

  it('admits exactly the inline scripts of each page, by hash, and never unsafe-inline', () => {
    for (const file of files) {
      const scriptSrc = policyOf(file.content).get('script-src');
      const scripts = inlineScripts(file.content);
      expect(scriptSrc, file.path).not.toContain("'unsafe-inline'");
      expect(scriptSrc, file.path).not.toContain("'unsafe-eval'");
      expect(scriptSrc, file.path).toEqual(scripts.length === 0 ? ["'none'"] : scripts.map(sha256));
      // Redoc pages (the current reference and each version) carry its script; index and changes pages none.
      expect(scripts.length, file.path).toBe(file.kind === 'reference' || file.kind === 'version' ? 1 : 0);
    }
  });
});

describe('HTML injected through a description, in Chromium', () => {
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    browser = await launchChromium();
    dir = mkdtempSync(join(tmpdir(), 'docs-csp-'));
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('renders the page but runs no script that a description smuggles in', async () => {
    const document: OpenApiDocument = {
      openapi: '3.1.0',
      info: {
        title: 'Injected',
        version: '1.0.0',
        // Redoc strips event handlers and <script>, but keeps an iframe's srcdoc: that document
        // inherits the page's CSP and origin, so under 'unsafe-inline' its script runs as the page.
        description:
          'Reference.\n\n<iframe id="smuggled" srcdoc="<script>parent.__injected = true; parent.document.title = \'pwned\'</script>"></iframe>\n',
      },
      paths: {},
    };
    const file = join(dir, 'injected.html');
    writeFileSync(file, renderApiPage(document, loadRedocScript()));
    const guarded = await guardedPage(browser, pathToFileURL(file).href);
    try {
      await guarded.page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      await guarded.page.locator('main h1').filter({ hasText: 'Injected' }).first().waitFor({ state: 'visible', timeout: 15_000 });
      // Redoc drew the description, so the iframe is in the page: its script is what the CSP stops.
      await guarded.page.locator('iframe#smuggled').waitFor({ state: 'attached', timeout: 5_000 });
      // Once the iframe's document has loaded, its inline script has run or been refused: no fixed wait.
      const frame = await (await guarded.page.locator('iframe#smuggled').elementHandle())?.contentFrame();
      expect(frame, 'the smuggled iframe has a document').toBeTruthy();
      await frame!.waitForLoadState('load', { timeout: 5_000 });
      expect(await guarded.page.evaluate(() => (window as { __injected?: boolean }).__injected)).toBeUndefined();
      expect(await guarded.page.title()).not.toBe('pwned');
      expect(guarded.outsideRequests).toEqual([]);
    } finally {
      await guarded.close();
    }
  }, 45_000);
});
