/**
 * Serves one API from its spec's examples, for trying `checkout-apis contract` by hand (a test
 * tool, not a command of the bin):
 *   npx tsx tests/contract-target/main.ts --api <name> [--defect <defect>] [--port <n>]
 * then, in another shell, `npm run contract -- --api <name> --base-url <printed url> …`.
 */
import { defineCommand } from '../../scripts/lib/cli/command.ts';
import { exitCodes } from '../../scripts/lib/cli/exit-codes.ts';
import { runCommand, runMain } from '../../scripts/lib/cli/run.ts';
import { loadContractApi } from '../../scripts/lib/contract/api.ts';
import { UserError } from '../../scripts/lib/errors.ts';
import { isMain, stopOnSignal } from '../../scripts/lib/processes.ts';
import { selectApis } from '../../scripts/lib/registry.ts';
import { defects, type Defect } from './defects.ts';
import { startContractTarget } from './server.ts';

export const command = defineCommand({
  name: 'contract-target',
  program: 'tsx tests/contract-target/main.ts',
  flags: {
    api: { type: 'string', value: '<name>', description: 'the one API to serve' },
    defect: { type: 'string', value: '<kind>', description: `one known defect: ${defects.join(', ')} (default: faithful)` },
    port: { type: 'string', value: '<n>', description: 'port to listen on (default: a free one)' },
  },
  async run(values) {
    const [api, ...others] = selectApis(values.api);
    if (!api || others.length > 0) throw new UserError('--api: expected the one API to serve');
    if (values.defect !== undefined && !defects.includes(values.defect as Defect))
      throw new UserError(`--defect ${values.defect}: expected one of ${defects.join(', ')}`);
    const port = values.port === undefined ? 0 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UserError(`--port ${values.port}: expected a port number`);
    const server = await startContractTarget(loadContractApi(api), { ...(values.defect ? { defect: values.defect as Defect } : {}), port });
    console.log(`${api.name} ${values.defect ?? 'faithful'} at ${server.url} — Ctrl-C stops it`);
    await stopOnSignal([server.close]);
    return exitCodes.ok;
  },
});

if (isMain(import.meta.url)) await runMain(() => runCommand(command, process.argv.slice(2)));
