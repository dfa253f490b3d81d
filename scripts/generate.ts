/**
 * `checkout-apis generate`: bundles every API of the registry and writes its types and client, all
 * in this one process. `--check` writes only the bundles and fails, naming the files, when anything
 * committed under generated/ differs from what the specs produce now.
 */
import { bundleApis } from './lib/bundle.ts';
import { defineCommand } from './lib/cli/command.ts';
import { exitCodes } from './lib/cli/exit-codes.ts';
import { writeFileAtomic } from './lib/fs-atomic.ts';
import { projectRoot, selectApis } from './lib/registry.ts';

export const command = defineCommand({
  name: 'generate',
  flags: {
    check: { type: 'boolean', description: 'write nothing under generated/; exit 1, naming the files, when it is stale' },
    api: { type: 'string', value: '<name>', description: 'one API of the registry (default: every API)' },
  },
  async run(values) {
    // Loaded here, not at the top: it pulls in TypeScript and openapi-typescript (about 2 s), which --help does not need.
    const { driftReport, renderOutputs, staleOutputs } = await import('./lib/build-outputs.ts');
    const apis = selectApis(values.api);
    const outputs = await renderOutputs(await bundleApis(apis));
    const toWrite = values.check ? outputs.filter((output) => !output.committed) : outputs;
    for (const output of toWrite) writeFileAtomic(output.path, output.content);
    if (values.check) {
      const stale = staleOutputs(outputs);
      if (stale.length > 0) {
        console.error(driftReport(stale, projectRoot));
        return exitCodes.finding;
      }
      console.log(`generated/ is current for ${apis.map((api) => api.name).join(', ')}`);
      return exitCodes.ok;
    }
    console.log(`generated ${outputs.length} files for ${apis.map((api) => api.name).join(', ')}`);
    return exitCodes.ok;
  },
});
