/**
 * Every format of the diff report, whole: what a reviewer reads in the terminal, in the pull
 * request and in the release notes, and what a script parses. Several APIs (changed, unchanged,
 * new), every level, changes with and without an operation or a source line.
 */
import { describe, expect, it } from 'vitest';
import { fieldOf } from '../scripts/lib/diff/report.ts';
import {
  render,
  renderRules,
  renderRulesMarkdown,
  rules,
  type ApiDiff,
  type Change,
  type Level,
  type Report,
} from '../scripts/lib/diff/index.ts';

const change = (id: string, level: Change['level'], message: string, pointer: string, operation?: string, source?: string): Change => ({
  id,
  level,
  location: { ...(operation ? { operation } : {}), pointer, side: 'head', ...(source ? { source } : {}) },
  message,
});

const changed: ApiDiff = {
  api: 'shop',
  status: 'compared',
  baseVersion: '1.0.0',
  headVersion: '1.1.0',
  changes: [
    change('operation-added', 'info', 'GET /y added', '/paths/~1y/get', 'GET /y', 'openapi.yaml:30'),
    change('server-changed', 'warning', 'default server moved', '/servers/0'),
    change(
      'response-property-removed',
      'breaking',
      'property total removed',
      '/paths/~1x/get/responses/200/content/application~1json/schema/properties/items/items/properties/total',
      'GET /x',
      'openapi.yaml:12',
    ),
    change('request-property-added', 'info', 'optional property note added', '', 'POST /x'),
  ],
  verdict: { ok: false, needed: 'major', message: 'shop: 1 breaking change(s) need a major version, got 1.1.0' },
};
const unchanged: ApiDiff = {
  api: 'pay',
  status: 'compared',
  baseVersion: '2.0.0',
  headVersion: '2.0.0',
  changes: [],
  verdict: { ok: true, needed: 'none', message: 'pay: no changes' },
};
const added: ApiDiff = {
  api: 'new|api',
  status: 'new',
  baseVersion: undefined,
  headVersion: '0.1.0',
  changes: [],
  verdict: { ok: true, needed: 'none', message: 'new|api: new' },
};

const report: Report = { baseLabel: 'merge-base of HEAD and `main`', results: [changed, unchanged, added], ok: false };

describe('diff reports, whole', () => {
  it('text', () => {
    expect(render('text', report)).toMatchInlineSnapshot(`
      "Compared with merge-base of HEAD and \`main\`.

      shop: 1 breaking, 1 warning(s), 2 info
        breaking  response-property-removed  GET /x
                  property total removed
                  at openapi.yaml:12 (/paths/~1x/get/responses/200/content/application~1json/schema/properties/items/items/properties/total)
        warning   server-changed
                  default server moved
                  at /servers/0
        info      operation-added  GET /y
                  GET /y added
                  at openapi.yaml:30 (/paths/~1y/get)
        info      request-property-added  POST /x
                  optional property note added
                  at /

      pay: no changes

      new|api: new API at 0.1.0

      FAIL  shop: 1 breaking change(s) need a major version, got 1.1.0
      ok    pay: no changes
      ok    new|api: new
      "
    `);
  });

  it('markdown', () => {
    expect(render('markdown', report)).toMatchInlineSnapshot(`
      "## API changes

      Compared with \`merge-base of HEAD and 'main'\`. ❌ The gate fails for shop.

      | API | version | breaking | warnings | info | gate |
      | --- | --- | --- | --- | --- | --- |
      | shop | 1.0.0 → 1.1.0 | 1 | 1 | 2 | ❌ shop: 1 breaking change(s) need a major version, got 1.1.0 |
      | pay | 2.0.0 | 0 | 0 | 0 | ✅ pay: no changes |
      | new\\|api | new at 0.1.0 | 0 | 0 | 0 | ✅ new\\|api: new |

      ### shop

      | level | rule | operation | location | change |
      | --- | --- | --- | --- | --- |
      | **breaking** | \`response-property-removed\` | \`GET /x\` | \`openapi.yaml:12 (/paths/~1x/get/responses/200/content/application~1json/schema/properties/items/items/properties/total)\` | property total removed |
      | warning | \`server-changed\` |  | \`/servers/0\` | default server moved |
      | info | \`operation-added\` | \`GET /y\` | \`openapi.yaml:30 (/paths/~1y/get)\` | GET /y added |
      | info | \`request-property-added\` | \`POST /x\` | \`/\` | optional property note added |
      "
    `);
    expect(render('markdown', { ...report, results: [unchanged], ok: true })).toContain('✅ The gate passes.');
    expect(render('markdown', { ...report, results: [unchanged], ok: false })).toContain('❌ The gate fails for this change.');
  });

  it('json', () => {
    expect(JSON.parse(render('json', report))).toMatchInlineSnapshot(`
      {
        "base": "merge-base of HEAD and \`main\`",
        "changes": [
          {
            "api": "shop",
            "id": "operation-added",
            "level": "info",
            "location": {
              "pointer": "/paths/~1y/get",
              "side": "head",
              "source": "openapi.yaml:30",
            },
            "message": "GET /y added",
            "operation": "GET /y",
          },
          {
            "api": "shop",
            "id": "server-changed",
            "level": "warning",
            "location": {
              "pointer": "/servers/0",
              "side": "head",
              "source": null,
            },
            "message": "default server moved",
            "operation": null,
          },
          {
            "api": "shop",
            "id": "response-property-removed",
            "level": "breaking",
            "location": {
              "pointer": "/paths/~1x/get/responses/200/content/application~1json/schema/properties/items/items/properties/total",
              "side": "head",
              "source": "openapi.yaml:12",
            },
            "message": "property total removed",
            "operation": "GET /x",
          },
          {
            "api": "shop",
            "id": "request-property-added",
            "level": "info",
            "location": {
              "pointer": "",
              "side": "head",
              "source": null,
            },
            "message": "optional property note added",
            "operation": "POST /x",
          },
        ],
        "gate": [
          {
            "api": "shop",
            "message": "shop: 1 breaking change(s) need a major version, got 1.1.0",
            "needed": "major",
            "ok": false,
          },
          {
            "api": "pay",
            "message": "pay: no changes",
            "needed": "none",
            "ok": true,
          },
          {
            "api": "new|api",
            "message": "new|api: new",
            "needed": "none",
            "ok": true,
          },
        ],
        "ok": false,
      }
    `);
    const single = JSON.parse(render('json', { ...report, results: [changed] })) as { changes: Array<Record<string, unknown>> };
    expect(single.changes.every((entry) => !('api' in entry))).toBe(true);
    expect(JSON.parse(render('json', { ...report, results: [added] }))).toMatchObject({ changes: [] });
  });

  it('changelog', () => {
    expect(render('changelog', report)).toMatchInlineSnapshot(`
      "## shop 1.0.0 → 1.1.0

      ### GET /x

      - BREAKING: \`items[].total\`: property total removed (\`response-property-removed\`)

      ### Whole API

      - Warning: default server moved (\`server-changed\`)

      ### GET /y

      - GET /y added (\`operation-added\`)

      ### POST /x

      - optional property note added (\`request-property-added\`)

      ## pay 2.0.0 → 2.0.0

      No changes.

      ## new\\|api new at 0.1.0

      No changes.
      "
    `);
  });

  it.each([
    ['/paths/~1x/get/responses/200/content/application~1json/schema/properties/a/items/properties/b', 'a[].b'],
    ['/components/schemas/Cart/properties/lines/additionalProperties/properties/sku', undefined],
    ['/paths/~1x/post/requestBody/content/application~1json/schema/properties/meta/additionalProperties', 'meta{}'],
    ['/paths/~1x/post/requestBody/content/application~1json/schema/properties/a~1b/properties/c~0d', 'a/b.c~d'],
    ['/paths/~1x/post/requestBody/content/application~1json/schema', undefined],
    ['/paths/~1x/post/requestBody/content/application~1json/schema/properties', undefined],
    ['/paths/~1x/get/parameters/0', undefined],
  ])('the field a pointer names: %s → %s', (pointer, field) => {
    expect(fieldOf(pointer)).toBe(field);
  });

  it('the rule list, plain and as Markdown, with the levels in force', () => {
    const levelOf = (id: string): Level => (id === rules[0]!.id ? 'info' : 'breaking');
    const plain = renderRules(levelOf).split('\n');
    const width = Math.max(...rules.map((rule) => rule.id.length));
    expect(plain[0]).toBe(`${rules[0]!.id.padEnd(width)}  ${'info'.padEnd(8)}  ${rules[0]!.description}`);
    expect(plain[1]).toBe(`${rules[1]!.id.padEnd(width)}  breaking  ${rules[1]!.description}`);
    expect(plain.at(-2)).toBe(`${rules.length} rules.`);
    const markdown = renderRulesMarkdown(levelOf).split('\n');
    expect(markdown[0]).toBe('# Rules of `npm run diff`');
    expect(markdown).toContain('| rule | level | reports |');
    expect(markdown).toContain(
      `| \`${rules[0]!.id}\` | info | ${rules[0]!.description.replaceAll('|', '\\|').replaceAll('<', '&lt;').replaceAll('>', '&gt;')} |`,
    );
    expect(markdown.at(-2)).toBe(`${rules.length} rules.`);
  });
});
