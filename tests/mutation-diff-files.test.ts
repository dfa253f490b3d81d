/**
 * Two spec files compared without the version gate (`npm run diff -- a.yaml b.yaml`): the run
 * passes when nothing is breaking (or, with --fail-on-warning, nothing is a warning either), says
 * what bump the change needs, and points each change at its line in the file that holds it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { diffSpecs } from '../scripts/lib/diff/index.ts';
import { loadFile } from '../scripts/lib/diff/inputs.ts';

const scratch = mkdtempSync(join(tmpdir(), 'diff-files-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const operation = (id: string) => `    get:\n      operationId: ${id}\n      responses:\n        '200':\n          description: ok\n`;
const spec = (paths: Record<string, string>, version = '1.0.0') =>
  `openapi: 3.1.0\ninfo:\n  title: Shop\n${version === '' ? '' : `  version: ${version}\n`}paths:\n${Object.entries(paths)
    .map(([path, id]) => `  ${path}:\n${operation(id)}`)
    .join('')}`;

async function load(name: string, text: string) {
  writeFileSync(join(scratch, name), text);
  return loadFile(join(scratch, name), scratch);
}

describe('two spec files', () => {
  it('no changes: passes, nothing needed', async () => {
    const result = diffSpecs(await load('a.yaml', spec({ '/items': 'list' })), await load('b.yaml', spec({ '/items': 'list' }, '1.0.1')));
    expect(result).toEqual({
      api: 'b.yaml',
      status: 'compared',
      baseVersion: '1.0.0',
      headVersion: '1.0.1',
      changes: [],
      verdict: { ok: true, needed: 'none', message: 'b.yaml: nothing breaking (0 change(s))' },
    });
  });

  it('an added operation: passes, a minor or patch bump, located in the head file', async () => {
    const result = diffSpecs(
      await load('a.yaml', spec({ '/items': 'list' })),
      await load('c.yaml', spec({ '/items': 'list', '/orders': 'orders' })),
    );
    expect(result.verdict).toEqual({ ok: true, needed: 'minor or patch', message: 'c.yaml: nothing breaking (1 change(s))' });
    expect(result.changes.map((change) => [change.id, change.location.source])).toEqual([['operation-added', 'c.yaml:13']]);
  });

  it('a removed operation: fails, a major bump, located in the base file', async () => {
    const result = diffSpecs(
      await load('d.yaml', spec({ '/items': 'list', '/orders': 'orders' })),
      await load('e.yaml', spec({ '/items': 'list' })),
    );
    expect(result.verdict).toEqual({ ok: false, needed: 'major', message: 'e.yaml: 1 breaking change(s)' });
    expect(result.changes.map((change) => [change.id, change.location.source])).toEqual([['operation-removed', 'd.yaml:13']]);
  });

  it('a warning fails only with --fail-on-warning', async () => {
    const base = await load('f.yaml', spec({ '/items': 'list' }));
    const head = await load('g.yaml', spec({ '/items': 'listItems' }));
    expect(diffSpecs(base, head).verdict).toEqual({
      ok: true,
      needed: 'minor or patch',
      message: 'g.yaml: nothing breaking (1 change(s))',
    });
    expect(diffSpecs(base, head, { failOnWarning: true }).verdict).toEqual({
      ok: false,
      needed: 'major',
      message: 'g.yaml: 1 breaking change(s) or warning(s)',
    });
  });

  it('a description without info has no version', async () => {
    const bare = 'openapi: 3.1.0\npaths: {}\n';
    const result = diffSpecs(await load('j.yaml', bare), await load('k.yaml', bare));
    expect([result.baseVersion, result.headVersion, result.verdict.ok]).toEqual(['', '', true]);
  });

  it('a missing info.version reads as empty', async () => {
    const result = diffSpecs(await load('h.yaml', spec({ '/items': 'list' }, '')), await load('i.yaml', spec({ '/items': 'list' }, '')));
    expect([result.baseVersion, result.headVersion]).toEqual(['', '']);
  });
});
