/**
 * The first half of `npm run lint`: walks every API's file graph with the confined resolver and
 * fails, naming each file and ref, when a spec refers outside its own folder, to a hidden file or
 * to a URL, or when a file is too large or its YAML aliases expand too far. Redocly's CLI, which
 * lints next, resolves refs by itself and would read or fetch them.
 */
import { resolve } from 'node:path';
import { refusedRefs } from './lib/bundle.ts';
import { defineCommand } from './lib/cli/command.ts';
import { exitCodes } from './lib/cli/exit-codes.ts';
import { runCommand, runMain } from './lib/cli/run.ts';
import { isMain } from './lib/processes.ts';
import { configuredApis, registryFile } from './lib/registry.ts';

export const command = defineCommand({
  name: 'check-refs',
  flags: {
    api: { type: 'string', value: '<name>', description: 'one API of the registry (default: every API)' },
    config: { type: 'string', value: '<file>', default: registryFile, description: 'the registry file (default: redocly.yaml)' },
  },
  async run(values) {
    // redocly.yaml as the linter that runs next reads it.
    const apis = await configuredApis(values.api, resolve(values.config));
    const refused = (
      await Promise.all(apis.map(async (api) => (await refusedRefs(api.root)).map((refusal) => `${api.name}: ${refusal}`)))
    ).flat();
    if (refused.length > 0) {
      console.error(`refused before linting:\n${refused.map((line) => `  ${line}`).join('\n')}`);
      return exitCodes.finding;
    }
    return exitCodes.ok;
  },
});

if (isMain(import.meta.url)) await runMain(() => runCommand(command, process.argv.slice(2)));
