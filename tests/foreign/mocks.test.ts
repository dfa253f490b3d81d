/**
 * Issue 15.4 (second half): a description Prism cannot serve is reported for its API alone; the
 * other mocks keep serving.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../scripts/lib/fs-atomic.ts';
import { renderEach } from '../../scripts/lib/generate-apis.ts';
import { startEachMock, type MockSet } from '../../scripts/lib/mock-set.ts';
import { freePort } from '../../scripts/lib/prism.ts';
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
