/**
 * Bundles a multi-file description into one document, in process (no CLI start-up per API), through
 * openapi-core's OpenAPI-only entry point (`@redocly/openapi-core/lib/bundle-oas`): Redocly's
 * bundler without the linter, the config resolver and GraphQL that the full entry point loads.
 *
 * Under tsx every module import crosses Node 20's off-thread loader hooks, which makes the ~150
 * files of that entry point cost about half a second. So they are loaded as one file that esbuild
 * bundles once per openapi-core version into node_modules/.cache/; if that fails for any reason,
 * the package is imported as it stands (slower, same result).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { UserError } from './errors.ts';
import { writeFileAtomic } from './fs-atomic.ts';
import type { OpenApiDocument } from './openapi.ts';
import { projectRoot, type ApiEntry } from './registry.ts';

type BundleOasModule = typeof import('@redocly/openapi-core/lib/bundle-oas');

const entryPoint = '@redocly/openapi-core/lib/bundle-oas';

/** The installed openapi-core's version, read from the package.json above its entry file. */
function coreVersion(entryFile: string): string {
  for (let dir = dirname(entryFile); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (!existsSync(manifest)) continue;
    const { name, version } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
    if (name === '@redocly/openapi-core' && version) return version;
  }
  throw new Error(`no @redocly/openapi-core package.json above ${entryFile}`);
}

/** The one-file copy of the entry point, written on first use. */
async function prebundled(): Promise<string> {
  const entryFile = createRequire(import.meta.url).resolve(entryPoint);
  const file = join(projectRoot, 'node_modules', '.cache', 'checkout-apis', `openapi-core-bundle-oas-${coreVersion(entryFile)}.mjs`);
  if (existsSync(file)) return file;
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [entryFile],
    bundle: true,
    platform: 'node',
    format: 'esm',
    write: false,
    logLevel: 'silent',
    // CommonJS dependencies inside an ES module bundle still call require().
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error('esbuild wrote nothing');
  writeFileAtomic(file, output.contents);
  return file;
}

let bundler: Promise<BundleOasModule> | undefined;

function loadBundler(): Promise<BundleOasModule> {
  bundler ??= prebundled()
    .then((file) => import(pathToFileURL(file).href) as Promise<BundleOasModule>)
    .catch(() => import(entryPoint));
  return bundler;
}

let sharedConfig: ReturnType<BundleOasModule['createEmptyRedoclyConfig']> | undefined;

/** Bundles the description whose root file is `rootFile`; refs between files become components. */
export async function bundleSpec(rootFile: string): Promise<OpenApiDocument> {
  const { bundleOas, createEmptyRedoclyConfig } = await loadBundler();
  sharedConfig ??= createEmptyRedoclyConfig();
  let result: Awaited<ReturnType<BundleOasModule['bundleOas']>>;
  try {
    result = await bundleOas({ ref: rootFile, config: sharedConfig });
  } catch (error) {
    throw new UserError(`cannot bundle ${rootFile}: ${(error as Error).message}`);
  }
  const unresolved = result.problems.filter((problem) => problem.severity === 'error');
  if (unresolved.length > 0) {
    const lines = unresolved.map((problem) => {
      const where = problem.location[0];
      return `  ${where?.source.absoluteRef ?? rootFile}${where?.pointer ?? ''}: ${problem.message}`;
    });
    throw new UserError(`cannot bundle ${rootFile}:\n${lines.join('\n')}`);
  }
  return result.bundle.parsed as OpenApiDocument;
}

export interface BuiltApi {
  readonly api: ApiEntry;
  readonly document: OpenApiDocument;
}

/** Every API of `apis` bundled, concurrently. */
export function bundleApis(apis: readonly ApiEntry[]): Promise<BuiltApi[]> {
  return Promise.all(apis.map(async (api) => ({ api, document: await bundleSpec(api.root) })));
}
