/**
 * Issue 15.8: the generated requests of a run have a time budget, and report progress (sent /
 * planned) as they go.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { contractApi } from '../../scripts/lib/contract/api.ts';
import { runContractApi } from '../../scripts/lib/contract/run.ts';
import { writeFileAtomic } from '../../scripts/lib/fs-atomic.ts';
import { renderEach } from '../../scripts/lib/generate-apis.ts';
import { scratchProject, spec } from './project.ts';

const document = spec({
  'GET /slow': {
    operationId: 'slow_get',
    parameters: [
      {
        name: 'n',
        in: 'query',
        required: true,
        schema: { type: 'integer', format: 'int64', minimum: -9_223_372_036_854_775_808, maximum: 9_223_372_036_854_775_807 },
      },
    ],
    responses: { '200': { description: 'OK', content: { 'application/json': { schema: { type: 'object' }, example: {} } } } },
  },
});

describe('a time budget for generated requests', () => {
  it('stops when the budget is spent, says so, and reports progress on the way', async () => {
    const project = scratchProject({ 'fuzz-budget': document });
    const { outputs, built } = await renderEach(project.apis);
    for (const output of outputs) writeFileAtomic(output.path, output.content);
    const server = createServer((_request, response) =>
      setTimeout(() => response.writeHead(200, { 'content-type': 'application/json' }).end('{}'), 40),
    );
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    try {
      const progress: Array<[number, number]> = [];
      const loaded = contractApi(built[0]!.api, built[0]!.document);
      const report = await runContractApi(loaded, {
        kind: 'mock',
        baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        credentials: {},
        fuzzRuns: 500,
        concurrency: 1,
        fuzzBudgetMs: 400,
        onProgress: (sent, planned) => progress.push([sent, planned]),
      });
      const fuzz = report.results.find((result) => result.check.kind === 'fuzz')!;
      expect(fuzz.notes.join('\n')).toMatch(/stopped after \d+ requests: the time budget of 0.4 s was spent/);
      expect(progress.length).toBeGreaterThan(0);
      expect(progress.length).toBeLessThan(500);
      expect(progress.every(([, planned]) => planned === 500)).toBe(true);
      expect(progress.map(([sent]) => sent)).toEqual(progress.map((_, index) => index + 1));
    } finally {
      await new Promise((closed) => server.close(closed));
    }
  }, 60_000);
});

describe('no test leaves the machine', () => {
  it('fetch in an integration test refuses any host but this one', async () => {
    await expect(fetch('https://example.com/oauth/token')).rejects.toThrow(
      /tests never leave the machine: refused a request to https:\/\/example\.com/,
    );
  });
});
