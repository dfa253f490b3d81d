/**
 * `npm run docs`: the reference docs site in dist/docs/, built in this one process — an offline
 * reference page per API of the registry (<api>.html), one per released version
 * (<api>/<version>.html, versions from the git history of each spec's info.version), a changes page
 * per API (<api>/changes.html) and an index of them all (index.html). An API whose pages cannot be
 * built is reported by name, the others are still written, and the command exits 1.
 */
import { rmSync } from 'node:fs';
import { relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { exitCodeWith, failedApisNote, reportApiFailures } from './lib/api-failures.ts';
import { buildEachDocs, writeDocs } from './lib/docs/build.ts';
import { runCommand, runMain } from './lib/cli/run.ts';
import { isMain } from './lib/processes.ts';
import { loadRegistry, projectRoot, type ApiEntry } from './lib/registry.ts';
import { repositoryOf } from './lib/docs/versions.ts';

/** Builds and writes the docs of `apis`; returns the exit code. */
export async function writeEachDocs(
  apis: readonly ApiEntry[],
  repo: string | undefined,
  debug = false,
  registryText?: string,
): Promise<number> {
  const started = performance.now();
  const { files, failures, times } = await buildEachDocs(apis, { ...(repo !== undefined ? { repo } : {}) }, registryText);
  writeDocs(files);
  // A page left by an earlier build would pass for the description that no longer builds.
  for (const { api } of failures) rmSync(api.docsFile, { force: true });
  for (const file of files) console.log(`  ${relative(projectRoot, file.path)}  ${Math.ceil(Buffer.byteLength(file.content) / 1024)} KiB`);
  reportApiFailures(failures, debug);
  console.log(
    `wrote ${files.length} docs pages in ${Math.round(performance.now() - started)} ms (per API, each built alone: ${Object.entries(times)
      .map(([api, ms]) => `${api} ${ms} ms`)
      .join(', ')})${failedApisNote(failures, 'not built (errors above)')}`,
  );
  return exitCodeWith(failures);
}

export function main(argv: readonly string[] = []): Promise<number> {
  return writeEachDocs(loadRegistry(), repositoryOf(projectRoot), argv.includes('--debug'));
}

export const command = { name: 'docs', flags: {}, run: (values: { debug?: boolean }) => main(values.debug ? ['--debug'] : []) };

if (isMain(import.meta.url)) await runMain(() => runCommand(command, process.argv.slice(2)));
