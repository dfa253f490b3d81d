/**
 * The reference docs as a reader meets them: built by the docs build in this process, served from
 * a local static server, opened in Chromium. Every operation is reached and shown with its code
 * sample; nothing leaves the machine; nothing logs an error. Full-page screenshots land in
 * tests/.screenshots/ for a person to look at.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pascalCase } from '../scripts/codegen/client.ts';
import { buildDocs, docsDir, writeDocs } from '../scripts/lib/docs/build.ts';
import { provenanceBadgeClass, withProvenanceBadges } from '../scripts/lib/docs/provenance-badges.ts';
import { listOperations, type OpenApiDocument, type Operation } from '../scripts/lib/openapi.ts';
import { projectRoot, type ApiEntry } from '../scripts/lib/registry.ts';
import { serveDirectory, type StaticServer } from '../scripts/lib/static-server.ts';
import { apis, loadApi } from './support/apis.ts';
import { fullPageScreenshot, guardedPage, launchChromium, scrollThrough, type GuardedPage } from './support/browser.ts';

const screenshotsDir = join(projectRoot, 'tests', '.screenshots');
const visible = { state: 'visible', timeout: 10_000 } as const;

let browser: Browser;
let server: StaticServer;

beforeAll(async () => {
  // Launch first: without a browser the suite fails at once with the install hint.
  browser = await launchChromium();
  writeDocs(await buildDocs(apis));
  server = await serveDirectory(docsDir(apis), 0);
  mkdirSync(screenshotsDir, { recursive: true });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

function exactly(text: string): RegExp {
  return new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
}

/** No request off the machine, no console error, no uncaught page error. */
function expectClean(guarded: GuardedPage): void {
  expect(guarded.outsideRequests, 'requests that left the machine').toEqual([]);
  expect(guarded.consoleErrors, 'console errors').toEqual([]);
  expect(guarded.pageErrors, 'page errors').toEqual([]);
}

/** Opens an operation from the sidebar, as a reader would, expanding its tag group when needed. */
async function openFromSidebar(page: Page, summary: string, tags: readonly string[]): Promise<void> {
  const sidebar = page.locator('.menu-content');
  const entry = sidebar.getByText(summary, { exact: true }).first();
  if (!(await entry.isVisible())) {
    for (const tag of tags) {
      const group = sidebar.getByText(tag, { exact: true }).first();
      if (await group.isVisible()) await group.click();
      if (await entry.isVisible()) break;
    }
  }
  await entry.waitFor(visible);
  await entry.click();
}

/** Operations grouped by their first tag, in document order: Redoc 3 expands one tag at a time. */
function byTag(document: OpenApiDocument): Map<string, Operation[]> {
  const groups = new Map<string, Operation[]>();
  for (const operation of listOperations(document)) {
    const tag = operation.operation.tags?.[0] ?? '';
    groups.set(tag, [...(groups.get(tag) ?? []), operation]);
  }
  return groups;
}

/** Opens the operation and waits for its heading and its generated TypeScript sample. */
async function expectOperationShown(page: Page, operation: Operation, api: ApiEntry): Promise<void> {
  const summary = operation.operation.summary ?? operation.operationId;
  await openFromSidebar(page, summary, operation.operation.tags ?? []);
  const heading = page.locator('main').locator('h1, h2, h3').filter({ hasText: exactly(summary) }).first();
  await heading.waitFor(visible);
  // The sample sits in the operation's own section, in the request panel.
  const section = heading.locator('xpath=ancestor::*[@data-section-id][1]');
  await section.getByText(`create${pascalCase(api.name)}Client`).first().waitFor(visible);
  expect(await section.getByText(`client.${operation.method.toUpperCase()}`).first().isVisible(), `${summary}: the sample's call`).toBe(true);
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'untagged';
}

describe('reference docs in Chromium', () => {
  it('fails, never skips, without a browser, saying how to install one', async () => {
    await expect(launchChromium('/nonexistent/chromium')).rejects.toThrow('Chromium not found at /nonexistent/chromium: apt-get install -y chromium');
  });

  it('catches, blocks and reports a page that reaches off the machine', async () => {
    const guarded = await guardedPage(browser, server.url.replace(/\/$/, ''));
    try {
      // A reserved name that never resolves; the guard aborts the request before any lookup anyway.
      await guarded.page.setContent('<img src="https://offline-check.invalid/pixel.png">', { waitUntil: 'load' });
      expect(guarded.outsideRequests).toEqual(['GET https://offline-check.invalid/pixel.png']);
      expect(guarded.consoleErrors.length).toBeGreaterThan(0);
    } finally {
      await guarded.close();
    }
  });

  it('lists and links every API of the registry on the index', async () => {
    const guarded = await guardedPage(browser, server.url.replace(/\/$/, ''));
    try {
      const { page } = guarded;
      await page.goto(server.url, { waitUntil: 'load' });
      const hrefs = await page.locator('main a[href]').evaluateAll((links) => links.map((link) => link.getAttribute('href')));
      for (const api of apis) {
        const { document, operations } = loadApi(api);
        const link = page.locator(`a[href="${api.name}.html"]`).first();
        expect(await link.isVisible(), `${api.name}: link`).toBe(true);
        expect(await link.innerText()).toContain(document.info.title);
        const section = page.locator('section.api').filter({ has: link });
        expect(await section.innerText()).toContain(document.info.version);
        for (const operation of operations) expect(await section.getByText(operation.operation.summary!, { exact: false }).first().isVisible()).toBe(true);
        // The link leads to a page the server has.
        const response = await fetch(new URL(`${api.name}.html`, server.url), { method: 'HEAD' });
        expect(response.status, `${api.name}.html`).toBe(200);
        expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      }
      expect(new Set(hrefs)).toEqual(new Set(apis.map((api) => `${api.name}.html`)));
      await fullPageScreenshot(page, join(screenshotsDir, 'index.png'));
      expectClean(guarded);
    } finally {
      await guarded.close();
    }
  });

  it.each(apis.map((api) => [api.name, api] as const))('renders every operation of %s with its TypeScript sample, offline', async (_name, api) => {
    const { document, operations } = loadApi(api);
    const guarded = await guardedPage(browser, server.url.replace(/\/$/, ''));
    try {
      const { page } = guarded;
      await page.goto(new URL(`${api.name}.html`, server.url).href, { waitUntil: 'load' });
      await page.locator('main h1').filter({ hasText: document.info.title }).first().waitFor(visible);
      let shown = 0;
      for (const [tag, tagged] of byTag(document)) {
        for (const operation of tagged) {
          await expectOperationShown(page, operation, api);
          shown += 1;
        }
        // One full-page screenshot per tag, with its operations expanded and every lazy part drawn.
        await scrollThrough(page);
        await fullPageScreenshot(page, join(screenshotsDir, `${api.name}.${slug(tag)}.png`));
      }
      expect(shown).toBe(operations.length);
      expectClean(guarded);
    } finally {
      await guarded.close();
    }
  }, 45_000);

  it.each(apis.map((api) => [api.name, api] as const))('shows the "inferred" badge of %s, drawn, not as text', async (_name, api) => {
    const { document } = loadApi(api);
    // Badges the build puts on the page: every inferred operation, parameter, response and field.
    const injected = JSON.stringify(withProvenanceBadges(document)).split(provenanceBadgeClass).length - 1;
    expect(injected, 'the spec marks inferred facts, so the page must badge some').toBeGreaterThan(0);
    const guarded = await guardedPage(browser, server.url.replace(/\/$/, ''));
    try {
      const { page } = guarded;
      await page.goto(new URL(`${api.name}.html`, server.url).href, { waitUntil: 'load' });
      await page.locator('main h1').filter({ hasText: document.info.title }).first().waitFor(visible);
      let seen = 0;
      for (const [, tagged] of byTag(document)) {
        for (const operation of tagged) {
          await expectOperationShown(page, operation, api);
          const badges = page.locator(`main .${provenanceBadgeClass}`);
          seen = Math.max(seen, await badges.count());
          if ((await badges.count()) === 0) continue;
          const first = badges.first();
          await first.scrollIntoViewIfNeeded();
          expect(await first.isVisible()).toBe(true);
          expect((await first.innerText()).trim().toLowerCase()).toBe('inferred');
          expect(await first.getAttribute('title')).toMatch(/^Inferred: \S/);
        }
      }
      expect(seen, 'badges drawn on the page').toBeGreaterThan(0);
      expect(await page.locator('main').innerText(), 'badge markup shown as text').not.toContain(provenanceBadgeClass);
      expectClean(guarded);
    } finally {
      await guarded.close();
    }
  }, 45_000);

  it('renders a page opened straight from disk, with no request at all', async () => {
    const api = apis[0]!;
    const { document } = loadApi(api);
    const guarded = await guardedPage(browser, pathToFileURL(api.docsFile).href);
    try {
      await guarded.page.goto(pathToFileURL(api.docsFile).href, { waitUntil: 'load' });
      await guarded.page.locator('main h1').filter({ hasText: document.info.title }).first().waitFor(visible);
      expectClean(guarded);
    } finally {
      await guarded.close();
    }
  });
});
