/**
 * Starts one mock per API and keeps each failure to its API: a description Prism cannot serve is
 * reported, and the other mocks keep serving. Records how long each mock took to listen, and the
 * CPU time its Prism used to get there (its own work: the mocks start side by side and share the
 * machine, so their wall times overlap).
 */
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { apiFailure, type ApiFailure } from './api-failures.ts';
import { cpuMsOf, startMock, type RunningMock } from './prism.ts';
import { projectRoot, type ApiEntry } from './registry.ts';

export interface MockSet {
  readonly running: Array<{ api: ApiEntry; mock: RunningMock; ms: number; cpuMs?: number }>;
  readonly failures: ApiFailure[];
}

export async function startEachMock(
  apis: readonly ApiEntry[],
  portOf: (api: ApiEntry) => number | Promise<number> = (api) => api.mockPort,
): Promise<MockSet> {
  const results = await Promise.all(
    apis.map(async (api) => {
      if (!existsSync(api.bundleJson))
        return {
          api,
          failure: {
            api,
            message: `${relative(projectRoot, api.bundleJson)} is missing: run \`npm run generate\`, which builds it or says why it cannot`,
          },
        };
      const started = performance.now();
      try {
        const mock = await startMock({ specFile: api.bundleJson, port: await portOf(api) });
        const cpuMs = cpuMsOf(mock.pid);
        return { api, mock, ms: Math.round(performance.now() - started), ...(cpuMs !== undefined ? { cpuMs } : {}) };
      } catch (error) {
        return { api, failure: apiFailure(api, error) };
      }
    }),
  );
  return {
    running: results.flatMap((result) =>
      'mock' in result && result.mock
        ? [{ api: result.api, mock: result.mock, ms: result.ms!, ...(result.cpuMs !== undefined ? { cpuMs: result.cpuMs } : {}) }]
        : [],
    ),
    failures: results.flatMap((result) => ('failure' in result && result.failure ? [result.failure] : [])),
  };
}
