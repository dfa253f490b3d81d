/**
 * `npm run docs`: the reference docs site in dist/docs/, built in this one process — an offline
 * reference page per API of the registry (<api>.html), one per released version
 * (<api>/<version>.html, versions from the git history of each spec's info.version), a changes page
 * per API (<api>/changes.html) and an index of them all (index.html). An API whose pages cannot be
 * built is reported by name, the others are still written, and the command exits 1.
 */
import { readFileSync, rmSync } from 'node:fs';
import { relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { attemptEach, exitCodeWith, failedApisNote, reportApiFailures, type ApiFailure } from './lib/api-failures.ts';
import { apiPages, docsDir, indexPage, writeDocs, type BuildDocsOptions, type DocsFile, type DocumentedApi } from './lib/docs/build.ts';
import { loadRedocScript } from './lib/docs/redoc-script.ts';
import { bundleSpec } from './lib/bundle.ts';
import { runCommand, runMain } from './lib/cli/run.ts';
import { isMain } from './lib/processes.ts';
import { configuredApis, projectRoot, registryFile, type ApiEntry } from './lib/registry.ts';
import { releasesOf, repositoryOf } from './lib/docs/versions.ts';

export interface DocsBuild {
  /** The pages of every API that built, and the index of those. */
  readonly files: DocsFile[];
  /** The APIs whose pages could not be built, and why. */
  readonly failures: ApiFailure[];
  /** Milliseconds each API took on its own — bundle, versions and pages — by API name. */
  readonly times: Record<string, number>;
  /** CPU milliseconds of this process spent on each API (git, a child process, not counted). */
  readonly cpuTimes: Record<string, number>;
}

/**
 * `npm run docs`: each API bundled, its versions read and its pages rendered, one API after the
 * other (so each API's time is its own). An API whose pages cannot be built is reported and the
 * others still get theirs; the index lists those that built.
 */
export async function buildEachDocs(
  apis: readonly ApiEntry[],
  options: BuildDocsOptions = {},
  registryText: string = readFileSync(registryFile, 'utf8'),
): Promise<DocsBuild> {
  const redoc = loadRedocScript();
  const dir = docsDir(apis);
  const { values, failures, times, cpuTimes } = await attemptEach(apis, async (api) => {
    const document = await bundleSpec(api.root);
    const entry: DocumentedApi = { api, document, releases: await releasesOf(api, document, options.repo) };
    return { entry, pages: apiPages(entry, dir, redoc, registryText) };
  });
  const documented = values.map((value) => value.entry);
  const files: DocsFile[] = values.flatMap((value) => value.pages);
  if (documented.length > 0) files.push(indexPage(documented, dir));
  return { files, failures, times, cpuTimes };
}

/** Builds and writes the docs of `apis`; returns the exit code. */
export async function writeEachDocs(
  apis: readonly ApiEntry[],
  repo: string | undefined,
  debug = false,
  registryText?: string,
): Promise<number> {
  const started = performance.now();
  const { files, failures, times, cpuTimes } = await buildEachDocs(apis, { ...(repo !== undefined ? { repo } : {}) }, registryText);
  writeDocs(files);
  // A page left by an earlier build would pass for the description that no longer builds.
  for (const { api } of failures) rmSync(api.docsFile, { force: true });
  for (const file of files) console.log(`  ${relative(projectRoot, file.path)}  ${Math.ceil(Buffer.byteLength(file.content) / 1024)} KiB`);
  reportApiFailures(failures, debug);
  console.log(
    `wrote ${files.length} docs pages in ${Math.round(performance.now() - started)} ms (per API, each built alone: ${Object.entries(times)
      .map(([api, ms]) => `${api} ${ms} ms (${cpuTimes[api]} ms CPU)`)
      .join(', ')})${failedApisNote(failures, 'not built (errors above)')}`,
  );
  return exitCodeWith(failures);
}

export async function main(argv: readonly string[] = []): Promise<number> {
  return writeEachDocs(await configuredApis(), repositoryOf(projectRoot), argv.includes('--debug'));
}

export const command = { name: 'docs', flags: {}, run: (values: { debug?: boolean }) => main(values.debug ? ['--debug'] : []) };

if (isMain(import.meta.url)) await runMain(() => runCommand(command, process.argv.slice(2)));
