/**
 * `checkout-apis generate`: bundles every API of the registry and writes its types and client, all
 * in this one process, one API after the other (each API's time is its own). An API that fails is
 * reported, its stale bundle removed, and the others still build (exit 1). What was
 * written is type-checked before "generated" is printed. `--check` writes only the bundles and
 * fails, naming the files, when anything committed under generated/ differs from what the specs
 * produce now.
 */
import { defineCommand } from './lib/cli/command.ts';
import { exitCodes } from './lib/cli/exit-codes.ts';
import { writeFileAtomic } from './lib/fs-atomic.ts';
import { exitCodeWith, failedApisNote, reportApiFailures } from './lib/api-failures.ts';
import { configuredApis, projectRoot } from './lib/registry.ts';

/** Type errors printed at most; the count says how many more there were. */
const maxTypeErrorsShown = 20;

export const command = defineCommand({
  name: 'generate',
  flags: {
    check: { type: 'boolean', description: 'write nothing under generated/; exit 1, naming the files, when it is stale' },
    api: { type: 'string', value: '<name>', description: 'one API of the registry (default: every API)' },
  },
  async run(values) {
    // Loaded here, not at the top: they pull in TypeScript and openapi-typescript (about 2 s), which --help does not need.
    const { driftReport, staleOutputs } = await import('./lib/build-outputs.ts');
    const { removeStaleBundles, renderEach, typeErrorsOf } = await import('./lib/generate-apis.ts');
    const apis = await configuredApis(values.api);
    const { outputs, built, failures, times, cpuTimes } = await renderEach(apis);
    reportApiFailures(failures, Boolean((values as { debug?: unknown }).debug));
    removeStaleBundles(failures);
    const toWrite = values.check ? outputs.filter((output) => !output.committed) : outputs;
    for (const output of toWrite) writeFileAtomic(output.path, output.content);
    if (values.check) {
      const stale = staleOutputs(outputs);
      if (stale.length > 0) {
        console.error(driftReport(stale, projectRoot));
        return exitCodes.finding;
      }
      if (failures.length > 0) return exitCodeWith(failures);
      console.log(`generated/ is current for ${apis.map((api) => api.name).join(', ')}`);
      return exitCodes.ok;
    }
    const typeStarted = performance.now();
    const typeErrors = typeErrorsOf(built, projectRoot);
    const typeMs = Math.round(performance.now() - typeStarted);
    const names = built.map((entry) => entry.api.name);
    if (typeErrors.length > 0) {
      console.error(`error: the generated code does not type-check (${typeErrors.length} errors):`);
      for (const line of typeErrors.slice(0, maxTypeErrorsShown)) console.error(`  ${line}`);
      if (typeErrors.length > maxTypeErrorsShown) console.error(`  … and ${typeErrors.length - maxTypeErrorsShown} more`);
      return exitCodes.finding;
    }
    const perApi = names.map((name) => `${name} ${times[name]} ms (${cpuTimes[name]} ms CPU)`).join(', ');
    console.log(
      `generated ${outputs.length} files for ${names.join(', ') || 'no API'} (each API built alone: ${perApi}; type-checked together in ${typeMs} ms)${failedApisNote(failures, 'not built (errors above)')}`,
    );
    return exitCodeWith(failures);
  },
});
