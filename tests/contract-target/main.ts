/**
 * Serves one API from its spec's examples, for trying `npm run contract` by hand:
 *   npx tsx tests/contract-target/main.ts --api <name> [--defect <defect>] [--port <n>]
 * then, in another shell, `npm run contract -- --api <name> --base-url <printed url> …`.
 */
import { parseArgs } from 'node:util';
import { loadContractApi } from '../../scripts/lib/contract/api.ts';
import { runCli, UserError } from '../../scripts/lib/errors.ts';
import { exitOnSignals, isMain, stopOnSignal } from '../../scripts/lib/processes.ts';
import { selectApis } from '../../scripts/lib/registry.ts';
import { defects, type Defect } from './defects.ts';
import { startContractTarget } from './server.ts';

if (isMain(import.meta.url)) {
  await runCli(async () => {
    exitOnSignals();
    const { values } = parseArgs({ options: { api: { type: 'string' }, defect: { type: 'string' }, port: { type: 'string' } } });
    const [api, ...others] = selectApis(values.api);
    if (!api || others.length > 0) throw new UserError('--api: expected the one API to serve');
    if (values.defect !== undefined && !defects.includes(values.defect as Defect)) throw new UserError(`--defect ${values.defect}: expected one of ${defects.join(', ')}`);
    const port = values.port === undefined ? 0 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UserError(`--port ${values.port}: expected a port number`);
    const server = await startContractTarget(loadContractApi(api), { ...(values.defect ? { defect: values.defect as Defect } : {}), port });
    console.log(`${api.name} ${values.defect ?? 'faithful'} at ${server.url} — Ctrl-C stops it`);
    await stopOnSignal([server.close]);
  });
}
