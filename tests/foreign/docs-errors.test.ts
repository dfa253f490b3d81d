/**
 * Per-API errors in `npm run docs`: an API whose description does not bundle, or whose pages
 * cannot be built, is reported by name with the file and field at fault (no stack); the other
 * APIs' pages and the index are still written, and the command exits 1.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildEachDocs, writeEachDocs } from '../../scripts/docs.ts';
import { scratchProject, spec } from './project.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('docs with broken APIs among good ones', () => {
  it('reports each broken API and still writes the others', async () => {
    const project = scratchProject({
      'docs-fine': spec({ 'GET /stations': {} }),
      'docs-unbundled': spec({ 'GET /trips': { responses: { '200': { $ref: './responses/missing.yaml' } } } }),
      'docs-bad-version': { ...spec({ 'GET /fares': {} }), info: { title: 'Fares', version: '../../escape' } },
    });
    // Pages in the scratch project, not in the test run's shared output folder.
    const apis = project.apis.map((api) => ({ ...api, docsFile: join(project.root, 'docs', `${api.name}.html`) }));
    const errors: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((line: unknown) => void errors.push(String(line)));
    vi.spyOn(console, 'log').mockImplementation(() => undefined);

    const code = await writeEachDocs(apis, undefined, false, 'apis: {}\n');

    expect(code).toBe(1);
    const [fine, unbundled, badVersion] = apis;
    expect(readFileSync(fine!.docsFile, 'utf8')).toContain('<html');
    expect(existsSync(unbundled!.docsFile)).toBe(false);
    expect(existsSync(badVersion!.docsFile)).toBe(false);
    const index = readFileSync(join(project.root, 'docs', 'index.html'), 'utf8');
    expect(index).toContain('docs-fine.html');
    expect(index).not.toContain('docs-unbundled.html');
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/^error: docs-unbundled: cannot bundle .*openapi\/docs-unbundled\/openapi\.yaml/);
    expect(errors[0]).toContain('responses/missing.yaml');
    expect(errors[1]).toMatch(/^error: docs-bad-version: info\.version "\.\.\/\.\.\/escape" cannot name a docs page: expected /);
    expect(errors.join('\n')).not.toMatch(/\n\s+at /);
  }, 60_000);

  it('exits 0 when every API builds, and times each API alone', async () => {
    const project = scratchProject({ 'docs-alone': spec({ 'GET /stations': {} }) });
    const apis = project.apis.map((api) => ({ ...api, docsFile: join(project.root, 'docs', `${api.name}.html`) }));
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    expect(await writeEachDocs(apis, undefined, false, 'apis: {}\n')).toBe(0);
    expect(existsSync(apis[0]!.docsFile)).toBe(true);
    // Each API's own time: wall and CPU, built alone.
    const { times, cpuTimes } = await buildEachDocs(apis, {}, 'apis: {}\n');
    expect(Object.keys(times)).toEqual(['docs-alone']);
    expect(cpuTimes['docs-alone']).toBeGreaterThan(0);
  }, 60_000);
});
