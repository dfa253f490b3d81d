/**
 * The vitest runs Stryker mutates against (`npm run test:mutation`): per area, only the fast,
 * in-process unit tests that cover it — no Prism, no Chromium, no child processes (a child process
 * would run the unmutated source, so its tests could never kill a mutant).
 */
import { fileURLToPath } from 'node:url';
import { defineConfig, type ViteUserConfig } from 'vitest/config';

/** Each area's unit tests: the files that exercise its code in this process. */
const areaTests = {
  diff: [
    'tests/diff/document-rules.test.ts',
    'tests/diff/schema-rules.test.ts',
    'tests/diff/report.test.ts',
    'tests/diff/source.test.ts',
    'tests/diff/version.test.ts',
    'tests/diff/cli.test.ts',
    'tests/mutation-diff*.test.ts',
    'tests/openapi-*.test.ts',
  ],
  auth: [
    'tests/client-tokens.test.ts',
    'tests/client-credentials.test.ts',
    'tests/client-redirects.test.ts',
    'tests/client-path-params.test.ts',
    'tests/mutation-auth*.test.ts',
  ],
  // The runner's own suites (contract-runner, contract-hostile) spend seconds per test on fuzzing
  // and time bounds; these judge the engine's units against in-process servers in milliseconds.
  contract: ['tests/mutation-contract*.test.ts'],
} as const;

export type MutationArea = keyof typeof areaTests;

const root = fileURLToPath(new URL('../..', import.meta.url));
const authRuntime = fileURLToPath(new URL('../../scripts/codegen/auth-runtime.ts', import.meta.url));

export function mutationVitestConfig(area: MutationArea): ViteUserConfig {
  return defineConfig({
    root,
    plugins: [
      {
        // generated/auth.ts is a verbatim copy of the runtime (`npm test` fails when it is stale):
        // here the generated clients, and the resilience runtime beside it, load the source
        // instead, so the mutants Stryker puts there are the code the client tests run (and one
        // copy only: the two runtimes share its Request class and call key).
        name: 'clients-load-auth-runtime-source',
        enforce: 'pre',
        resolveId(source, importer) {
          const fromGenerated = importer?.replaceAll('\\', '/').includes('/generated/');
          if ((source === '../auth.js' || source === './auth.js') && fromGenerated) return authRuntime;
          return undefined;
        },
      },
    ],
    test: {
      include: [...areaTests[area]],
      globalSetup: ['tests/mutation/bundles.setup.ts'],
      testTimeout: 20_000,
      reporters: ['default'],
    },
  });
}
