// `npm run test:mutation [-- <stryker options>]`: every area in turn, cheapest first, each with
// its own config and incremental file; the options (e.g. `--concurrency 1`) go to each run. Fails
// when any area fails (a score under its break threshold included), after running them all.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const areas = ['auth', 'contract', 'diff'];
const cli = fileURLToPath(new URL('../../node_modules/@stryker-mutator/core/bin/stryker.js', import.meta.url));
const failed = areas.filter((area) => {
  console.log(`\n── mutation testing: ${area} ──`);
  return (
    spawnSync(process.execPath, [cli, 'run', `tests/mutation/${area}.config.mjs`, ...process.argv.slice(2)], { stdio: 'inherit' })
      .status !== 0
  );
});
if (failed.length > 0) {
  console.error(`mutation testing failed for: ${failed.join(', ')} (see reports/mutation/<area>/index.html)`);
  process.exitCode = 1;
}
