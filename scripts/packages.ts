/**
 * `npm run packages`: builds and packs the runtime package and one package per API into
 * dist/packages/*.tgz, and fails when a package imports a file its tarball lacks.
 * `--repository <url>` records the source repository in each manifest (CI sets it for provenance).
 */
import { parseArgs } from 'node:util';
import { relative } from 'node:path';
import { UserError, runCli } from './lib/errors.ts';
import { missingImports, packPackages, stagePackages } from './lib/packages.ts';
import { loadRegistry, projectRoot } from './lib/registry.ts';

await runCli(async () => {
  const { values } = parseArgs({ options: { repository: { type: 'string' } } });
  const packed = packPackages(stagePackages(loadRegistry(), values.repository ? { repositoryUrl: values.repository } : {}));
  const missing = packed.flatMap(missingImports);
  if (missing.length > 0) throw new UserError(`packages import files their tarballs lack:\n  ${missing.join('\n  ')}`);
  for (const entry of packed) console.log(`${entry.name}@${entry.version}  ${relative(projectRoot, entry.tarball)}  (${entry.files.length} files)`);
  return 0;
});
