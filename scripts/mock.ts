/**
 * `checkout-apis mock`: serves every API of the registry from its bundle, each on the stable port
 * the registry gives it, until Ctrl-C. Run `checkout-apis generate` first (start does).
 */
import { exitCodeWith, reportApiFailures } from './lib/api-failures.ts';
import { defineCommand } from './lib/cli/command.ts';
import { startEachMock } from './lib/mock-set.ts';
import { configuredApis } from './lib/registry.ts';
import { exitOnSignals, stopOnSignal } from './lib/processes.ts';

/** How long a mock took to be ready: wall time, and the CPU time its own Prism spent (where /proc tells). */
export function readiness(ms: number, cpuMs: number | undefined): string {
  return `ready in ${(ms / 1000).toFixed(1)} s${cpuMs === undefined ? '' : `, ${(cpuMs / 1000).toFixed(1)} s CPU`}`;
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
    const { running, failures } = await startEachMock(await configuredApis(values.api));
    reportApiFailures(failures, Boolean((values as { debug?: unknown }).debug));
    if (running.length === 0) return exitCodeWith(failures);
    for (const { api, mock, ms, cpuMs } of running) console.log(`mock  ${api.name.padEnd(12)} ${mock.url}  (${readiness(ms, cpuMs)})`);
    console.log('Ctrl-C stops every mock.');
    await stopOnSignal(running.map(({ mock }) => mock.stop));
    return exitCodeWith(failures);
  },
});
