/**
 * What the diff checker reads before it compares: the rule level overrides of redocly.yaml, and
 * each side of a comparison (a file, or `<ref>:<path>` in git), parsed as it is or bundled when it
 * refers to other files. Bad input gets an error naming the file and what was expected.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffApis, loadArgument, loadOverrides, overridesFrom, rules } from '../scripts/lib/diff/index.ts';
import { hasExternalRefs, loadFile } from '../scripts/lib/diff/inputs.ts';

const scratch = realpathSync(mkdtempSync(join(tmpdir(), 'diff-inputs-')));
const repo = join(scratch, 'repo');
const git = (...args: string[]) =>
  execFileSync('git', ['-C', repo, '-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], {
    stdio: 'pipe',
  });

const spec = (version: string, schema = '{ type: object }') =>
  `openapi: 3.1.0\ninfo: { title: Shop, version: ${version} }\npaths:\n  /items:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: ${schema}\n`;

beforeAll(() => {
  mkdirSync(join(repo, 'api', 'schemas'), { recursive: true });
  execFileSync('git', ['init', '--quiet', repo]);
  writeFileSync(join(repo, 'api', 'openapi.yaml'), spec('1.0.0'));
  writeFileSync(join(repo, 'api', 'split.yaml'), spec('1.0.0', "{ $ref: 'schemas/item.yaml' }"));
  writeFileSync(join(repo, 'api', 'schemas', 'item.yaml'), 'type: object\nproperties:\n  id: { type: string }\n');
  git('add', '.');
  git('commit', '--quiet', '-m', 'specs');
  writeFileSync(join(repo, 'api', 'openapi.yaml'), spec('1.1.0'));
});

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('rule level overrides', () => {
  const id = rules[0]!.id;

  it('are read from x-checkout-apis.diff.rules', () => {
    expect(overridesFrom({ 'x-checkout-apis': { diff: { rules: { [id]: 'info' } } } })).toEqual(new Map([[id, 'info']]));
  });

  it.each([[undefined], [{}], [{ 'x-checkout-apis': {} }], [{ 'x-checkout-apis': { diff: {} } }], ['text']])(
    'are none when not given (%j)',
    (config) => {
      expect(overridesFrom(config)).toEqual(new Map());
    },
  );

  it.each([
    [{ 'x-checkout-apis': 'x' }, 'conf.yaml: x-checkout-apis: expected a mapping'],
    [{ 'x-checkout-apis': { diff: [] } }, 'conf.yaml: x-checkout-apis.diff: expected a mapping with rules'],
    [
      { 'x-checkout-apis': { diff: { rules: 'all' } } },
      'conf.yaml: x-checkout-apis.diff.rules: expected a mapping of rule id to breaking, warning or info',
    ],
    [
      { 'x-checkout-apis': { diff: { rules: { 'no-such-rule': 'info' } } } },
      'conf.yaml: x-checkout-apis.diff.rules.no-such-rule: expected a rule id that `npm run diff -- --rules` lists',
    ],
    [
      { 'x-checkout-apis': { diff: { rules: { [id]: 'fatal' } } } },
      `conf.yaml: x-checkout-apis.diff.rules.${id}: expected one of breaking, warning, info, got "fatal"`,
    ],
    [
      { 'x-checkout-apis': { diff: { rules: { [id]: 3 } } } },
      `conf.yaml: x-checkout-apis.diff.rules.${id}: expected one of breaking, warning, info, got 3`,
    ],
  ])('bad overrides are named: %j', (config, message) => {
    expect(() => overridesFrom(config, 'conf.yaml')).toThrow(message);
  });

  it('a file that does not exist has none; one that is not YAML is named', () => {
    expect(loadOverrides(join(scratch, 'none.yaml'))).toEqual(new Map());
    writeFileSync(join(scratch, 'bad.yaml'), 'a: [1\n');
    expect(() => loadOverrides(join(scratch, 'bad.yaml'), 'bad.yaml')).toThrow(/^bad\.yaml: not valid YAML: .+/);
    writeFileSync(join(scratch, 'good.yaml'), `x-checkout-apis:\n  diff:\n    rules:\n      ${id}: warning\n`);
    expect(loadOverrides(join(scratch, 'good.yaml'))).toEqual(new Map([[id, 'warning']]));
  });
});

describe('one side of a comparison', () => {
  it('a file, named relative to where the command runs', async () => {
    const loaded = await loadArgument('api/openapi.yaml', repo);
    expect(loaded.name).toBe('api/openapi.yaml');
    expect(loaded.document).toMatchObject({ info: { version: '1.1.0' } });
  });

  it('a file at a ref, from the repository top or relative to the current folder', async () => {
    const fromTop = await loadArgument('HEAD:api/openapi.yaml', join(repo, 'api'));
    expect(fromTop.name).toBe('HEAD:api/openapi.yaml');
    expect(fromTop.document).toMatchObject({ info: { version: '1.0.0' } });
    const relative = await loadArgument('HEAD:./openapi.yaml', join(repo, 'api'));
    expect(relative.name).toBe('HEAD:api/openapi.yaml');
    expect((await loadArgument('HEAD:../openapi.yaml', join(repo, 'api', 'schemas'))).name).toBe('HEAD:api/openapi.yaml');
  });

  it('a change inside another file at a ref is located in that file, named by the ref', async () => {
    const { sources } = await loadArgument('HEAD:api/split.yaml', repo);
    expect(sources.locate('/paths/~1items/get/responses/200/content/application~1json/schema/properties/id')).toBe(
      'HEAD:api/schemas/item.yaml:3',
    );
  });

  it('a file with refs to other files is bundled, in the tree and at a ref', async () => {
    for (const argument of ['api/split.yaml', 'HEAD:api/split.yaml']) {
      const { document } = await loadArgument(argument, repo);
      expect(hasExternalRefs(document)).toBe(false);
      expect(JSON.stringify(document)).toContain('"properties":{"id":{"type":"string"}}');
    }
  });

  it.each([
    ['nothing.yaml', 'nothing.yaml: no such file (expected a spec file or <git-ref>:<path>)'],
    [':api/openapi.yaml', ':api/openapi.yaml: no such file (expected a spec file or <git-ref>:<path>)'],
    ['nope:api/openapi.yaml', 'nope:api/openapi.yaml: nope is not a commit, branch or tag of this repository'],
    ['HEAD:api/none.yaml', 'HEAD:api/none.yaml: no such file at HEAD'],
  ])('%s is named with what was expected', async (argument, message) => {
    await expect(loadArgument(argument, repo)).rejects.toThrow(message);
  });

  it.each([
    [
      'swagger.yaml',
      'swagger: "2.0"\ninfo: { title: x, version: "1" }\n',
      'swagger.yaml: expected an OpenAPI 3.0 or 3.1 description ("openapi: 3.0.x" or "3.1.x"), found a Swagger 2.0 document',
    ],
    [
      'v2.yaml',
      'openapi: 2.0.0\n',
      'v2.yaml: expected an OpenAPI 3.0 or 3.1 description ("openapi: 3.0.x" or "3.1.x"), found openapi: "2.0.0"',
    ],
    ['v32.yaml', 'openapi: 3.2.0\n', 'found openapi: "3.2.0"'],
    ['prefixed.yaml', 'openapi: x3.1.0\n', 'found openapi: "x3.1.0"'],
    ['short.yaml', 'openapi: "3.1"\n', 'found openapi: "3.1"'],
    [
      'list.yaml',
      '- 1\n',
      'list.yaml: expected an OpenAPI 3.0 or 3.1 description ("openapi: 3.0.x" or "3.1.x"), found no mapping at the top',
    ],
    ['broken.yaml', 'openapi: [3.1\n', /^broken\.yaml: not valid YAML: .+/],
    ['broken.json', '{"openapi": ', /^broken\.json: not valid JSON: .+/],
    ['braces.yaml', '{ openapi: [ }', /^braces\.yaml: not valid JSON: .+/],
    ['spaced.yaml', '\n  { openapi: [ }', /^spaced\.yaml: not valid JSON: .+/],
    ['inner.yaml', 'openapi: [ {', /^inner\.yaml: not valid YAML: .+/],
  ])('%s that is no OpenAPI 3 description is named', async (file, text, message) => {
    writeFileSync(join(scratch, file), text);
    await expect(loadFile(join(scratch, file), scratch)).rejects.toThrow(message);
  });

  it('a folder is no spec file', async () => {
    await expect(loadFile(join(repo, 'api'), repo)).rejects.toThrow('api: no such file');
  });

  it.each([
    [{ $ref: '#/components/schemas/A' }, false],
    [{ a: [{ b: { $ref: 'other.yaml#/A' } }] }, true],
    [{ a: { $ref: 'https://example.test/a.yaml' } }, true],
    [{ a: { $ref: 3 } }, false],
    [[{ x: 1 }, { y: { $ref: 'x.yaml' } }], true],
    ['$ref', false],
  ])('refs to other files are found anywhere: %j → %s', (value, external) => {
    expect(hasExternalRefs(value)).toBe(external);
  });
});

describe('one registered API against a base commit', () => {
  const orders = (version: string, statuses: string) =>
    spec(version, `{ type: object, properties: { status: { type: string, enum: [${statuses}] } } }`);

  beforeAll(() => {
    writeFileSync(join(repo, 'api', 'orders.yaml'), orders('1.0.0', 'open, paid'));
    git('add', 'api/orders.yaml');
    git('commit', '--quiet', '-m', 'orders');
    writeFileSync(join(repo, 'api', 'orders.yaml'), orders('1.1.0', 'open'));
    writeFileSync(join(repo, 'api', 'fresh.yaml'), spec('0.1.0'));
  });

  it('compares the working tree with the base, each change located at the base or in the tree', async () => {
    const { base, results } = await diffApis({
      cwd: join(repo, 'api'),
      base: 'HEAD',
      apis: [
        { name: 'orders', root: join(repo, 'api', 'orders.yaml') },
        { name: 'fresh', root: join(repo, 'api', 'fresh.yaml') },
      ],
    });
    expect(base.label).toBe('HEAD');
    const [compared, fresh] = results;
    expect(compared).toMatchObject({ api: 'orders', status: 'compared', baseVersion: '1.0.0', headVersion: '1.1.0' });
    expect(compared?.changes.map((change) => [change.id, change.location.source])).toEqual([
      ['response-enum-value-removed', 'api/orders.yaml:11'],
    ]);
    expect(compared?.verdict).toMatchObject({ ok: true, needed: 'minor or patch' });
    expect(fresh).toEqual({
      api: 'fresh',
      status: 'new',
      baseVersion: undefined,
      headVersion: '0.1.0',
      changes: [],
      verdict: { ok: true, needed: 'none', message: 'fresh: new API at 0.1.0' },
    });
  });

  it('a removal is located at the base, named by the ref the user gave; a computed base by its commit', async () => {
    writeFileSync(join(repo, 'api', 'orders.yaml'), spec('1.1.0', '{ type: object }'));
    try {
      const api = { name: 'orders', root: join(repo, 'api', 'orders.yaml') };
      const [given] = (await diffApis({ cwd: repo, base: 'HEAD', apis: [api] })).results;
      expect(given?.changes.map((change) => change.location.source)).toEqual(['HEAD:api/orders.yaml:11']);
      expect(given?.verdict).toMatchObject({ ok: true, needed: 'minor or patch' });
      const head = execFileSync('git', ['-C', repo, 'rev-parse', 'HEAD']).toString().trim();
      const branch = execFileSync('git', ['-C', repo, 'branch', '--show-current']).toString().trim();
      git('checkout', '--quiet', '-b', 'side');
      try {
        git('branch', '--quiet', '-f', 'main', head);
        writeFileSync(join(repo, 'side.txt'), 'side\n');
        git('add', 'side.txt');
        git('commit', '--quiet', '-m', 'side');
        const computed = await diffApis({ cwd: repo, apis: [api] });
        expect(computed.base).toEqual({ label: 'merge-base of HEAD and main', commit: head });
        expect(computed.results[0]?.changes.map((change) => change.location.source)).toEqual([`${head.slice(0, 12)}:api/orders.yaml:11`]);
      } finally {
        git('checkout', '--quiet', branch);
      }
    } finally {
      writeFileSync(join(repo, 'api', 'orders.yaml'), orders('1.1.0', 'open'));
    }
  });

  it('a breaking change without a major bump fails the gate', async () => {
    writeFileSync(join(repo, 'api', 'orders.yaml'), orders('1.1.0', 'open').replace("'200'", "'201'"));
    try {
      const [result] = (await diffApis({ cwd: repo, base: 'HEAD', apis: [{ name: 'orders', root: join(repo, 'api', 'orders.yaml') }] }))
        .results;
      expect(result?.verdict).toMatchObject({ ok: false, needed: 'major' });
    } finally {
      writeFileSync(join(repo, 'api', 'orders.yaml'), orders('1.1.0', 'open'));
    }
  });

  it('an API file outside the repository is named', async () => {
    writeFileSync(join(scratch, 'outside.yaml'), spec('1.0.0'));
    await expect(diffApis({ cwd: repo, base: 'HEAD', apis: [{ name: 'stray', root: join(scratch, 'outside.yaml') }] })).rejects.toThrow(
      `stray: ${join(scratch, 'outside.yaml')} is outside the repository`,
    );
  });
});

describe('a description at a ref that cannot be bundled', () => {
  beforeAll(() => {
    writeFileSync(join(repo, 'api', 'dangling.yaml'), spec('1.0.0', "{ $ref: 'schemas/none.yaml' }"));
    git('add', 'api/dangling.yaml');
    git('commit', '--quiet', '-m', 'dangling');
  });

  it('is named by ref and path, without the scratch folder it was unpacked into', async () => {
    const error = await loadArgument('HEAD:api/dangling.yaml', repo).then(
      () => undefined,
      (thrown: unknown) => thrown as Error,
    );
    expect(error?.message).toMatch(/^HEAD:api\/dangling\.yaml: cannot bundle api\/dangling\.yaml:/);
    expect(error?.message).toContain('no such file: api/schemas/none.yaml');
    expect(error?.message).not.toContain(tmpdir());
  });
});
