/**
 * `npm run docs` in memory: bundle every API in process, add the generated code samples, and
 * assemble the site — one reference page per API (the working tree), one per released version,
 * a changes page per API, and the index. Writing is separate, so a test can build exactly what the
 * command ships.
 *
 *   <dir>/index.html              every API, its versions and its changes page
 *   <dir>/<api>.html              the current reference
 *   <dir>/<api>/<version>.html    the reference of each version
 *   <dir>/<api>/changes.html      what changed from version to version, breaking changes marked
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parse } from 'yaml';
import { codeSamples, sampleLanguage, withCodeSamples } from '../code-samples.ts';
import { UserError } from '../errors.ts';
import { writeFileAtomic } from '../fs-atomic.ts';
import type { OpenApiDocument } from '../openapi.ts';
import { registryFile, type ApiEntry } from '../registry.ts';
import { renderApiPage, type RedocOptions } from './api-page.ts';
import { bundleApis, type BuiltApi } from '../bundle.ts';
import { renderChangesPage, type VersionChanges } from './changes-page.ts';
import { changesBetween } from './diff-adapter.ts';
import { renderIndexPage } from './index-page.ts';
import { withProvenanceBadges } from './provenance-badges.ts';
import { loadRedocScript, type RedocScript } from './redoc-script.ts';
import { releasesOf, workingTreeOnly, type Release } from './versions.ts';

export type DocsPageKind = 'index' | 'reference' | 'version' | 'changes';

export interface DocsFile {
  readonly path: string;
  readonly content: string;
  readonly kind: DocsPageKind;
  /** The API a page documents; none for the index. */
  readonly api?: ApiEntry;
  /** The version a `version` page documents. */
  readonly version?: string;
}

/** An API's bundle with its versions, oldest first (the working tree's among them; alone when not given). */
export interface DocumentedApi extends BuiltApi {
  readonly releases?: readonly Release[];
}

/** The folder the pages share: the index sits beside them. */
export function docsDir(apis: readonly ApiEntry[]): string {
  const dirs = new Set(apis.map((api) => dirname(api.docsFile)));
  const [dir] = dirs;
  if (dir === undefined || dirs.size > 1) throw new Error(`expected every docs page in one folder, got ${[...dirs].join(', ')}`);
  return dir;
}

function optionsAt(value: unknown, field: string): RedocOptions {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new UserError(`redocly.yaml: ${field}: expected a mapping of Redoc options`);
  return value as RedocOptions;
}

/**
 * Redoc 3 shows an operation's `x-codeSamples` only in the languages this option lists (a sample's
 * key is its label in lower case); `payload` keeps the request body example beside them.
 */
export const defaultRedocOptions: RedocOptions = {
  codeSamples: {
    languages: [
      { key: sampleLanguage.toLowerCase(), label: sampleLanguage, lang: sampleLanguage.toLowerCase() },
      { key: 'payload', label: 'Payload', lang: 'payload' },
    ],
  },
};

/**
 * Redoc options as `redocly build-docs` takes them from redocly.yaml — the top-level `openapi:`
 * block, overridden by the API's own `apis.<id>.openapi:` — over this build's defaults.
 */
export function redocOptionsOf(registryText: string, api: ApiEntry): RedocOptions {
  const config = (parse(registryText) ?? {}) as { openapi?: unknown; apis?: Record<string, { openapi?: unknown } | undefined> };
  return {
    ...defaultRedocOptions,
    ...optionsAt(config.openapi, 'openapi'),
    ...optionsAt(config.apis?.[api.id]?.openapi, `apis.${api.id}.openapi`),
  };
}

/**
 * A version as a file name: what semantic versions use (letters, digits, dots, `-`, `+`), nothing
 * that could leave the API's folder.
 */
export function versionFileName(api: ApiEntry, version: string): string {
  if (!/^[0-9A-Za-z][0-9A-Za-z.+-]*$/.test(version) || version.includes('..')) {
    throw new UserError(
      `${api.name}: info.version ${JSON.stringify(version)} cannot name a docs page: expected letters, digits, dots, '-' or '+' (e.g. 1.2.0)`,
    );
  }
  return `${version}.html`;
}

const posixRelative = (from: string, to: string): string => relative(from, to).split('\\').join('/');

function referencePage(api: ApiEntry, document: OpenApiDocument, redoc: RedocScript, registryText: string): string {
  return renderApiPage(
    withCodeSamples(withProvenanceBadges(document), codeSamples(document, api)),
    redoc,
    redocOptionsOf(registryText, api),
  );
}

/** The pages of one API beyond its current reference: one per version, and the changes page. */
function versionPages(entry: DocumentedApi, dir: string, redoc: RedocScript, registryText: string): DocsFile[] {
  const { api } = entry;
  const releases = entry.releases ?? workingTreeOnly(entry.document);
  const apiDir = join(dir, api.name);
  const versions: DocsFile[] = releases.map((release) => ({
    path: join(apiDir, versionFileName(api, release.version)),
    content: referencePage(api, release.document, redoc, registryText),
    kind: 'version',
    api,
    version: release.version,
  }));
  const changes: VersionChanges[] = releases.map((release, index) => {
    const previous = releases[index - 1];
    return {
      version: release.version,
      previous: previous?.version,
      released: release.released,
      href: versionFileName(api, release.version),
      changes: previous ? changesBetween(previous.document, release.document) : [],
    };
  });
  const title = String(entry.document.info?.title ?? api.name);
  const changesPage = renderChangesPage({ title, indexHref: posixRelative(apiDir, join(dir, 'index.html')), versions: changes });
  return [...versions, { path: join(apiDir, 'changes.html'), content: changesPage, kind: 'changes', api }];
}

/** The pages of one API: its current reference, one per version, and its changes page. */
export function apiPages(entry: DocumentedApi, dir: string, redoc: RedocScript, registryText: string): DocsFile[] {
  return [
    {
      path: entry.api.docsFile,
      content: referencePage(entry.api, entry.document, redoc, registryText),
      kind: 'reference',
      api: entry.api,
    },
    ...versionPages(entry, dir, redoc, registryText),
  ];
}

/** The index of the APIs given (those whose pages were built). */
export function indexPage(apis: readonly DocumentedApi[], dir: string): DocsFile {
  const index = renderIndexPage(
    apis.map(({ api, document, releases }) => ({
      document,
      href: posixRelative(dir, api.docsFile),
      versions: (releases ?? workingTreeOnly(document)).map((release) => ({
        version: release.version,
        href: `${api.name}/${versionFileName(api, release.version)}`,
        released: release.released,
      })),
      changesHref: `${api.name}/changes.html`,
    })),
  );
  return { path: join(dir, 'index.html'), content: index, kind: 'index' };
}

/** `times`, when given, receives the milliseconds each API's pages took to render, by API name. */
export function renderDocs(
  apis: readonly DocumentedApi[],
  registryText: string = readFileSync(registryFile, 'utf8'),
  times?: Record<string, number>,
): DocsFile[] {
  const redoc = loadRedocScript();
  const dir = docsDir(apis.map(({ api }) => api));
  const pages = apis.flatMap((entry): DocsFile[] => {
    const started = performance.now();
    const files = apiPages(entry, dir, redoc, registryText);
    if (times) times[entry.api.name] = Math.round(performance.now() - started);
    return files;
  });
  return [...pages, indexPage(apis, dir)];
}

export interface BuildDocsOptions {
  /** The git repository to read released versions from; without one, the working tree is the only version. */
  readonly repo?: string;
  /** Receives the milliseconds each API's pages took to render, by API name. */
  readonly times?: Record<string, number>;
}

export async function buildDocs(apis: readonly ApiEntry[], options: BuildDocsOptions = {}): Promise<DocsFile[]> {
  // Straight from the bundler, not build-outputs: that module graph loads the type generator and
  // the TypeScript compiler, start-up the docs never use.
  const built = await bundleApis(apis);
  const documented = await Promise.all(
    built.map(async (entry) => ({ ...entry, releases: await releasesOf(entry.api, entry.document, options.repo) })),
  );
  return renderDocs(documented, undefined, options.times);
}

export function writeDocs(files: readonly DocsFile[]): void {
  for (const file of files) writeFileAtomic(file.path, file.content);
}
