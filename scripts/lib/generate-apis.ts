/**
 * What `npm run generate` does per API, with errors kept per API: an API whose description cannot
 * be bundled or rendered is reported, and the others still build. After writing, the clients are
 * type-checked (with their schema.d.ts and the auth runtime) before anything is called done.
 */
import { bundleSpec, type BuiltApi } from './bundle.ts';
import { bundleOutputs, codeOutputs, runtimeOutput, type Output } from './build-outputs.ts';
import { UserError } from './errors.ts';
import type { ApiEntry } from './registry.ts';
import { typecheckGenerated } from './typecheck-generated.ts';

export interface ApiFailure {
  readonly api: ApiEntry;
  readonly message: string;
}

export interface Rendered {
  readonly outputs: Output[];
  readonly built: BuiltApi[];
  readonly failures: ApiFailure[];
  /** Milliseconds spent on each API (bundle and render), by API name. */
  readonly times: Record<string, number>;
}

/** Every API bundled and rendered; a UserError fails that API only (anything else is a bug and propagates). */
export async function renderEach(apis: readonly ApiEntry[]): Promise<Rendered> {
  const times: Record<string, number> = {};
  const results = await Promise.all(
    apis.map(async (api) => {
      const started = performance.now();
      try {
        const built = { api, document: await bundleSpec(api.root) };
        const outputs = [...bundleOutputs(built), ...(await codeOutputs(built))];
        return { built, outputs };
      } catch (error) {
        if (!(error instanceof UserError)) throw error;
        return { failure: { api, message: error.message } };
      } finally {
        times[api.name] = Math.round(performance.now() - started);
      }
    }),
  );
  const built = results.flatMap((result) => (result.built ? [result.built] : []));
  const outputs = [...results.flatMap((result) => result.outputs ?? []), ...runtimeOutput(built.map((entry) => entry.api))];
  return { outputs, built, failures: results.flatMap((result) => (result.failure ? [result.failure] : [])), times };
}

/** Type errors in the written clients of `built`, one line each; none means they compile. */
export function typeErrorsOf(built: readonly BuiltApi[], root: string): string[] {
  if (built.length === 0) return [];
  return typecheckGenerated(
    built.map((entry) => entry.api.clientFile),
    root,
  );
}
