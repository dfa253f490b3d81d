/**
 * `checkout-apis start` (`npm start`): builds everything (lint, bundles, types, clients, docs), then serves every API's
 * mock on its stable port and the reference docs beside them, printing what runs where.
 * Its input (DOCS_PORT, the registry) is checked before anything starts; Ctrl-C, SIGTERM or an
 * error on the way stops every child process.
 */
import { spawn } from 'node:child_process';
import { basename, dirname } from 'node:path';
import { defineCommand } from './lib/cli/command.ts';
import { exitCodes } from './lib/cli/exit-codes.ts';
import { UserError } from './lib/errors.ts';
import { exitOnSignals, onShutdown, stopOnSignal } from './lib/processes.ts';
import { loadRegistry, projectRoot } from './lib/registry.ts';
import { serveDirectory, type StaticServer } from './lib/static-server.ts';
import { startMocks } from './mock.ts';

/** DOCS_PORT, if set: a port number, checked before anything starts. */
function docsPortFrom(value: string | undefined): number {
  if (value === undefined || value === '') return 8080;
  const port = Number(value);
  if (!/^\d+$/.test(value) || !Number.isInteger(port) || port < 1 || port > 65535)
    throw new UserError(`DOCS_PORT=${JSON.stringify(value).slice(1, -1)}: expected a port number from 1 to 65535`);
  return port;
}

function runStep(name: string, command: string, args: string[]): Promise<void> {
  return new Promise((done, fail) => {
    console.log(`> ${name}`);
    const child = spawn(command, args, { cwd: projectRoot, stdio: 'inherit' });
    const forget = onShutdown(() => {
      child.kill('SIGTERM');
    });
    child.on('error', (error) => {
      forget();
      fail(error);
    });
    child.on('exit', (code) => {
      forget();
      if (code === 0) done();
      else fail(new UserError(`${name} failed (exit code ${code}); fix the error above and run npm start again`));
    });
  });
}

export const command = defineCommand({
  name: 'start',
  flags: {},
  notes: 'DOCS_PORT moves the docs server (default 8080); each mock uses its registry port.',
  async run() {
    exitOnSignals();
    const docsPort = docsPortFrom(process.env.DOCS_PORT);
    const apis = loadRegistry();
    await runStep('build', 'npm', ['run', '--silent', 'build']);
    const mocks = await startMocks(apis);
    let docs: StaticServer;
    try {
      docs = await serveDirectory(dirname(apis[0]!.docsFile), docsPort);
    } catch (error) {
      await Promise.all(mocks.map(({ mock }) => mock.stop()));
      throw error;
    }
    console.log('');
    console.log(`docs  ${'index'.padEnd(12)} ${new URL('index.html', docs.url).href}`);
    for (const api of apis) console.log(`docs  ${api.name.padEnd(12)} ${new URL(basename(api.docsFile), docs.url).href}`);
    for (const { api, mock } of mocks) console.log(`mock  ${api.name.padEnd(12)} ${mock.url}`);
    console.log('\nCtrl-C stops every server.');
    await stopOnSignal([...mocks.map(({ mock }) => mock.stop), docs.stop]);
    return exitCodes.ok;
  },
});
