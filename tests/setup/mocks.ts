/**
 * Vitest global setup: bundles every API of the registry and starts a Prism mock for each on a
 * free port, so tests never collide with `npm run mock` on the stable ports.
 */
import type { TestProject } from 'vitest/node';
import { bundleOutputs } from '../../scripts/lib/build-outputs.ts';
import { bundleApis } from '../../scripts/lib/bundle.ts';
import { writeFileAtomic } from '../../scripts/lib/fs-atomic.ts';
import { freePort, startMock, type RunningMock } from '../../scripts/lib/prism.ts';
import { loadRegistry } from '../../scripts/lib/registry.ts';
import { snapshotSpec } from '../../scripts/lib/spec-snapshot.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Mock base URL per API name. */
    mockUrls: Record<string, string>;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const built = await bundleApis(loadRegistry());
  for (const output of built.flatMap(bundleOutputs)) writeFileAtomic(output.path, output.content);
  // Prism reloads when its file changes; a private copy keeps later writes to dist/ from restarting it mid-run.
  const snapshots = built.map(({ api, document }) => snapshotSpec(api.name, document));
  const mocks: Array<[string, RunningMock]> = await Promise.all(
    built.map(async ({ api }, index) => [api.name, await startMock({ specFile: snapshots[index]!.file, port: await freePort() })] as [string, RunningMock]),
  );
  project.provide('mockUrls', Object.fromEntries(mocks.map(([name, mock]) => [name, mock.url])));
  return async () => {
    await Promise.all(mocks.map(([, mock]) => mock.stop()));
    for (const snapshot of snapshots) snapshot.remove();
  };
}
