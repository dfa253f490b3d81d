/**
 * Two projects, each runnable alone (`vitest --project unit|integration`):
 * - unit: in-process only. No child process, no socket (tests/setup/unit-guard.ts enforces it), no
 *   Prism; `npm run test:watch` watches these.
 * - integration: Prism mocks (started once per run by tests/setup/mocks.ts), Chromium, git, tsgo,
 *   local HTTP servers.
 * Every run writes its build output (bundles, docs) into a temporary folder, never into dist/.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configDefaults, defineConfig } from 'vitest/config';

/** Test files that start processes, open sockets or drive a browser. Every other test is a unit test. */
export const integrationTests = [
  'tests/auth.test.ts',
  'tests/bad-input.test.ts',
  'tests/cli-bin.test.ts',
  'tests/client-hostile-spec.test.ts',
  'tests/client-path-params.test.ts',
  'tests/client-redirects.test.ts',
  'tests/client-resilience.test.ts',
  'tests/client-tokens.test.ts',
  'tests/code-samples.test.ts',
  'tests/contract-hostile.test.ts',
  'tests/contract-lifecycle.test.ts',
  'tests/contract-mock.test.ts',
  'tests/contract-runner.test.ts',
  'tests/diff/cli.test.ts',
  'tests/diff/end-to-end.test.ts',
  'tests/docs-browser.test.ts',
  'tests/docs-csp.test.ts',
  'tests/docs-site.test.ts',
  'tests/docs-static-server.test.ts',
  'tests/foreign/contract-style.test.ts',
  'tests/foreign/fuzz-budget.test.ts',
  'tests/foreign/mocks.test.ts',
  'tests/lint-no-raw-html.test.ts',
  'tests/lint-provenance.test.ts',
  'tests/mutation-contract-session.test.ts',
  'tests/mutation-diff-git.test.ts',
  'tests/mutation-diff-inputs.test.ts',
  'tests/packages-consumer.test.ts',
  'tests/release.test.ts',
  'tests/spec-pipeline-security.test.ts',
  'tests/token-request.test.ts',
  'tests/typecheck.test.ts',
  'tests/types.test.ts',
  'tests/workflow-hardening.test.ts',
];

// One private output folder per vitest process, shared by the main process (global setup) and the
// workers (they inherit the environment); removed when vitest exits.
if (!process.env.CHECKOUT_APIS_TEST_RUN) {
  const outDir = mkdtempSync(join(tmpdir(), 'checkout-apis-test-'));
  process.env.CHECKOUT_APIS_OUT_DIR = outDir;
  process.env.CHECKOUT_APIS_TEST_RUN = String(process.pid);
  process.on('exit', () => rmSync(outDir, { recursive: true, force: true }));
}

export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 90_000,
    // Threads start faster than forks, and without per-file isolation a worker imports the toolchain
    // once instead of once per file (the suites keep no global state between files).
    pool: 'threads',
    isolate: false,
    maxWorkers: 2,
    reporters: ['default'],
    // In watch mode a spec edit reruns the tests (the global setup bundles afresh first).
    forceRerunTriggers: [...configDefaults.forceRerunTriggers, '**/openapi/**/*.yaml', '**/redocly.yaml'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/**/*.test.ts'],
          exclude: integrationTests,
          globalSetup: ['tests/setup/bundles.ts'],
          setupFiles: ['tests/setup/unit-guard.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: integrationTests,
          globalSetup: ['tests/setup/bundles.ts', 'tests/setup/mocks.ts'],
          setupFiles: ['tests/setup/no-network.ts'],
        },
      },
    ],
  },
});
