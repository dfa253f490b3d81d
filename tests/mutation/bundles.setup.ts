/**
 * Global setup of the mutation run: writes each API's bundle under dist/ (the unit tests read
 * them), without starting the Prism mocks the full suite's setup adds.
 */
import { bundleOutputs } from '../../scripts/lib/build-outputs.ts';
import { bundleApis } from '../../scripts/lib/bundle.ts';
import { writeFileAtomic } from '../../scripts/lib/fs-atomic.ts';
import { loadRegistry } from '../../scripts/lib/registry.ts';

export default async function setup(): Promise<void> {
  const built = await bundleApis(loadRegistry());
  for (const output of built.flatMap(bundleOutputs)) writeFileAtomic(output.path, output.content);
}
