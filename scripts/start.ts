/**
 * `npm start`: builds everything (lint, bundles, types, clients, docs), then serves every API's
 * mock on its stable port and the reference docs beside them, printing what runs where.
 * Ctrl-C stops every child process.
 */
import { spawn } from 'node:child_process';
import { basename, dirname } from 'node:path';
import { runCli, UserError } from './lib/errors.ts';
import { stopOnSignal } from './lib/processes.ts';
import { loadRegistry, projectRoot } from './lib/registry.ts';
import { serveDirectory } from './lib/static-server.ts';
import { startMocks } from './mock.ts';

const docsPort = Number(process.env.DOCS_PORT ?? 8080);

function runStep(name: string, command: string, args: string[]): Promise<void> {
  return new Promise((done, fail) => {
    console.log(`> ${name}`);
    const child = spawn(command, args, { cwd: projectRoot, stdio: 'inherit' });
    child.on('error', fail);
    child.on('exit', (code) => (code === 0 ? done() : fail(new UserError(`${name} failed (exit code ${code}); fix the error above and run npm start again`))));
  });
}

await runCli(async () => {
  await runStep('build', 'npm', ['run', '--silent', 'build']);
  const apis = loadRegistry();
  const mocks = await startMocks(apis);
  const docs = await serveDirectory(dirname(apis[0]!.docsFile), docsPort);
  console.log('');
  console.log(`docs  ${'index'.padEnd(12)} ${new URL('index.html', docs.url).href}`);
  for (const api of apis) console.log(`docs  ${api.name.padEnd(12)} ${new URL(basename(api.docsFile), docs.url).href}`);
  for (const { api, mock } of mocks) console.log(`mock  ${api.name.padEnd(12)} ${mock.url}`);
  console.log('\nCtrl-C stops every server.');
  await stopOnSignal([...mocks.map(({ mock }) => mock.stop), docs.stop]);
});
