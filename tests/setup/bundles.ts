/**
 * Vitest global setup of both projects: bundles every API of the registry into this run's private
 * output folder (CHECKOUT_APIS_OUT_DIR, set by vitest.config.ts), where the tests read them. Once
 * per run, whichever project comes first; again before each rerun in watch mode, since a spec edit
 * triggers one (forceRerunTriggers).
 */
import type { TestProject } from 'vitest/node';
import { bundleOutputs } from '../../scripts/lib/build-outputs.ts';
import { bundleApis } from '../../scripts/lib/bundle.ts';
import { writeFileAtomic } from '../../scripts/lib/fs-atomic.ts';
import { loadRegistry } from '../../scripts/lib/registry.ts';
import { assertPrivateOutput } from '../support/output.ts';

async function writeBundles(): Promise<void> {
  const apis = loadRegistry();
  assertPrivateOutput(apis);
  const built = await bundleApis(apis);
  for (const output of built.flatMap(bundleOutputs)) writeFileAtomic(output.path, output.content);
}

export default async function setup(project: TestProject): Promise<void> {
  project.onTestsRerun(writeBundles);
  if (process.env.CHECKOUT_APIS_TEST_BUNDLED) return;
  await writeBundles();
  process.env.CHECKOUT_APIS_TEST_BUNDLED = '1';
}
