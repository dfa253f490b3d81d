/**
 * `npm run docs`: one offline reference page per API of the registry (dist/docs/<api>.html) and an
 * index of them all (dist/docs/index.html), built in this one process.
 */
import { relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildDocs, writeDocs } from './lib/docs/build.ts';
import { runCommand, runMain } from './lib/cli/run.ts';
import { isMain } from './lib/processes.ts';
import { loadRegistry, projectRoot } from './lib/registry.ts';

export async function main(): Promise<number> {
  const started = performance.now();
  const files = await buildDocs(loadRegistry());
  writeDocs(files);
  for (const file of files) console.log(`  ${relative(projectRoot, file.path)}  ${Math.ceil(Buffer.byteLength(file.content) / 1024)} KiB`);
  console.log(`wrote ${files.length} docs pages in ${Math.round(performance.now() - started)} ms`);
  return 0;
}

export const command = { name: 'docs', flags: {}, run: main };

if (isMain(import.meta.url)) await runMain(() => runCommand(command, process.argv.slice(2)));
