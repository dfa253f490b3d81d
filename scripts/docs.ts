/**
 * `npm run docs`: the reference docs site in dist/docs/, built in this one process — an offline
 * reference page per API of the registry (<api>.html), one per released version
 * (<api>/<version>.html, versions from the git history of each spec's info.version), a changes page
 * per API (<api>/changes.html) and an index of them all (index.html).
 */
import { relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildDocs, writeDocs } from './lib/docs/build.ts';
import { runCommand, runMain } from './lib/cli/run.ts';
import { isMain } from './lib/processes.ts';
import { loadRegistry, projectRoot } from './lib/registry.ts';
import { repositoryOf } from './lib/docs/versions.ts';

export async function main(): Promise<number> {
  const started = performance.now();
  const times: Record<string, number> = {};
  const files = await buildDocs(loadRegistry(), { repo: repositoryOf(projectRoot), times });
  writeDocs(files);
  for (const file of files) console.log(`  ${relative(projectRoot, file.path)}  ${Math.ceil(Buffer.byteLength(file.content) / 1024)} KiB`);
  console.log(
    `wrote ${files.length} docs pages in ${Math.round(performance.now() - started)} ms (rendering per API: ${Object.entries(times)
      .map(([api, ms]) => `${api} ${ms} ms`)
      .join(', ')})`,
  );
  return 0;
}

export const command = { name: 'docs', flags: {}, run: main };

if (isMain(import.meta.url)) await runMain(() => runCommand(command, process.argv.slice(2)));
