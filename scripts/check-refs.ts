/**
 * The first half of `npm run lint`: walks every API's file graph with the confined resolver and
 * fails, naming each file and ref, when a spec refers outside its own folder, to a hidden file or
 * to a URL, or when a file is too large or its YAML aliases expand too far. Redocly's CLI, which
 * lints next, resolves refs by itself and would read or fetch them.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { refusedRefs } from './lib/bundle.ts';
import { runCli } from './lib/errors.ts';
import { loadRegistryConfig, registryFile, selectApis } from './lib/registry.ts';

await runCli(async () => {
  const { values } = parseArgs({ options: { api: { type: 'string' }, config: { type: 'string', default: registryFile } } });
  // redocly.yaml as the linter that runs next reads it.
  const apis = selectApis(values.api, await loadRegistryConfig(resolve(values.config)));
  const refused = (await Promise.all(apis.map(async (api) => (await refusedRefs(api.root)).map((refusal) => `${api.name}: ${refusal}`)))).flat();
  if (refused.length > 0) {
    console.error(`refused before linting:\n${refused.map((line) => `  ${line}`).join('\n')}`);
    return 1;
  }
  return 0;
});
