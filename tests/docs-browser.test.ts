/**
 * The reference docs as a reader meets them: the site built by the docs build in this process,
 * opened straight from disk (file://) in one Chromium, each page in its own tab, the tabs side by
 * side. Every operation is reached and shown with its code sample; the index links every API, its
 * versions and its changes page; a changes page marks breaking changes and leads to its version's
 * page, which renders (versions from a throwaway three-version repository, tests/support/history.ts).
 * Nothing leaves the machine; nothing logs an error. No fixed waits: every wait is for something
 * to appear. Set DOCS_SCREENSHOTS_DIR to keep a full-page screenshot of every page looked at.
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, type ExpectStatic } from 'vitest';
import { pascalCase } from '../scripts/codegen/client.ts';
import { buildDocs, docsDir, writeDocs } from '../scripts/lib/docs/build.ts';
import { provenanceBadgeClass, withProvenanceBadges } from '../scripts/lib/docs/provenance-badges.ts';
import { repositoryOf } from '../scripts/lib/docs/versions.ts';
import { listOperations, type OpenApiDocument, type Operation } from '../scripts/lib/openapi.ts';
import { projectRoot, type ApiEntry } from '../scripts/lib/registry.ts';
import { apis, loadApi } from './support/apis.ts';
import { fullPageScreenshot, guardedPage, launchChromium, type GuardedPage } from './support/browser.ts';
import { createVersionedRepo, type VersionedRepo } from './support/history.ts';

const screenshotsDir = process.env.DOCS_SCREENSHOTS_DIR ? resolve(process.env.DOCS_SCREENSHOTS_DIR) : undefined;
/** 10 s, and 10 s more per MiB of the largest page: a multi-megabyte reference takes Redoc longer to draw. */
// Read when a wait starts (the pages are built by then), not when this module loads.
const visible = {
  state: 'visible' as const,
  get timeout(): number {
    return (
      10_000 + Math.ceil(Math.max(0, ...apis.map((api) => (existsSync(api.docsFile) ? statSync(api.docsFile).size : 0))) / 1048576) * 10_000
    );
  },
};

let browser: Browser;
let history: VersionedRepo;
let siteDir: string;
/** The version pages the site holds, per API: every released version, and the working tree's. */
let versionPages: Map<string, string[]>;

beforeAll(async () => {
  // Chromium starts while the sites build; without a browser the suite fails with the install hint.
  const launching = launchChromium();
  launching.catch(() => undefined);
  history = createVersionedRepo();
  const [site, versioned] = await Promise.all([
    buildDocs(apis, { repo: repositoryOf(projectRoot) }),
    buildDocs([history.api], { repo: history.repo }),
  ]);
  writeDocs(site);
  writeDocs(versioned);
  siteDir = docsDir(apis);
  versionPages = new Map(
    apis.map((api) => [
      api.name,
      site.filter((file) => file.kind === 'version' && file.api === api).map((file) => relative(siteDir, file.path).split('\\').join('/')),
    ]),
  );
  if (screenshotsDir) mkdirSync(screenshotsDir, { recursive: true });
  browser = await launching;
}, 60_000);

afterAll(async () => {
  await browser?.close();
  history?.remove();
});

const fileUrl = (path: string): string => pathToFileURL(path).href;

function exactly(text: string): RegExp {
  return new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
}

/** Opens `path` from disk in a fresh guarded tab, runs `look`, then checks the tab stayed clean. */
async function inTab(expect: ExpectStatic, path: string, screenshot: string, look: (page: Page) => Promise<void>): Promise<void> {
  const guarded = await guardedPage(browser, 'file://');
  try {
    await guarded.page.goto(fileUrl(path), { waitUntil: 'load' });
    await look(guarded.page);
    if (screenshotsDir) await fullPageScreenshot(guarded.page, join(screenshotsDir, `${screenshot}.png`));
    expectClean(expect, guarded);
  } finally {
    await guarded.close();
  }
}

/** No request off the machine, no console error, no uncaught page error. */
function expectClean(expect: ExpectStatic, guarded: GuardedPage): void {
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
async function expectOperationShown(expect: ExpectStatic, page: Page, operation: Operation, api: ApiEntry): Promise<void> {
  const summary = operation.operation.summary ?? operation.operationId;
  await openFromSidebar(page, summary, operation.operation.tags ?? []);
  const heading = page
    .locator('main')
    .locator('h1, h2, h3')
    .filter({ hasText: exactly(summary) })
    .first();
  await heading.waitFor(visible);
  // The sample sits in the operation's own section, in the request panel.
  const section = heading.locator('xpath=ancestor::*[@data-section-id][1]');
  await section
    .getByText(`create${pascalCase(api.name)}Client`)
    .first()
    .waitFor(visible);
  expect(await section.getByText(`client.${operation.method.toUpperCase()}`).first().isVisible(), `${summary}: the sample's call`).toBe(
    true,
  );
}

/** Waits for Redoc to draw the page: the API's title as the main heading, its version beside it. */
async function expectRedocPage(page: Page, document: OpenApiDocument): Promise<void> {
  const heading = page.locator('main h1').filter({ hasText: document.info.title }).first();
  await heading.waitFor(visible);
  await page.locator('main').getByText(document.info.version).first().waitFor(visible);
}

describe('reference docs in Chromium', () => {
  it('fails, never skips, without a browser, saying how to install one', async () => {
    await expect(launchChromium('/nonexistent/chromium')).rejects.toThrow(
      'Chromium not found at /nonexistent/chromium: apt-get install -y chromium',
    );
  });
});

describe.concurrent('reference docs in Chromium, one tab per page', () => {
  it('catches, blocks and reports a page that reaches off the machine', async ({ expect }) => {
    const guarded = await guardedPage(browser, 'file://');
    try {
      // A reserved name that never resolves; the guard aborts the request before any lookup anyway.
      await guarded.page.setContent('<img src="https://offline-check.invalid/pixel.png">', { waitUntil: 'load' });
      expect(guarded.outsideRequests).toEqual(['GET https://offline-check.invalid/pixel.png']);
      expect(guarded.consoleErrors.length).toBeGreaterThan(0);
    } finally {
      await guarded.close();
    }
  });

  it('lists every API of the registry on the index, linking its page, its versions and its changes', async ({ expect }) => {
    await inTab(expect, join(siteDir, 'index.html'), 'index', async (page) => {
      const hrefs = await page.locator('main a[href]').evaluateAll((links) => links.map((link) => link.getAttribute('href')!));
      for (const api of apis) {
        const { document, operations } = loadApi(api);
        const link = page.locator(`a[href="${api.name}.html"]`).first();
        expect(await link.isVisible(), `${api.name}: link`).toBe(true);
        expect(await link.innerText()).toContain(document.info.title);
        const section = page.locator('section.api').filter({ has: link });
        expect(await section.innerText()).toContain(document.info.version);
        for (const operation of operations)
          expect(await section.getByText(operation.operation.summary!, { exact: false }).first().isVisible()).toBe(true);
        expect(await section.locator(`a[href="${api.name}/${document.info.version}.html"]`).isVisible(), `${api.name}: version link`).toBe(
          true,
        );
        expect(await section.locator(`a[href="${api.name}/changes.html"]`).isVisible(), `${api.name}: changes link`).toBe(true);
      }
      expect(new Set(hrefs)).toEqual(
        new Set(apis.flatMap((api) => [`${api.name}.html`, ...versionPages.get(api.name)!, `${api.name}/changes.html`])),
      );
      for (const api of apis)
        expect(versionPages.get(api.name), `${api.name}: the current version has a page`).toContain(
          `${api.name}/${loadApi(api).document.info.version}.html`,
        );
      // Every link leads to a page the site has.
      for (const href of hrefs) expect(existsSync(join(siteDir, href)), href).toBe(true);
    });
  });

  // One tab per API for both looks: Redoc draws the page once, then every operation is opened and
  // its badges looked at.
  it.for(apis)(
    'renders every operation of $name with its TypeScript sample and its "inferred" badges drawn, not as text, offline',
    { timeout: 45_000 },
    async (api, { expect }) => {
      const { document, operations } = loadApi(api);
      // Badges the build puts on the page: every inferred operation, parameter, response and field.
      const injected = JSON.stringify(withProvenanceBadges(document)).split(provenanceBadgeClass).length - 1;
      expect(injected, 'the spec marks inferred facts, so the page must badge some').toBeGreaterThan(0);
      await inTab(expect, api.docsFile, api.name, async (page) => {
        await expectRedocPage(page, document);
        let shown = 0;
        let seen = 0;
        for (const tagged of byTag(document).values()) {
          for (const operation of tagged) {
            await expectOperationShown(expect, page, operation, api);
            shown += 1;
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
        expect(shown).toBe(operations.length);
        expect(seen, 'badges drawn on the page').toBeGreaterThan(0);
        expect(await page.locator('main').innerText(), 'badge markup shown as text').not.toContain(provenanceBadgeClass);
      });
    },
  );

  it('renders each API’s changes page, leading to its version page', async ({ expect }) => {
    for (const api of apis) {
      const { document } = loadApi(api);
      await inTab(expect, join(siteDir, api.name, 'changes.html'), `${api.name}.changes`, async (page) => {
        await page.getByRole('heading', { level: 1, name: `${document.info.title}: changes` }).waitFor(visible);
        const versionLink = page.locator('main h2 a').first();
        expect(await versionLink.innerText()).toBe(document.info.version);
        expect(await versionLink.getAttribute('href')).toBe(`${document.info.version}.html`);
      });
    }
  });

  it('marks breaking changes on a changes page, and its version link opens that version, drawn by Redoc', async ({ expect }) => {
    await inTab(expect, join(history.siteDir, 'ledger', 'changes.html'), 'history.changes', async (page) => {
      const newest = page.locator('section.version').first();
      await newest.waitFor(visible);
      expect(await newest.locator('h2').innerText()).toMatch(/^2\.0\.0\s+since 1\.1\.0$/);
      const breaking = newest.locator('tr.change.breaking');
      expect(await breaking.count()).toBeGreaterThan(0);
      expect(await breaking.first().locator('.badge').innerText()).toBe('Breaking');
      expect(await breaking.first().innerText()).toContain('status');
      const minor = page.locator('section.version', { has: page.locator('h2 a', { hasText: '1.1.0' }) });
      expect(await minor.locator('tr.change').count()).toBeGreaterThan(0);
      expect(await minor.locator('tr.change.breaking').count()).toBe(0);
      // Reading on: the version's own page, with the operation as that version had it.
      await minor.locator('h2 a').click();
      await page.waitForURL(/\/ledger\/1\.1\.0\.html$/);
      await expectRedocPage(page, { openapi: '3.1.0', info: { title: 'Ledger', version: '1.1.0' }, paths: {} });
      await openFromSidebar(page, 'Get an entry', ['Entries']);
      await page.locator('main').getByText(history.rewording).first().waitFor(visible);
    });
  });
});
