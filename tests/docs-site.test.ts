/**
 * The versioned docs site, built from git history: a page per released version, each from the
 * newest commit that held the version, and a changes page per API listing what the breaking-change
 * checker finds between consecutive versions, breaking changes marked. Uses a throwaway repository
 * with three versions (tests/support/history.ts), and the project's own repository.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleSpec } from '../scripts/lib/bundle.ts';
import { changesBetween } from '../scripts/lib/docs/diff-adapter.ts';
import { buildDocs, docsDir, type DocsFile } from '../scripts/lib/docs/build.ts';
import { releasesOf, repositoryOf } from '../scripts/lib/docs/versions.ts';
import { UserError } from '../scripts/lib/errors.ts';
import type { OpenApiDocument } from '../scripts/lib/openapi.ts';
import { projectRoot } from '../scripts/lib/registry.ts';
import { apis, loadApi } from './support/apis.ts';
import { createVersionedRepo, rootFileAt, type VersionedRepo } from './support/history.ts';

let history: VersionedRepo;
let site: DocsFile[];

beforeAll(async () => {
  history = createVersionedRepo();
  site = await buildDocs([history.api], { repo: history.repo });
}, 30_000);

afterAll(() => history?.remove());

/** The description a Redoc page embeds, read back out of its inline script. */
function embedded(html: string): OpenApiDocument {
  const match = /const __redoc_definition = (.*);\n/.exec(html);
  if (!match) throw new Error('no description in the page');
  return JSON.parse(match[1]!) as OpenApiDocument;
}

/** The one operation of the throwaway API, as a document holds it. */
function entriesGet(document: OpenApiDocument): { description?: string; parameters?: unknown[] } {
  return (document.paths['/v1/entries/{entryId}']?.get ?? {}) as { description?: string; parameters?: unknown[] };
}

const page = (path: string) => site.find((file) => file.path === join(history.siteDir, path));

describe('versions from git history', () => {
  it('finds every info.version the root file held, oldest first, each at its newest commit', async () => {
    const current = await bundleSpec(history.api.root);
    const releases = await releasesOf(history.api, current, history.repo);
    expect(releases.map((release) => [release.version, release.released])).toEqual([
      ['1.0.0', true],
      ['1.1.0', true],
      ['2.0.0', true],
    ]);
    // 1.1.0 comes from its second commit, the reworded one; 2.0.0 is the working tree.
    expect(entriesGet(releases[1]!.document).description).toBe(history.rewording);
    expect(entriesGet(releases[0]!.document).parameters).toHaveLength(1);
    expect(releases[2]!.commit).toBeUndefined();
  });

  it('adds a version only the working tree has, as not yet released', async () => {
    history.write('openapi/ledger/openapi.yaml', rootFileAt('2.1.0'));
    try {
      const releases = await releasesOf(history.api, await bundleSpec(history.api.root), history.repo);
      expect(releases.map((release) => [release.version, release.released])).toEqual([
        ['1.0.0', true],
        ['1.1.0', true],
        ['2.0.0', true],
        ['2.1.0', false],
      ]);
    } finally {
      history.git('checkout', '--', '.');
    }
  });

  it('finds the released versions of every API of this repository', async () => {
    const repo = repositoryOf(projectRoot);
    expect(repo).toBeDefined();
    for (const api of apis) {
      const { document } = loadApi(api);
      const releases = await releasesOf(api, document, repo);
      expect(releases.length, api.name).toBeGreaterThan(0);
      expect(releases.at(-1)!.version).toBe(document.info.version);
    }
  });
});

describe('the versioned site', () => {
  it('writes the current page, one page per version, a changes page and the index', () => {
    expect(docsDir([history.api])).toBe(history.siteDir);
    expect(site.map((file) => [file.path.slice(history.siteDir.length + 1), file.kind])).toEqual([
      ['ledger.html', 'reference'],
      ['ledger/1.0.0.html', 'version'],
      ['ledger/1.1.0.html', 'version'],
      ['ledger/2.0.0.html', 'version'],
      ['ledger/changes.html', 'changes'],
      ['index.html', 'index'],
    ]);
  });

  it('embeds each version as it was released', () => {
    for (const version of ['1.0.0', '1.1.0', '2.0.0']) {
      const document = embedded(page(`ledger/${version}.html`)!.content);
      expect(document.info.version).toBe(version);
      expect(page(`ledger/${version}.html`)!.content).toContain(`<title>Ledger ${version}</title>`);
    }
    expect(entriesGet(embedded(page('ledger/1.0.0.html')!.content)).description).toBe('Returns one entry.');
  });

  it('lists on the changes page what the diff checker finds between consecutive versions, breaking ones marked', async () => {
    const changes = page('ledger/changes.html')!.content;
    const releases = await releasesOf(history.api, await bundleSpec(history.api.root), history.repo);
    const [v1, v11, v2] = releases.map((release) => release.document);
    const minor = changesBetween(v1!, v11!);
    const major = changesBetween(v11!, v2!);
    expect(minor.length).toBeGreaterThan(0);
    expect(minor.every((change) => !change.breaking)).toBe(true);
    expect(major.some((change) => change.breaking)).toBe(true);
    const section = (version: string) =>
      changes.slice(changes.indexOf(`id="v${version}"`), changes.indexOf('</section>', changes.indexOf(`id="v${version}"`)));
    expect(section('2.0.0')).toContain('since 1.1.0');
    expect(section('2.0.0').match(/<tr class="change breaking">/g)).toHaveLength(major.filter((change) => change.breaking).length);
    expect(section('1.1.0').match(/<tr class="change">/g)).toHaveLength(minor.length);
    expect(section('1.1.0')).not.toContain('breaking">');
    expect(section('1.0.0')).toContain('The first version.');
    for (const change of [...minor, ...major]) expect(changes).toContain(change.kind);
    // Newest first, each heading linking its version's page.
    expect(changes.indexOf('id="v2.0.0"')).toBeLessThan(changes.indexOf('id="v1.0.0"'));
    expect(section('2.0.0')).toContain('<a href="2.0.0.html">2.0.0</a>');
  });

  it('links every version and the changes page from the index', () => {
    const index = page('index.html')!.content;
    for (const version of ['1.0.0', '1.1.0', '2.0.0']) expect(index).toContain(`<a href="ledger/${version}.html">${version}</a>`);
    expect(index).toContain('<a href="ledger/changes.html">Changes</a>');
  });

  it('refuses a version that cannot name a file, saying which API and field', async () => {
    history.write('openapi/ledger/openapi.yaml', rootFileAt('../../escape'));
    try {
      const failure = buildDocs([history.api], { repo: history.repo });
      await expect(failure).rejects.toThrow(UserError);
      await expect(failure).rejects.toThrow('ledger: info.version "../../escape" cannot name a docs page');
    } finally {
      history.git('checkout', '--', '.');
    }
  });
});
