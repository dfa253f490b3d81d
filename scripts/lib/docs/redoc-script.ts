/**
 * Redoc's standalone browser bundle, from the `redoc` package's published `bundles/` (the file its
 * README tells you to serve yourself, and the one `redocly build-docs --inlineBundle` inlines),
 * made fit for offline pages: the one asset it fetches from a CDN on every page, the
 * "API docs by Redocly" logo, becomes an inline image.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { UserError } from '../errors.ts';

export interface RedocScript {
  /** The bundle, ready to inline in a module script. */
  readonly source: string;
  /** Redoc's version, from the bundle's licence banner. */
  readonly version: string;
  /** Where it was read from. */
  readonly file: string;
}

/** The CDN images the bundle loads, and the inline stand-ins that keep the attribution offline. */
const offlineImages: ReadonlyArray<readonly [url: string, svg: string]> = [
  ['https://cdn.redoc.ly/redoc/logo-mini-full.svg', wordmark('Redocly', 64)],
  ['https://cdn.redoc.ly/redoc/logo-mini.svg', wordmark('R', 14)],
];

function wordmark(text: string, width: number): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="16" viewBox="0 0 ${width} 16">` +
    `<text x="0" y="12" font-family="sans-serif" font-size="12" font-weight="600" fill="#0044D4">${text}</text></svg>`
  );
}

function dataUri(svg: string): string {
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}

/** The bundle's path: a subpath the `redoc` package exports (`./bundles/*`). */
export function redocScriptFile(): string {
  try {
    return createRequire(import.meta.url).resolve('redoc/bundles/redoc.standalone.js');
  } catch {
    throw new UserError('the redoc package is not installed: run `npm ci`');
  }
}

let cached: RedocScript | undefined;

export function loadRedocScript(): RedocScript {
  if (cached) return cached;
  const file = redocScriptFile();
  let source = readFileSync(file, 'utf8');
  const version = /Version: (\d+\.\d+\.\d+\S*)/.exec(source.slice(0, 2000))?.[1];
  if (!version) throw new UserError(`${file}: expected a Redoc bundle whose banner names its version`);
  if (!/export\s*\{[^}]*\bhydrate\b/.test(source.slice(-2000))) {
    throw new UserError(`${file}: expected a module exporting hydrate (Redoc 3), the entry point the pages call`);
  }
  for (const [url, svg] of offlineImages) source = source.replaceAll(url, dataUri(svg));
  // Inlined in a <script> element, the bundle must not close it early (as the CLI escapes it).
  source = source.replace(/<\/(script)/gi, '<\\/$1');
  cached = { source, version, file };
  return cached;
}
