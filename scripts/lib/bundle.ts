/**
 * Bundles a multi-file description into one document, in process: one Redocly config load and no
 * CLI start-up per API.
 */
import { bundle, createConfig, type Config } from '@redocly/openapi-core';
import { UserError } from './errors.ts';
import type { OpenApiDocument } from './openapi.ts';

let sharedConfig: Promise<Config> | undefined;

/** Bundling needs no lint rules: an empty config keeps it fast and free of the registry. */
function bundleConfig(): Promise<Config> {
  sharedConfig ??= createConfig({});
  return sharedConfig;
}

/** Bundles the description whose root file is `rootFile`; refs between files become components. */
export async function bundleSpec(rootFile: string): Promise<OpenApiDocument> {
  const result = await bundle({ ref: rootFile, config: await bundleConfig() });
  const unresolved = result.problems.filter((problem) => problem.severity === 'error');
  if (unresolved.length > 0) {
    const lines = unresolved.map((problem) => {
      const where = problem.location[0];
      return `  ${where?.source.absoluteRef ?? rootFile}${where?.pointer ?? ''}: ${problem.message}`;
    });
    throw new UserError(`cannot bundle ${rootFile}:\n${lines.join('\n')}`);
  }
  return result.bundle.parsed as OpenApiDocument;
}
