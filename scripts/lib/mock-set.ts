/**
 * Starts one mock per API and keeps each failure to its API: a description Prism cannot serve is
 * reported, and the other mocks keep serving. Records how long each mock took to listen.
 */
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { startMock, type RunningMock } from './prism.ts';
import { projectRoot, type ApiEntry } from './registry.ts';

export interface MockSet {
  readonly running: Array<{ api: ApiEntry; mock: RunningMock; ms: number }>;
  readonly failures: Array<{ api: ApiEntry; message: string }>;
}

export async function startEachMock(
  apis: readonly ApiEntry[],
  portOf: (api: ApiEntry) => number | Promise<number> = (api) => api.mockPort,
): Promise<MockSet> {
  const results = await Promise.all(
    apis.map(async (api) => {
      if (!existsSync(api.bundleJson))
        return { api, message: `${relative(projectRoot, api.bundleJson)} is missing: run \`npm run generate\` first` };
      const started = performance.now();
      try {
        const mock = await startMock({ specFile: api.bundleJson, port: await portOf(api) });
        return { api, mock, ms: Math.round(performance.now() - started) };
      } catch (error) {
        return { api, message: (error as Error).message };
      }
    }),
  );
  return {
    running: results.flatMap((result) => ('mock' in result && result.mock ? [{ api: result.api, mock: result.mock, ms: result.ms! }] : [])),
    failures: results.flatMap((result) =>
      'message' in result && result.message !== undefined ? [{ api: result.api, message: result.message }] : [],
    ),
  };
}
