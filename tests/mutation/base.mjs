/**
 * What every area's Stryker run shares. Incremental: each area keeps its last result under
 * reports/mutation/ (git-ignored; CI caches it), so a re-run tests only the mutants whose code or
 * covering tests changed. Two test runners at most: the machine is shared.
 */
export function mutationConfig(area, mutate) {
  return {
    $schema: '../../node_modules/@stryker-mutator/core/schema/stryker-schema.json',
    packageManager: 'npm',
    testRunner: 'vitest',
    vitest: { configFile: `tests/mutation/vitest.${area}.config.ts`, related: false },
    coverageAnalysis: 'perTest',
    mutate,
    incremental: true,
    incrementalFile: `reports/mutation/${area}/stryker-incremental.json`,
    reporters: ['clear-text', 'progress', 'html', 'json'],
    htmlReporter: { fileName: `reports/mutation/${area}/index.html` },
    jsonReporter: { fileName: `reports/mutation/${area}/mutation.json` },
    concurrency: 2,
    // Mutants in module-level code (rule tables, constants) would re-run every test each: 12 % of
    // the diff checker's mutants for 41 % of its run time. They are reported as ignored.
    ignoreStatic: true,
    timeoutMS: 10_000,
    tempDirName: '.stryker-tmp',
    cleanTempDir: 'always',
    thresholds: { high: 90, low: 85, break: 85 },
  };
}
