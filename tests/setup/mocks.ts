/**
 * Vitest global setup of the integration project: one Prism mock per API of the registry, started
 * once per run on free ports (so tests never collide with `npm run mock` on the stable ports) and
 * stopped at the end. Each serves a private copy of its bundle: Prism restarts when its file
 * changes, and tests may rewrite the run's bundles.
 */
import { readFileSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import type { OpenApiDocument } from '../../scripts/lib/openapi.ts';
import { freePort, startMock } from '../../scripts/lib/prism.ts';
import { loadRegistry } from '../../scripts/lib/registry.ts';
import { snapshotSpec } from '../../scripts/lib/spec-snapshot.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Mock base URL per API name. */
    mockUrls: Record<string, string>;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const apis = loadRegistry();
  const snapshots = apis.map((api) => snapshotSpec(api.name, JSON.parse(readFileSync(api.bundleJson, 'utf8')) as OpenApiDocument));
  const started = await Promise.allSettled(
    apis.map(async (api, index) => [api.name, await startMock({ specFile: snapshots[index]!.file, port: await freePort() })] as const),
  );
  const mocks = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const stop = async () => {
    await Promise.all(mocks.map(([, mock]) => mock.stop()));
    for (const snapshot of snapshots) snapshot.remove();
  };
  const failure = started.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failure) {
    await stop();
    throw failure.reason;
  }
  project.provide('mockUrls', Object.fromEntries(mocks.map(([name, mock]) => [name, mock.url])));
  return stop;
}
