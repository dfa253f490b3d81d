/** The test run's build output lives in a temporary folder (vitest.config.ts), never in the project. */
import { sep } from 'node:path';
import { projectRoot, type ApiEntry } from '../../scripts/lib/registry.ts';

/** Throws unless every build output path of `apis` lies outside the project folder. */
export function assertPrivateOutput(apis: readonly ApiEntry[]): void {
  const inside = apis.flatMap((api) => [api.bundleJson, api.bundleYaml, api.docsFile]).filter((path) => path.startsWith(projectRoot + sep));
  if (inside.length > 0) {
    throw new Error(`tests must not write into the project, but these outputs lie inside it: ${inside.join(', ')} (is CHECKOUT_APIS_OUT_DIR set? run tests through vitest)`);
  }
}
