/**
 * `npm run generate`: bundles every API of the registry and writes its types and client, all in
 * this one process. An API that fails is reported and the others still build (exit 1). What was
 * written is type-checked before "generated" is printed. `--check` writes only the bundles and
 * fails, naming the files, when anything committed under generated/ differs from what the specs
 * produce now.
 */
import { parseArgs } from 'node:util';
import { driftReport, staleOutputs } from './lib/build-outputs.ts';
import { runCli } from './lib/errors.ts';
import { writeFileAtomic } from './lib/fs-atomic.ts';
import { renderEach, typeErrorsOf } from './lib/generate-apis.ts';
import { projectRoot, selectApis } from './lib/registry.ts';

/** Type errors printed at most; the count says how many more there were. */
const maxTypeErrorsShown = 20;

await runCli(async () => {
  const { values } = parseArgs({ options: { check: { type: 'boolean', default: false }, api: { type: 'string' } } });
  const apis = selectApis(values.api);
  const { outputs, built, failures, times } = await renderEach(apis);
  for (const failure of failures) console.error(`error: ${failure.api.name}: ${failure.message}`);
  const toWrite = values.check ? outputs.filter((output) => !output.committed) : outputs;
  for (const output of toWrite) writeFileAtomic(output.path, output.content);
  if (values.check) {
    const stale = staleOutputs(outputs);
    if (stale.length > 0) {
      console.error(driftReport(stale, projectRoot));
      return 1;
    }
    if (failures.length > 0) return 1;
    console.log(`generated/ is current for ${apis.map((api) => api.name).join(', ')}`);
    return 0;
  }
  const typeStarted = performance.now();
  const typeErrors = typeErrorsOf(built, projectRoot);
  const typeMs = Math.round(performance.now() - typeStarted);
  const names = built.map((entry) => entry.api.name);
  if (typeErrors.length > 0) {
    console.error(`error: the generated code does not type-check (${typeErrors.length} errors):`);
    for (const line of typeErrors.slice(0, maxTypeErrorsShown)) console.error(`  ${line}`);
    if (typeErrors.length > maxTypeErrorsShown) console.error(`  … and ${typeErrors.length - maxTypeErrorsShown} more`);
    return 1;
  }
  const perApi = names.map((name) => `${name} ${times[name]} ms`).join(', ');
  console.log(`generated ${outputs.length} files for ${names.join(', ') || 'no API'} (${perApi}; type-checked in ${typeMs} ms)`);
  return failures.length > 0 ? 1 : 0;
});
