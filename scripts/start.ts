/**
 * `checkout-apis start` (`npm start`): builds everything (lint, bundles, types, clients, docs), then serves every API's
 * mock on its stable port and the reference docs beside them, printing what runs where.
 * Its input (DOCS_PORT, the registry) is checked before anything starts; Ctrl-C, SIGTERM or an
 * error on the way stops every child process. A broken API does not take the others down: each
 * build step reports what failed, the APIs that built are served, and the exit code is 1.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { exitCodeWith, reportApiFailures, type ApiFailure } from './lib/api-failures.ts';
import { defineCommand } from './lib/cli/command.ts';
import { exitCodes } from './lib/cli/exit-codes.ts';
import { UserError } from './lib/errors.ts';
import { startEachMock, type MockSet } from './lib/mock-set.ts';
import { exitOnSignals, onShutdown, stopOnSignal } from './lib/processes.ts';
import { configuredApis, projectRoot, type ApiEntry } from './lib/registry.ts';
import { serveDirectory, type StaticServer } from './lib/static-server.ts';
import { readiness } from './mock.ts';

/** The build, step by step (`npm run build` runs the same three): each goes on past an API that fails. */
const buildSteps = ['lint', 'generate', 'docs'] as const;

/** DOCS_PORT, if set: a port number, checked before anything starts. */
function docsPortFrom(value: string | undefined): number {
  if (value === undefined || value === '') return 8080;
  const port = Number(value);
  if (!/^\d+$/.test(value) || !Number.isInteger(port) || port < 1 || port > 65535)
    throw new UserError(`DOCS_PORT=${JSON.stringify(value).slice(1, -1)}: expected a port number from 1 to 65535`);
  return port;
}

/** Runs one npm script; resolves with its exit code. */
function runStep(name: string): Promise<number> {
  return new Promise((done, fail) => {
    console.log(`> ${name}`);
    const child = spawn('npm', ['run', '--silent', name], { cwd: projectRoot, stdio: 'inherit' });
    const forget = onShutdown(() => {
      child.kill('SIGTERM');
    });
    child.on('error', (error) => {
      forget();
      fail(error);
    });
    child.on('exit', (code) => {
      forget();
      done(code ?? exitCodes.internal);
    });
  });
}

export interface Served extends MockSet {
  readonly docs: StaticServer;
}

/**
 * Every mock that can start, and the docs folder, served: a mock that cannot start (or whose
 * bundle was not built) is one of `failures`, and the others serve.
 */
export async function serveBuilt(
  apis: readonly ApiEntry[],
  docsPort: number,
  portOf?: (api: ApiEntry) => number | Promise<number>,
): Promise<Served> {
  const mocks = await startEachMock(apis, portOf);
  try {
    return { ...mocks, docs: await serveDirectory(dirname(apis[0]!.docsFile), docsPort) };
  } catch (error) {
    await Promise.all(mocks.running.map(({ mock }) => mock.stop()));
    throw error;
  }
}

/** What runs where: the docs pages that exist and every mock that started. */
export function servedLines(apis: readonly ApiEntry[], served: Served): string[] {
  const lines = [`docs  ${'index'.padEnd(12)} ${new URL('index.html', served.docs.url).href}`];
  for (const api of apis)
    if (existsSync(api.docsFile)) lines.push(`docs  ${api.name.padEnd(12)} ${new URL(basename(api.docsFile), served.docs.url).href}`);
  for (const { api, mock, ms, cpuMs } of served.running) lines.push(`mock  ${api.name.padEnd(12)} ${mock.url}  (${readiness(ms, cpuMs)})`);
  return lines;
}

/** Exit 1 when a build step or an API failed (3 for a bug of ours), else 0. */
export function startExitCode(failedSteps: readonly string[], failures: readonly ApiFailure[]): number {
  return exitCodeWith(failures, failedSteps.length > 0 ? exitCodes.finding : exitCodes.ok);
}

export const command = defineCommand({
  name: 'start',
  flags: {},
  notes: 'DOCS_PORT moves the docs server (default 8080); each mock uses its registry port.',
  async run(values) {
    exitOnSignals();
    const docsPort = docsPortFrom(process.env.DOCS_PORT);
    const apis = await configuredApis();
    const failedSteps: string[] = [];
    for (const step of buildSteps) {
      const code = await runStep(step);
      // 1 is a finding (lint errors, an API that did not build): reported above, and the rest goes on.
      if (code === exitCodes.finding) failedSteps.push(step);
      else if (code !== exitCodes.ok)
        throw new UserError(`${step} failed (exit code ${code}); fix the error above and run npm start again`);
    }
    const served = await serveBuilt(apis, docsPort);
    console.log('');
    for (const line of servedLines(apis, served)) console.log(line);
    reportApiFailures(served.failures, Boolean((values as { debug?: unknown }).debug));
    if (failedSteps.length > 0) console.error(`error: ${failedSteps.join(', ')} reported errors (above); serving what was built`);
    console.log('\nCtrl-C stops every server.');
    await stopOnSignal([...served.running.map(({ mock }) => mock.stop), served.docs.stop]);
    return startExitCode(failedSteps, served.failures);
  },
});
