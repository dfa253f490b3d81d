/**
 * `checkout-apis mock`: serves every API of the registry from its bundle, each on the stable port
 * the registry gives it, until Ctrl-C. Run `checkout-apis generate` first (start does).
 */
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { defineCommand } from './lib/cli/command.ts';
import { exitCodes } from './lib/cli/exit-codes.ts';
import { UserError } from './lib/errors.ts';
import { startEachMock } from './lib/mock-set.ts';
import { startMock, type RunningMock } from './lib/prism.ts';
import { projectRoot, selectApis, type ApiEntry } from './lib/registry.ts';
import { exitOnSignals, stopOnSignal } from './lib/processes.ts';

export async function startMocks(apis: readonly ApiEntry[]): Promise<Array<{ api: ApiEntry; mock: RunningMock }>> {
  for (const api of apis) {
    if (!existsSync(api.bundleJson))
      throw new UserError(`${relative(projectRoot, api.bundleJson)} is missing: run \`npm run generate\` first`);
  }
  const started = await Promise.allSettled(
    apis.map(async (api) => ({ api, mock: await startMock({ specFile: api.bundleJson, port: api.mockPort }) })),
  );
  const running = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const failure = started.find((result) => result.status === 'rejected');
  if (failure) {
    await Promise.all(running.map(({ mock }) => mock.stop()));
    throw (failure as PromiseRejectedResult).reason;
  }
  return running;
}

export const command = defineCommand({
  name: 'mock',
  flags: {
    api: { type: 'string', value: '<name>', description: 'one API of the registry (default: every API)' },
  },
  async run(values) {
    // A signal while the mocks start stops those already running, too.
    exitOnSignals();
    // One mock that cannot start is reported; the others keep serving.
    const { running, failures } = await startEachMock(selectApis(values.api));
    for (const { api, message } of failures) console.error(`error: ${api.name}: ${message}`);
    if (running.length === 0) return exitCodes.finding;
    for (const { api, mock, ms } of running)
      console.log(`mock  ${api.name.padEnd(12)} ${mock.url}  (ready in ${(ms / 1000).toFixed(1)} s)`);
    console.log('Ctrl-C stops every mock.');
    await stopOnSignal(running.map(({ mock }) => mock.stop));
    return failures.length > 0 ? exitCodes.finding : exitCodes.ok;
  },
});
