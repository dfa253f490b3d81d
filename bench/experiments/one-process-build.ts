/**
 * Experiment behind a build proposal: the whole build — lint with the registry's rules, bundles,
 * types, clients and docs — in one process, through the project's own functions, bundling once.
 * Renders everything and writes nothing; prints one JSON line of timings for bench/build.ts.
 */
import { performance } from 'node:perf_hooks';
const started = performance.now();
const { lint, loadConfig } = await import('@redocly/openapi-core');
const { renderOutputs } = await import('../../scripts/lib/build-outputs.ts');
const { bundleApis } = await import('../../scripts/lib/bundle.ts');
const { renderDocs } = await import('../../scripts/lib/docs/build.ts');
const { loadRegistry, registryFile } = await import('../../scripts/lib/registry.ts');
const imported = performance.now();

const apis = loadRegistry();
const config = await loadConfig({ configPath: registryFile });
const problems = await Promise.all(apis.map((api) => lint({ ref: api.root, config: config.forAlias(api.id) })));
const errors = problems.flat().filter((problem) => problem.severity === 'error').length;
const linted = performance.now();
const built = await bundleApis(apis);
const outputs = await renderOutputs(built);
const generated = performance.now();
const docs = renderDocs(built);
const documented = performance.now();

console.log(
  JSON.stringify({
    importMs: imported - started,
    lintMs: linted - imported,
    generateMs: generated - linted,
    docsMs: documented - generated,
    lintErrors: errors,
    outputs: outputs.length + docs.length,
  }),
);
