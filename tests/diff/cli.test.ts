/**
 * `npm run diff -- <base> <head>` in process: exit codes, formats, file:line in the sources,
 * input errors on stderr without a stack, `--rules`, overrides.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../scripts/diff.ts';
import { loadOverrides, overridesFrom, rules } from '../../scripts/lib/diff/index.ts';
import { loadRegistry } from '../../scripts/lib/registry.ts';
import { projectRoot } from '../../scripts/lib/registry.ts';

let dir: string;

/** One operation whose 200 body has a `status` of the given schema (YAML lines at its indentation). */
const specWithStatus = (statusSchema: string, extra = '') => `openapi: 3.1.0
info:
  title: Shop
  version: 1.0.0
paths:
  /orders:
    get:
      operationId: orders_list
      responses:
        '200':
          description: Orders.
          content:
            application/json:
              schema:
                type: object
                properties:
                  status:
${statusSchema}
${extra}`;

const spec = (statusEnum: string[], extra = '') =>
  specWithStatus(`                    type: string\n                    enum: [${statusEnum.join(', ')}]`, extra);

function file(name: string, text: string): string {
  const path = join(dir, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  return path;
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(args: string[], overrides = () => new Map()): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  const log = vi.spyOn(console, 'log').mockImplementation((...parts) => {
    stdout += `${parts.join(' ')}\n`;
  });
  const error = vi.spyOn(console, 'error').mockImplementation((...parts) => {
    stderr += `${parts.join(' ')}\n`;
  });
  try {
    const code = await main(args, overrides);
    return { code, stdout, stderr };
  } finally {
    write.mockRestore();
    log.mockRestore();
    error.mockRestore();
  }
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'checkout-apis-diff-cli-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('two spec files', () => {
  it('a breaking change exits 1 and names rule, level, operation, message and file:line', async () => {
    const base = file('breaking/base.yaml', spec(['open', 'paid']));
    const head = file('breaking/head.yaml', specWithStatus('                    type: integer'));
    const result = await run([base, head]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('breaking  response-type-changed  GET /orders');
    expect(result.stdout).toContain('type string → integer');
    expect(result.stdout).toMatch(
      /at .*breaking\/head\.yaml:18 \(\/paths\/~1orders\/get\/responses\/200\/content\/application~1json\/schema\/properties\/status\/type\)/,
    );
    expect(result.stdout).toContain('FAIL');
  });

  it('a warning alone exits 0, and 1 with --fail-on-warning', async () => {
    const base = file('warning/base.yaml', spec(['open']));
    const head = file('warning/head.yaml', spec(['open', 'paid']));
    expect((await run([base, head])).code).toBe(0);
    const strict = await run([base, head, '--fail-on-warning']);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain('warning   response-enum-value-added');
  });

  it('--format json prints {changes: [{id, level, operation, location, message}]}', async () => {
    const base = file('json/base.yaml', spec(['open', 'paid']));
    const head = file('json/head.yaml', spec(['open']));
    const result = await run([base, head, '--format', 'json']);
    expect(result.code).toBe(0);
    const parsed = JSON.parse(result.stdout) as { changes: Array<Record<string, unknown>>; ok: boolean };
    expect(parsed.ok).toBe(true);
    expect(parsed.changes).toEqual([
      {
        id: 'response-enum-value-removed',
        level: 'info',
        operation: 'GET /orders',
        location: {
          pointer: '/paths/~1orders/get/responses/200/content/application~1json/schema/properties/status/enum',
          side: 'head',
          source: expect.stringMatching(/json\/head\.yaml:19$/),
        },
        message: 'enum value "paid" removed',
      },
    ]);
  });

  it('an override from the project config changes the level and the exit code', async () => {
    const base = file('override/base.yaml', spec(['open']));
    const head = file('override/head.yaml', spec(['open', 'paid']));
    const result = await run([base, head, '--format', 'json'], () => new Map([['response-enum-value-added', 'breaking']]));
    expect(result.code).toBe(1);
    expect((JSON.parse(result.stdout) as { changes: Array<{ level: string }> }).changes[0]?.level).toBe('breaking');
  });

  it('--format markdown says the gate passes only when it does', async () => {
    const base = file('md/base.yaml', spec(['open', 'paid']));
    const safe = file('md/safe.yaml', spec(['open']));
    const broken = file('md/broken.yaml', spec(['open', 'paid'], '      deprecated: true\n').replace("'200'", "'201'"));
    const passing = await run([base, safe, '--format', 'markdown']);
    expect(passing.stdout).toContain('✅ The gate passes.');
    expect(passing.stdout).not.toContain('❌');
    const failing = await run([base, broken, '--format', 'markdown']);
    expect(failing.code).toBe(1);
    expect(failing.stdout).toContain('❌ The gate fails for');
    expect(failing.stdout).not.toContain('The gate passes');
    expect(failing.stdout).toContain('| **breaking** | `response-success-status-removed` | `GET /orders` |');
  });

  it('--format changelog groups changes by operation, breaking first', async () => {
    const base = file('log/base.yaml', spec(['open', 'paid']));
    const head = file(
      'log/head.yaml',
      `${spec(['open'])}  /refunds:
    get:
      operationId: refunds_list
      responses:
        '200':
          description: Refunds.
servers:
  - url: https://api.example.org
`,
    );
    const result = await run([base, head, '--format', 'changelog']);
    expect(result.stdout).toContain('### GET /orders\n\n- `status`: enum value "paid" removed (`response-enum-value-removed`)');
    expect(result.stdout).toContain('### GET /refunds\n\n- GET /refunds added (`operation-added`)');
    expect(result.stdout).toContain('### Whole API\n\n- Warning: default server / → https://api.example.org (`default-server-changed`)');
  });

  it('a spec with refs to other files is bundled, and lines point into the file that holds the change', async () => {
    const root = (schemaFile: string) => `openapi: 3.1.0
info:
  title: Shop
  version: 1.0.0
paths:
  /orders:
    post:
      operationId: orders_create
      requestBody:
        required: true
        content:
          application/json:
            schema:
              $ref: ${schemaFile}
      responses:
        '201':
          description: Made.
`;
    file('multi/base/schemas/Order.yaml', 'type: object\nproperties:\n  note:\n    type: string\n');
    file('multi/head/schemas/Order.yaml', 'type: object\nrequired: [note]\nproperties:\n  note:\n    type: string\n');
    const base = file('multi/base/openapi.yaml', root('schemas/Order.yaml'));
    const head = file('multi/head/openapi.yaml', root('schemas/Order.yaml'));
    const result = await run([base, head, '--format', 'json']);
    expect(result.code).toBe(1);
    const [change] = (JSON.parse(result.stdout) as { changes: Array<{ id: string; location: { source: string } }> }).changes;
    expect(change?.id).toBe('request-property-became-required');
    expect(change?.location.source).toMatch(/multi\/head\/schemas\/Order\.yaml:4$/);
  });

  it('a property merged through allOf is located in the member that declares it', async () => {
    const document = (required: string) => `openapi: 3.1.0
info:
  title: Shop
  version: 1.0.0
paths:
  /stations:
    get:
      responses:
        '200':
          description: Stations.
          content:
            application/json:
              schema:
                allOf:
                  - $ref: '#/components/schemas/Wrapper'
                  - properties:
                      data:
                        items:
                          $ref: '#/components/schemas/Station'
components:
  schemas:
    Wrapper:
      type: object
      properties:
        data:
          type: array
          items: {}
    Station:
      type: object
      required: [${required}]
      properties:
        name:
          type: string
        address:
          type: string
`;
    const base = file('allof/base.yaml', document('name, address'));
    const head = file('allof/head.yaml', document('name'));
    const result = await run([base, head, '--format', 'json']);
    const [change] = (JSON.parse(result.stdout) as { changes: Array<{ id: string; location: { source: string } }> }).changes;
    expect(change?.id).toBe('response-property-became-optional');
    expect(change?.location.source).toMatch(/allof\/head\.yaml:34$/);
  });

  it('JSON specs work too, lines included', async () => {
    const document = (required: boolean) =>
      JSON.stringify(
        {
          openapi: '3.0.3',
          info: { title: 'J', version: '1' },
          paths: {
            '/a': {
              get: {
                parameters: [{ name: 'q', in: 'query', required, schema: { type: 'string' } }],
                responses: { '200': { description: 'ok' } },
              },
            },
          },
        },
        null,
        2,
      );
    const base = file('json-spec/base.json', document(false));
    const head = file('json-spec/head.json', document(true));
    const result = await run([base, head, '--format', 'json']);
    const [change] = (JSON.parse(result.stdout) as { changes: Array<{ id: string; location: { source: string } }> }).changes;
    expect(change?.id).toBe('request-parameter-became-required');
    expect(change?.location.source).toMatch(/json-spec\/head\.json:11$/);
  });
});

describe('usage and input errors exit 2 with the file and the reason, no stack', () => {
  it.each([
    ['a missing file', () => [join(dir, 'nope.yaml'), join(dir, 'nope.yaml')], /nope\.yaml: no such file/],
    ['invalid YAML', () => [file('bad/bad.yaml', 'openapi: [\n'), file('bad/ok.yaml', spec(['a']))], /bad\/bad\.yaml: not valid YAML/],
    [
      'a Swagger 2.0 file',
      () => [file('bad/swagger.yaml', 'swagger: "2.0"\n'), file('bad/ok2.yaml', spec(['a']))],
      /swagger\.yaml: expected an OpenAPI 3\.0 or 3\.1 description .*found a Swagger 2\.0 document/,
    ],
    ['one spec only', () => [file('bad/one.yaml', spec(['a']))], /expected two specs, <base> and <head>, got 1/],
    [
      'an unknown format',
      () => ['--format', 'xml', file('bad/f1.yaml', spec(['a'])), file('bad/f2.yaml', spec(['a']))],
      /--format xml: expected one of text, markdown, json, changelog/,
    ],
    ['an unknown flag', () => ['--frobnicate'], /Unknown option '--frobnicate'/],
    [
      'an unknown git ref',
      () => ['no-such-ref-xyz:openapi.yaml', file('bad/g.yaml', spec(['a']))],
      /no-such-ref-xyz:openapi\.yaml: no-such-ref-xyz is not a commit/,
    ],
  ])('%s', async (_name, args, message) => {
    const result = await run(args());
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).toBe('');
  });
});

describe('the registry mode', () => {
  it('--api and --markdown: one registered API against HEAD, the Markdown report written to a file', async () => {
    const [api] = loadRegistry();
    const report = join(dir, 'report.md');
    const result = await run(['--api', api!.name, '--base', 'HEAD', '--markdown', report, '--format', 'json']);
    expect([0, 1]).toContain(result.code);
    const parsed = JSON.parse(result.stdout) as { base: string; gate: Array<{ api: string }> };
    expect(parsed.base).toMatch(/^HEAD \([0-9a-f]{12}\)$/);
    expect(parsed.gate.map((entry) => entry.api)).toEqual([api!.name]);
    const markdown = readFileSync(report, 'utf8');
    expect(markdown).toContain('## API changes');
    expect(markdown).toContain(`| ${api!.name} |`);
  });

  it('an unknown --api is a usage error', async () => {
    const result = await run(['--api', 'no-such-api']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--api no-such-api: expected one of/);
  });

  it('mixing <base> <head> with registry flags is a usage error', async () => {
    const result = await run(['--base', 'HEAD', file('mix/a.yaml', spec(['a'])), file('mix/b.yaml', spec(['a']))]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--api, --base and --if-base belong to the registry mode');
  });
});

describe('--rules and overrides', () => {
  it('lists every rule with its level (after overrides) and description', async () => {
    const result = await run(['--rules'], () => new Map([['response-enum-value-added', 'breaking']]));
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(rules.length + 1);
    expect(lines.at(-1)).toBe(`${rules.length} rules.`);
    expect(result.stdout).toMatch(/^response-enum-value-added\s+breaking\s+a value was added to an enum, in what the client reads$/m);
    expect(result.stdout).toMatch(/^request-property-became-required\s+breaking\s+/m);
    expect(result.stdout).toMatch(/^default-server-changed\s+warning\s+/m);
  });

  it('the committed rule list (linked from the README) is what --rules --format markdown prints', async () => {
    const result = await run(['--rules', '--format', 'markdown']);
    expect(result.stdout).toContain('| `request-property-became-required` | breaking |');
    expect(readFileSync(join(projectRoot, 'scripts/lib/diff/RULES.md'), 'utf8')).toBe(result.stdout);
  });

  it('reads overrides from a redocly.yaml file; a broken file is an input error naming it', () => {
    const good = file('config/redocly.yaml', 'apis: {}\nx-checkout-apis:\n  diff:\n    rules:\n      operation-id-changed: breaking\n');
    expect([...loadOverrides(good)]).toEqual([['operation-id-changed', 'breaking']]);
    expect(loadOverrides(join(dir, 'config/missing.yaml')).size).toBe(0);
    const bad = file('config/bad.yaml', 'x-checkout-apis: [\n');
    expect(() => loadOverrides(bad)).toThrow(/^redocly\.yaml: not valid YAML/);
  });

  it('reads overrides from x-checkout-apis.diff.rules and rejects unknown ids and levels', () => {
    expect([...overridesFrom({ 'x-checkout-apis': { diff: { rules: { 'response-enum-value-added': 'breaking' } } } })]).toEqual([
      ['response-enum-value-added', 'breaking'],
    ]);
    expect(overridesFrom({ apis: {} }).size).toBe(0);
    expect(() => overridesFrom({ 'x-checkout-apis': { diff: { rules: { 'no-such-rule': 'info' } } } })).toThrow(
      'redocly.yaml: x-checkout-apis.diff.rules.no-such-rule: expected a rule id',
    );
    expect(() => overridesFrom({ 'x-checkout-apis': { diff: { rules: { 'operation-added': 'fatal' } } } })).toThrow(
      'expected one of breaking, warning, info, got "fatal"',
    );
  });
});
