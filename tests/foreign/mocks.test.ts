/**
 * Issue 15.4 (second half) and per-API errors: a description Prism cannot serve is reported for its
 * API alone, and the other mocks keep serving; `start` serves the APIs that built and exits 1;
 * `contract` runs the APIs that bundle, names the one that does not, and exits 1.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { parseFlags, runContract } from '../../scripts/contract.ts';
import { formatApiFailure } from '../../scripts/lib/api-failures.ts';
import { writeFileAtomic } from '../../scripts/lib/fs-atomic.ts';
import { removeStaleBundles, renderEach } from '../../scripts/lib/generate-apis.ts';
import { startEachMock, type MockSet } from '../../scripts/lib/mock-set.ts';
import { freePort } from '../../scripts/lib/prism.ts';
import { serveBuilt, servedLines, startExitCode, type Served } from '../../scripts/start.ts';
import { scratchProject, spec } from './project.ts';

describe('one failing mock', () => {
  let mocks: MockSet | undefined;
  afterAll(async () => {
    await Promise.all((mocks?.running ?? []).map(({ mock }) => mock.stop()));
  });

  it('is reported, and the others keep serving', async () => {
    const served = spec({
      'GET /stations': { responses: { '200': { description: 'OK', content: { 'application/json': { example: { ok: true } } } } } },
    });
    const project = scratchProject({ 'mock-served': served, 'mock-unservable': served });
    const { outputs } = await renderEach(project.apis);
    for (const output of outputs) writeFileAtomic(output.path, output.content);
    // What an unbundled ref to a file did to Prism: it cannot read the description and exits.
    const broken = project.apis[1]!.bundleJson;
    mkdirSync(dirname(broken), { recursive: true });
    writeFileSync(broken, JSON.stringify({ ...served, paths: { '/x': { $ref: './missing.yaml' } } }));
    mocks = await startEachMock(project.apis, () => freePort());
    expect(mocks.running.map(({ api }) => api.name)).toEqual(['mock-served']);
    expect(mocks.failures.map(({ api }) => api.name)).toEqual(['mock-unservable']);
    expect(mocks.failures[0]!.message).toMatch(/Prism exited/);
    const response = await fetch(`${mocks.running[0]!.mock.url}/stations`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  }, 120_000);
});

describe('start with a broken API', () => {
  let served: Served | undefined;
  afterAll(async () => {
    await Promise.all([...(served?.running ?? []).map(({ mock }) => mock.stop()), served?.docs.stop()]);
  });

  it('serves the APIs that built, reports the one that did not, and exits 1', async () => {
    const fine = spec({
      'GET /stations': { responses: { '200': { description: 'OK', content: { 'application/json': { example: { ok: true } } } } } },
    });
    const project = scratchProject({
      'start-fine': fine,
      'start-broken': spec({ 'GET /trips': { responses: { '200': { $ref: './responses/missing.yaml' } } } }),
    });
    // Docs pages in the scratch project, not in the test run's shared output folder.
    const apis = project.apis.map((api) => ({ ...api, docsFile: join(project.root, 'docs', `${api.name}.html`) }));
    mkdirSync(join(project.root, 'docs'));
    const [good, broken] = apis;
    // A bundle an earlier build left for the API that no longer builds must not be served.
    mkdirSync(dirname(broken!.bundleJson), { recursive: true });
    writeFileSync(broken!.bundleJson, JSON.stringify(fine));
    const { outputs, failures: generateFailures } = await renderEach(project.apis);
    for (const output of outputs) writeFileAtomic(output.path, output.content);
    expect(generateFailures.map(({ api }) => api.name)).toEqual(['start-broken']);
    removeStaleBundles(generateFailures);

    served = await serveBuilt(apis, await freePort(), () => freePort());

    expect(served.running.map(({ api }) => api.name)).toEqual(['start-fine']);
    expect(served.failures.map(({ api }) => api.name)).toEqual(['start-broken']);
    expect(formatApiFailure(served.failures[0]!)).toMatch(
      /^error: start-broken: .*start-broken\/openapi\.json is missing: run `npm run generate`/,
    );
    const lines = servedLines(apis, served);
    expect(lines.filter((line) => line.startsWith('mock'))).toEqual([
      expect.stringMatching(/^mock {2}start-fine {3}http:\/\/127\.0\.0\.1:\d+ {2}\(ready in /),
    ]);
    const response = await fetch(`${served.running[0]!.mock.url}/stations`);
    expect(await response.json()).toEqual({ ok: true });
    expect(good!.name).toBe('start-fine');
    expect(startExitCode([], served.failures)).toBe(1);
    expect(startExitCode(['lint'], [])).toBe(1);
    expect(startExitCode([], [])).toBe(0);
  }, 120_000);
});

describe('contract with a broken API', () => {
  it('runs the others, reports the broken one by name and file, and exits 1', async () => {
    const project = scratchProject({
      'contract-fine': spec({
        'GET /stations': {
          operationId: 'stations_list',
          responses: {
            '200': { description: 'OK', content: { 'application/json': { schema: { type: 'object' }, example: { ok: true } } } },
          },
        },
      }),
      'contract-broken': spec({ 'GET /trips': { responses: { '200': { $ref: './responses/missing.yaml' } } } }),
    });
    // Taken as external descriptions: no house conventions demanded of the fine one.
    const apis = project.apis.map((api) => ({ ...api, style: 'external' as const }));
    // The suite calls each API through its generated client.
    const { outputs } = await renderEach(project.apis);
    for (const output of outputs) writeFileAtomic(output.path, output.content);
    const junit = join(project.root, 'junit.xml');
    const out: string[] = [];
    const errors: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: unknown) => void out.push(String(line)));
    vi.spyOn(console, 'error').mockImplementation((line: unknown) => void errors.push(String(line)));
    try {
      const code = await runContract(parseFlags(['--fuzz-runs', '0', '--junit', junit]), apis);
      expect(code, [...out, ...errors].join('\n')).toBe(1);
    } finally {
      vi.restoreAllMocks();
    }
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^error: contract-broken: cannot bundle .*openapi\/contract-broken\/openapi\.yaml/);
    expect(errors[0]).toContain('responses/missing.yaml');
    expect(errors[0]).not.toMatch(/\n\s+at /);
    const summary = out.at(-1)!;
    expect(summary).toMatch(/^contract: [1-9]\d* passed, 0 failed, \d+ not run; 1 API not run \(errors above\): contract-broken; JUnit/);
    expect(readFileSync(junit, 'utf8')).toContain('contract-fine');
  }, 120_000);
});
