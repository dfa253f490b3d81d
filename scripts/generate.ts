/**
 * `npm run generate`: bundles every API of the registry and writes its types and client, all in
 * this one process. `--check` writes only the bundles and fails, naming the files, when anything
 * committed under generated/ differs from what the specs produce now.
 */
import { parseArgs } from 'node:util';
import { bundleApis } from './lib/bundle.ts';
import { driftReport, renderOutputs, staleOutputs } from './lib/build-outputs.ts';
import { runCli } from './lib/errors.ts';
import { writeFileAtomic } from './lib/fs-atomic.ts';
import { projectRoot, selectApis } from './lib/registry.ts';

await runCli(async () => {
  const { values } = parseArgs({ options: { check: { type: 'boolean', default: false }, api: { type: 'string' } } });
  const apis = selectApis(values.api);
  const outputs = await renderOutputs(await bundleApis(apis));
  const toWrite = values.check ? outputs.filter((output) => !output.committed) : outputs;
  for (const output of toWrite) writeFileAtomic(output.path, output.content);
  if (values.check) {
    const stale = staleOutputs(outputs);
    if (stale.length > 0) {
      console.error(driftReport(stale, projectRoot));
      return 1;
    }
    console.log(`generated/ is current for ${apis.map((api) => api.name).join(', ')}`);
    return 0;
  }
  console.log(`generated ${outputs.length} files for ${apis.map((api) => api.name).join(', ')}`);
  return 0;
});
