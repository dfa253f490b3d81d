/**
 * Bundles a multi-file description into one document, in process (no CLI start-up per API),
 * through openapi-core's documented entry point (`bundle`, `createConfig`). Every file it reads
 * goes through ConfinedResolver: only files inside the API's folder, bounded in size and YAML
 * alias expansion, never a remote URL.
 */
import { bundle, createConfig, type Config } from '@redocly/openapi-core';
import { UserError } from './errors.ts';
import type { OpenApiDocument } from './openapi.ts';
import type { ApiEntry } from './registry.ts';
import { inlineFileRefs } from './inline-refs.ts';
import { ConfinedResolver } from './spec-resolver.ts';

let emptyConfig: Promise<Config> | undefined;

/**
 * No rules, decorators or plugins: a bundle is the description as written, whatever redocly.yaml
 * lints for (as `createEmptyRedoclyConfig` did before).
 */
function bundleConfig(): Promise<Config> {
  emptyConfig ??= createConfig({ rules: {}, preprocessors: {}, decorators: {}, plugins: [] });
  return emptyConfig;
}

/** Bundles the description whose root file is `rootFile`; refs between files become components. */
export async function bundleSpec(rootFile: string): Promise<OpenApiDocument> {
  const externalRefResolver = ConfinedResolver.forRoot(rootFile);
  let result: Awaited<ReturnType<typeof bundle>>;
  try {
    result = await bundle({ ref: rootFile, config: await bundleConfig(), externalRefResolver });
  } catch (error) {
    throw new UserError(`cannot bundle ${rootFile}: ${(error as Error).message}`);
  }
  const unresolved = result.problems.filter((problem) => problem.severity === 'error');
  if (unresolved.length > 0) {
    const lines = unresolved.map((problem) => {
      const where = problem.location[0];
      return `  ${where?.source.absoluteRef ?? rootFile}${where?.pointer ?? ''}: ${problem.message}`;
    });
    throw new UserError(`cannot bundle ${rootFile}:\n${lines.join('\n')}`);
  }
  const document = result.bundle.parsed as OpenApiDocument;
  // Self-contained: no ref to another file survives (the bundler skips those inside x- extensions).
  await inlineFileRefs(document, rootFile, externalRefResolver);
  return document;
}

/**
 * What the confined resolver refused while walking the description's file graph, and nothing else:
 * the gate `npm run lint` passes before Redocly's CLI, which resolves refs by its own resolver
 * (any other problem is the linter's to report, with its code frames).
 */
export async function refusedRefs(rootFile: string): Promise<string[]> {
  const externalRefResolver = ConfinedResolver.forRoot(rootFile);
  try {
    await bundle({ ref: rootFile, config: await bundleConfig(), externalRefResolver });
  } catch {
    // Reported by the linter, unless it was a refusal (kept by the resolver).
  }
  return externalRefResolver.refusals;
}

export interface BuiltApi {
  readonly api: ApiEntry;
  readonly document: OpenApiDocument;
}

/** Every API of `apis` bundled, concurrently. */
export function bundleApis(apis: readonly ApiEntry[]): Promise<BuiltApi[]> {
  return Promise.all(apis.map(async (api) => ({ api, document: await bundleSpec(api.root) })));
}
