/**
 * `npm run docs` in memory: bundle every API in process, add the generated code samples, and
 * assemble one reference page per API plus the index. Writing is separate, so a test can build
 * exactly what the command ships.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parse } from 'yaml';
import { codeSamples, sampleLanguage, withCodeSamples } from '../code-samples.ts';
import { UserError } from '../errors.ts';
import { writeFileAtomic } from '../fs-atomic.ts';
import { registryFile, type ApiEntry } from '../registry.ts';
import { renderApiPage, type RedocOptions } from './api-page.ts';
import { bundleApis, type BuiltApi } from '../bundle.ts';
import { renderIndexPage } from './index-page.ts';
import { withProvenanceBadges } from './provenance-badges.ts';
import { loadRedocScript } from './redoc-script.ts';

export interface DocsFile {
  readonly path: string;
  readonly content: string;
  /** The API a reference page documents; none for the index. */
  readonly api?: ApiEntry;
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
  return { ...defaultRedocOptions, ...optionsAt(config.openapi, 'openapi'), ...optionsAt(config.apis?.[api.id]?.openapi, `apis.${api.id}.openapi`) };
}

export function renderDocs(built: readonly BuiltApi[], registryText: string = readFileSync(registryFile, 'utf8')): DocsFile[] {
  const redoc = loadRedocScript();
  const pages = built.map(({ api, document }) => {
    const documented = withCodeSamples(withProvenanceBadges(document), codeSamples(document, api));
    return { path: api.docsFile, content: renderApiPage(documented, redoc, redocOptionsOf(registryText, api)), api };
  });
  const dir = docsDir(built.map(({ api }) => api));
  const index = renderIndexPage(built.map(({ api, document }) => ({ document, href: relative(dir, api.docsFile).split('\\').join('/') })));
  return [...pages, { path: join(dir, 'index.html'), content: index }];
}

export async function buildDocs(apis: readonly ApiEntry[]): Promise<DocsFile[]> {
  // Straight from the bundler, not build-outputs: that module graph loads the type generator and
  // the TypeScript compiler, start-up the docs never use.
  return renderDocs(await bundleApis(apis));
}

export function writeDocs(files: readonly DocsFile[]): void {
  for (const file of files) writeFileAtomic(file.path, file.content);
}
