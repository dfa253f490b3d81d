/**
 * `npm run packages`: builds and packs the runtime package and one package per API into
 * dist/packages/*.tgz, and fails when a package imports a file its tarball lacks.
 * `--repository <url>` records the source repository in each manifest (CI sets it for provenance).
 */
import { relative } from 'node:path';
import { defineCommand } from './lib/cli/command.ts';
import { runCommand, runMain } from './lib/cli/run.ts';
import { exitCodes } from './lib/cli/exit-codes.ts';
import { UserError } from './lib/errors.ts';
import { isMain } from './lib/processes.ts';
import { missingImports, packPackages, stagePackages } from './lib/packages.ts';
import { configuredApis, projectRoot } from './lib/registry.ts';

export const command = defineCommand({
  name: 'packages',
  flags: {
    repository: { type: 'string', value: '<url>', description: 'record the source repository in each manifest (provenance needs it)' },
  },
  async run(values) {
    const packed = packPackages(stagePackages(await configuredApis(), values.repository ? { repositoryUrl: values.repository } : {}));
    const missing = packed.flatMap(missingImports);
    if (missing.length > 0) throw new UserError(`packages import files their tarballs lack:\n  ${missing.join('\n  ')}`);
    for (const entry of packed)
      console.log(`${entry.name}@${entry.version}  ${relative(projectRoot, entry.tarball)}  (${entry.files.length} files)`);
    return exitCodes.ok;
  },
});

if (isMain(import.meta.url)) await runMain(() => runCommand(command, process.argv.slice(2)));
