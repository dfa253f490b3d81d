/**
 * What `npm run generate` does per API, with errors kept per API: an API whose description cannot
 * be bundled or rendered is reported, and the others still build. After writing, the clients are
 * type-checked (with their schema.d.ts and the auth runtime) before anything is called done.
 */
import { rmSync } from 'node:fs';
import { bundleSpec, type BuiltApi } from './bundle.ts';
import { bundleOutputs, codeOutputs, runtimeOutput, type Output } from './build-outputs.ts';
import { attemptEach, type ApiFailure } from './api-failures.ts';
import type { ApiEntry } from './registry.ts';
import { typecheckGenerated } from './typecheck-generated.ts';

export type { ApiFailure } from './api-failures.ts';

export interface Rendered {
  readonly outputs: Output[];
  readonly built: BuiltApi[];
  readonly failures: ApiFailure[];
  /** Milliseconds spent on each API (bundle and render), by API name: each API's own, as they run one after the other. */
  readonly times: Record<string, number>;
  /** CPU milliseconds of this process spent on each API: its own work, however busy the machine. */
  readonly cpuTimes: Record<string, number>;
}

/**
 * Every API bundled and rendered, one after the other (the work is all on this thread, so running
 * them side by side would only blur each API's time); a throw fails that API only.
 */
export async function renderEach(apis: readonly ApiEntry[]): Promise<Rendered> {
  const { values, failures, times, cpuTimes } = await attemptEach(apis, async (api) => {
    const entry = { api, document: await bundleSpec(api.root) };
    return { entry, outputs: [...bundleOutputs(entry), ...(await codeOutputs(entry))] };
  });
  const built = values.map((value) => value.entry);
  const outputs = values.flatMap((value) => value.outputs);
  outputs.push(...runtimeOutput(built.map((entry) => entry.api)));
  return { outputs, built, failures, times, cpuTimes };
}

/** The bundles a failed API left from an earlier run: removed, so no mock or page serves a description that no longer builds. */
export function removeStaleBundles(failures: readonly ApiFailure[]): void {
  for (const { api } of failures) for (const file of [api.bundleJson, api.bundleYaml]) rmSync(file, { force: true });
}

/** Type errors in the written clients of `built`, one line each; none means they compile. */
export function typeErrorsOf(built: readonly BuiltApi[], root: string): string[] {
  if (built.length === 0) return [];
  return typecheckGenerated(
    built.map((entry) => entry.api.clientFile),
    root,
  );
}
