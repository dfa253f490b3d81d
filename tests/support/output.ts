/** The test run's build output lives in a temporary folder (vitest.config.ts), never in the project. */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { join, sep } from 'node:path';
import { outputRoot, projectRoot, type ApiEntry } from '../../scripts/lib/registry.ts';

/** Throws unless every build output path of `apis` lies outside the project folder. */
export function assertPrivateOutput(apis: readonly ApiEntry[]): void {
  const inside = apis.flatMap((api) => [api.bundleJson, api.bundleYaml, api.docsFile]).filter((path) => path.startsWith(projectRoot + sep));
  if (inside.length > 0) {
    throw new Error(
      `tests must not write into the project, but these outputs lie inside it: ${inside.join(', ')} (is CHECKOUT_APIS_OUT_DIR set? run tests through vitest)`,
    );
  }
}

/**
 * A fresh folder inside the test run's output folder, which vitest.config.ts removes when the run
 * ends (even a run cut short), so nothing a test writes outlives it.
 */
export function scratchDir(prefix: string): string {
  const root = outputRoot();
  if (root.startsWith(projectRoot + sep))
    throw new Error(`tests must not write into the project, but the output folder is ${root} (run tests through vitest)`);
  mkdirSync(root, { recursive: true });
  return mkdtempSync(join(root, prefix));
}
