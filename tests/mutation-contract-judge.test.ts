/**
 * The contract engine's judge, unit by unit, on a small hand-made description: a check fails when
 * a status is not the one asked for or not a success where one is owed, when a response key
 * (exact, `4XX`-style range, `default`) documents something else than what came back, when a
 * body arrives where none is documented, and when the content type is wrong (the body is still
 * validated). Also the API facts the safety rules read, and what a Prism proxy reports.
 */
import { describe, expect, it } from 'vitest';
import {
  contractApi,
  documentedResponseKey,
  identifyingNames,
  isSecured,
  isWrite,
  tokenOperations,
  validationStatus,
} from '../scripts/lib/contract/api.ts';
import { judge, maxBodyDepth, nestsDeeperThan, show, type Expectation } from '../scripts/lib/contract/judge.ts';
import { Masker, minLearnedSecret } from '../scripts/lib/contract/mask.ts';
import { proxyFindings } from '../scripts/lib/contract/proxy-violations.ts';
import type { Exchange, Finding } from '../scripts/lib/contract/types.ts';
import type { OpenApiDocument, Operation } from '../scripts/lib/openapi.ts';
import { apis } from './support/apis.ts';

const problem = { type: 'object', required: ['title'], properties: { title: { type: 'string' } } };
const document = {
  openapi: '3.1.0',
  info: { title: 'Judge fixture', version: '1.0.0' },
  servers: [{ url: 'https://api.example.test' }],
  security: [{ key: [] }],
  components: {
    securitySchemes: { key: { type: 'apiKey', in: 'header', name: 'x-key', 'x-client-option': 'apiKey' } },
    schemas: {
      Item: {
        type: 'object',
        required: ['id'],
        properties: {
          id: { type: 'string' },
          count: { type: 'integer' },
          'a/b~c': { type: 'object', properties: { n: { type: 'integer' } } },
          tags: { type: 'array', items: { type: 'integer' } },
        },
      },
    },
    headers: { Rate: { required: true, schema: { type: 'integer' } } },
  },
  paths: {
    '/items/{itemId}': {
      get: {
        operationId: 'getItem',
        parameters: [{ name: 'itemId', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          '200': {
            description: 'the item',
            headers: {
              'X-Rate': { $ref: '#/components/headers/Rate' },
              'X-Flag': { schema: { type: 'boolean' } },
              'X-Note': { description: 'free text' },
              'Content-Type': { required: true, schema: { type: 'integer' } },
            },
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Item' } } },
          },
          '404': { description: 'not found', content: { 'application/json': { schema: { type: 'object', required: ['code'] } } } },
          '4XX': { description: 'client error', content: { 'application/problem+json': { schema: problem } } },
          default: { description: 'anything else', content: { 'text/*': { schema: { type: 'string' } } } },
        },
      },
      delete: {
        operationId: 'deleteItem',
        responses: { '204': { description: 'gone' }, '422': { description: 'invalid' }, '400': { description: 'bad' } },
      },
    },
    '/items': {
      post: {
        operationId: 'createItem',
        security: [],
        requestBody: {
          content: { 'application/json': { schema: { type: 'object', required: ['customerId', 'amount', 'order_id', 'ID', 'idea'] } } },
        },
        responses: { '2xx': { description: 'created', content: { '*/*': {} } }, '400': { description: 'bad' } },
      },
      get: {
        operationId: 'listItems',
        security: [{}],
        responses: {
          '3XX': { description: 'moved' },
          '5XX': { description: 'down', content: { 'application/vnd.api+json': { schema: { type: 'object', required: ['errors'] } } } },
        },
      },
      put: { operationId: 'replaceItems', responses: { '200': { description: 'ok', content: { 'image/*': {}, 'application/xml': {} } } } },
    },
  },
} as unknown as OpenApiDocument;

const loaded = contractApi(apis[0]!, document);
const operation = (id: string): Operation => loaded.operations.find((candidate) => candidate.operationId === id)!;

function exchange(
  status: number,
  body: unknown = '',
  headers: Record<string, string> = {},
  result?: Exchange['result'],
  thrown?: string,
): Exchange {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const contentType: Record<string, string> = typeof body === 'string' ? {} : { 'content-type': 'application/json' };
  return { request: undefined, response: { status, headers: new Headers({ ...contentType, ...headers }), text }, result, thrown };
}

/**
 * Tests assert codes, pointers and details, never wording; the text for people is only required
 * to be there (an empty `expected` or `actual` would print a useless line).
 */
function worded<T extends Finding>(findings: T[]): T[] {
  for (const finding of findings) {
    expect(finding.expected, `${finding.code}: expected`).not.toBe('');
    expect(finding.actual, `${finding.code}: actual`).not.toBe('');
  }
  return findings;
}
const facts = (findings: readonly Finding[]) =>
  findings.map(({ code, pointer, details }) => (details === undefined ? { code, pointer } : { code, pointer, details }));

const okHeaders = { 'x-rate': '10' };
function judgeWorded(id: string, sent: Exchange, expectation?: Expectation, masker?: Masker) {
  const judgement = judge(loaded, operation(id), sent, expectation, masker);
  worded(judgement.findings);
  return judgement;
}
const judged = (id: string, sent: Exchange, expectation?: Expectation) => judgeWorded(id, sent, expectation);
const judgedFacts = (id: string, sent: Exchange, expectation?: Expectation) => facts(judged(id, sent, expectation).findings);
const codes = (findings: Finding[]) => findings.map((finding) => finding.code);

describe('status', () => {
  it('a clean documented answer has no findings and reports its status', () => {
    expect(judged('getItem', exchange(200, { id: 'i-1' }, okHeaders))).toEqual({ status: '200', findings: [] });
  });

  it('the status asked for is demanded', () => {
    expect(judgedFacts('getItem', exchange(404, { code: 'x' }), { status: '200' })).toEqual([
      { code: 'status.not-requested', pointer: '/status', details: { expected: '200', actual: 404 } },
    ]);
    expect(judged('getItem', exchange(404, { code: 'x' }), { status: '404' }).findings).toEqual([]);
  });

  it.each([404, 199, 300, 500])('a valid, authenticated request owed a success fails with %d', (status) => {
    expect(judgedFacts('getItem', exchange(status, ''), { success: true })[0]).toEqual({
      code: 'status.not-success',
      pointer: '/status',
      details: { expected: ['200'], actual: status },
    });
  });

  it.each([200, 299])('a success is what is owed (%d)', (status) => {
    expect(codes(judged('getItem', exchange(status, { id: 'i' }, okHeaders), { success: true }).findings)).not.toContain(
      'status.not-success',
    );
  });

  it('a `2xx` range counts as a documented success', () => {
    expect(judged('createItem', exchange(201, 'made'), { success: true }).findings).toEqual([]);
    expect(codes(judged('createItem', exchange(400, ''), { success: true }).findings)).toEqual(['status.not-success']);
  });

  it('an operation documenting no success cannot owe one', () => {
    expect(judgedFacts('listItems', exchange(302, ''), { success: true })).toEqual([
      { code: 'spec.no-success-status', pointer: '/responses', details: { documented: ['3XX', '5XX'] } },
    ]);
  });

  it('an allowed set of statuses is demanded, with the rule behind it as details', () => {
    const allowed = (status: number) => status === 400;
    expect(judgedFacts('deleteItem', exchange(422), { allowed, allowedLabel: '400 only', allowedDetails: { allowed: '400' } })).toEqual([
      { code: 'status.not-allowed', pointer: '/status', details: { allowed: '400', actual: 422 } },
    ]);
    expect(judgedFacts('deleteItem', exchange(422), { allowed })).toEqual([
      { code: 'status.not-allowed', pointer: '/status', details: { actual: 422 } },
    ]);
    expect(judged('deleteItem', exchange(400), { allowed }).findings).toEqual([]);
  });

  it('a 5xx is a finding when none is allowed, with its status as details', () => {
    expect(
      judgedFacts('listItems', exchange(500, { errors: [] }, { 'content-type': 'application/vnd.api+json' }), { no5xx: true }),
    ).toEqual([{ code: 'status.server-error', pointer: '/status', details: { actual: 500 } }]);
  });

  it('a 5xx is a finding when none is allowed', () => {
    expect(
      codes(judged('listItems', exchange(500, { errors: [] }, { 'content-type': 'application/vnd.api+json' }), { no5xx: true }).findings),
    ).toEqual(['status.server-error']);
    expect(judged('listItems', exchange(500, { errors: [] }, { 'content-type': 'application/vnd.api+json' })).findings).toEqual([]);
    expect(
      judged('getItem', exchange(499, { title: 't' }, { 'content-type': 'application/problem+json' }), { no5xx: true }).findings,
    ).toEqual([]);
  });

  it('an undocumented status is named with the documented ones, and nothing else is judged', () => {
    expect(judgedFacts('deleteItem', exchange(200, 'body'))).toEqual([
      { code: 'status.undocumented', pointer: '/status', details: { expected: ['204', '400', '422'], actual: 200 } },
    ]);
  });
});

describe('an external description', () => {
  const external = contractApi({ ...apis[0]!, style: 'external' }, document);
  const judgedExternal = (id: string, sent: Exchange, expectation?: Expectation) => {
    const judgement = judge(external, operation(id), sent, expectation);
    worded(judgement.findings);
    return { status: judgement.status, findings: facts(judgement.findings) };
  };

  it.each([400, 404, 499])('is not held to document a %d (a house convention), though the status asked for still is', (status) => {
    expect(judgedExternal('replaceItems', exchange(status, ''))).toEqual({ status: String(status), findings: [] });
    expect(judgedExternal('replaceItems', exchange(status, ''), { status: '200' }).findings).toEqual([
      { code: 'status.not-requested', pointer: '/status', details: { expected: '200', actual: status } },
    ]);
    expect(codes(judged('replaceItems', exchange(status, '')).findings)).toEqual(['status.undocumented']);
  });

  it.each([399, 500])('is held to document a %d', (status) => {
    expect(judgedExternal('replaceItems', exchange(status, '')).findings).toEqual([
      { code: 'status.undocumented', pointer: '/status', details: { expected: ['200'], actual: status } },
    ]);
  });
});

describe('response keys', () => {
  it.each([
    [200, '200'],
    [404, '404'],
    [409, '4XX'],
    [503, 'default'],
    [302, 'default'],
  ])('%d is documented by %s', (status, key) => {
    expect(documentedResponseKey(operation('getItem'), status)).toBe(key);
  });

  it('ranges match in either case, and nothing matches when nothing is documented for the status', () => {
    expect(documentedResponseKey(operation('createItem'), 204)).toBe('2xx');
    expect(documentedResponseKey(operation('listItems'), 503)).toBe('5XX');
    expect(documentedResponseKey(operation('listItems'), 404)).toBeUndefined();
    expect(documentedResponseKey(operation('deleteItem'), 200)).toBeUndefined();
  });

  it('a `4XX` response is judged against the range’s schema', () => {
    expect(judgedFacts('getItem', exchange(409, { detail: 'x' }, { 'content-type': 'application/problem+json' }))).toEqual([
      { code: 'body.required-missing', pointer: '/title', details: { property: 'title' } },
    ]);
  });

  it('an exact key wins over the range', () => {
    expect(codes(judged('getItem', exchange(404, { title: 't' })).findings)).toEqual(['body.required-missing']);
    expect(judged('getItem', exchange(404, { code: 'c' })).findings).toEqual([]);
  });

  it('a `default` response is judged against its own content', () => {
    expect(judged('getItem', exchange(503, 'down', { 'content-type': 'text/plain; charset=utf-8' })).findings).toEqual([]);
    expect(codes(judged('getItem', exchange(503, { down: true })).findings)).toEqual(['content-type.mismatch']);
  });
});

describe('body', () => {
  it('a body where none is documented is a finding; no body is fine', () => {
    expect(judgedFacts('deleteItem', exchange(204, '{"deleted":true}'))).toEqual([
      { code: 'body.unexpected', pointer: '', details: { status: '204' } },
    ]);
    expect(judged('deleteItem', exchange(204, '')).findings).toEqual([]);
  });

  it('a wrong content type is named, and the body is still validated against the documented schema', () => {
    expect(judgedFacts('getItem', exchange(200, '{"count":"many"}', { ...okHeaders, 'content-type': 'text/html' }))).toEqual([
      {
        code: 'content-type.mismatch',
        pointer: '/headers/content-type',
        details: { documented: ['application/json'], actual: 'text/html' },
      },
      { code: 'body.required-missing', pointer: '/id', details: { property: 'id' } },
      { code: 'body.invalid', pointer: '/count', details: { value: '"many"' } },
    ]);
  });

  it('a missing content type is named as such', () => {
    expect(judgedFacts('getItem', exchange(200, '{"id":"i"}', okHeaders))).toEqual([
      { code: 'content-type.mismatch', pointer: '/headers/content-type', details: { documented: ['application/json'], actual: '' } },
    ]);
  });

  it('content types match without parameters, in any case, by `*/*` and `type/*`', () => {
    expect(
      judged('getItem', exchange(200, '{"id":"i"}', { ...okHeaders, 'content-type': 'Application/JSON; charset=utf-8' })).findings,
    ).toEqual([]);
    expect(judged('createItem', exchange(201, 'anything', { 'content-type': 'application/octet-stream' })).findings).toEqual([]);
    expect(
      judged('getItem', exchange(200, '{"id":"i"}', { ...okHeaders, 'content-type': 'application/json ; charset=utf-8' })).findings,
    ).toEqual([]);
    expect(judgedFacts('getItem', exchange(200, '{"id":"i"}', { ...okHeaders, 'content-type': 'application/jsonp' }))).toEqual([
      {
        code: 'content-type.mismatch',
        pointer: '/headers/content-type',
        details: { documented: ['application/json'], actual: 'application/jsonp' },
      },
    ]);
    expect(judged('replaceItems', exchange(200, 'png', { 'content-type': 'image/png' })).findings).toEqual([]);
    expect(codes(judged('replaceItems', exchange(200, 'png', { 'content-type': 'imagery/png' })).findings)).toEqual([
      'content-type.mismatch',
    ]);
    expect(codes(judged('replaceItems', exchange(200, 'png', { 'content-type': 'text/image' })).findings)).toEqual([
      'content-type.mismatch',
    ]);
  });

  it('a `+json` media type is validated as JSON', () => {
    const { findings } = judged('listItems', exchange(503, { error: 'x' }, { 'content-type': 'application/vnd.api+json' }));
    expect(codes(findings)).toEqual(['body.required-missing']);
  });

  it('a body that is not JSON is named', () => {
    expect(judgedFacts('getItem', exchange(200, '{"id":', { ...okHeaders, 'content-type': 'application/json' }))).toEqual([
      { code: 'body.not-json', pointer: '' },
    ]);
  });

  it('an issue at the root points at the root', () => {
    expect(judgedFacts('getItem', exchange(200, [1], okHeaders))).toEqual([
      { code: 'body.invalid', pointer: '', details: { value: '[1]' } },
    ]);
  });

  it('at most 20 schema issues are listed, the rest counted', () => {
    const tags = Array.from({ length: 25 }, (_, index) => `t${index}`);
    const findings = judgedFacts('getItem', exchange(200, { id: 'i', tags }, okHeaders));
    expect(findings).toHaveLength(21);
    expect(findings[0]).toEqual({ code: 'body.invalid', pointer: '/tags/0', details: { value: '"t0"' } });
    expect(findings[20]).toEqual({ code: 'body.more-issues', pointer: '', details: { listed: 20, total: 25 } });
    expect(judged('getItem', exchange(200, { id: 'i', tags: tags.slice(0, 20) }, okHeaders)).findings).toHaveLength(20);
  });

  it(`a body nested deeper than ${maxBodyDepth} levels is refused unparsed`, () => {
    const deep = `${'['.repeat(maxBodyDepth + 1)}${']'.repeat(maxBodyDepth + 1)}`;
    const { findings } = judged('getItem', exchange(200, deep, { ...okHeaders, 'content-type': 'application/json' }));
    expect(findings.map((finding) => [finding.code, finding.details])).toEqual([['limit.body-depth', { limit: maxBodyDepth }]]);
    const fine = `${'['.repeat(maxBodyDepth)}${']'.repeat(maxBodyDepth)}`;
    expect(codes(judged('getItem', exchange(200, fine, { ...okHeaders, 'content-type': 'application/json' })).findings)).toEqual([
      'body.invalid',
    ]);
  });

  it.each([
    ['[[1]]', 1, true],
    ['[[1]]', 2, false],
    ['{"a":{}}', 1, true],
    ['[] [] {}', 1, false],
    ['["[[[", "\\"[["]', 1, false],
    ['["\\\\", [[]]]', 2, true],
  ])('nesting of %s deeper than %d: %s', (text, limit, deeper) => {
    expect(nestsDeeperThan(text, limit)).toBe(deeper);
  });
});

describe('headers', () => {
  it('a required documented header must be there; an optional one may be absent', () => {
    expect(judgedFacts('getItem', exchange(200, { id: 'i' }))).toEqual([
      { code: 'header.missing', pointer: '/headers/x-rate', details: { header: 'X-Rate' } },
    ]);
  });

  it.each([
    [{ 'x-rate': 'many' }, 'X-Rate'],
    [{ 'x-rate': ' ' }, 'X-Rate'],
    [{ 'x-rate': '10', 'x-flag': 'yes' }, 'X-Flag'],
  ])('a header that fails its schema (read as its type) is named: %j', (headers, name) => {
    const { findings } = judged('getItem', exchange(200, { id: 'i' }, headers));
    expect(findings.map((finding) => [finding.code, finding.details])).toEqual([['header.invalid', { header: name }]]);
    expect(findings[0]!.pointer).toBe(`/headers/${name.toLowerCase()}`);
  });

  it.each<Record<string, string>>([{ 'x-flag': 'true' }, { 'x-flag': 'false' }, { 'x-note': 'anything' }])(
    'a header that fits its schema passes: %j',
    (headers) => {
      expect(judged('getItem', exchange(200, { id: 'i' }, { ...okHeaders, ...headers })).findings).toEqual([]);
    },
  );
});

describe('placement and failures to answer', () => {
  it('a 3xx is no success: a body in data is misplaced', () => {
    expect(codes(judged('getItem', exchange(300, 'moved', { 'content-type': 'text/plain' }, { data: 'moved' })).findings)).toEqual([
      'client.placement',
    ]);
  });

  it('an issue deep in the body shows the value at its pointer, escapes read back', () => {
    expect(judgedFacts('getItem', exchange(200, { id: 'i', 'a/b~c': { n: 'x' } }, okHeaders))).toEqual([
      { code: 'body.invalid', pointer: '/a~1b~0c/n', details: { value: '"x"' } },
    ]);
  });

  it('a 1xx is no success either: a body in error is where it belongs', () => {
    expect(codes(judged('getItem', exchange(199, 'early', { 'content-type': 'text/plain' }, { error: 'early' })).findings)).toEqual([]);
    expect(codes(judged('getItem', exchange(199, 'early', { 'content-type': 'text/plain' }, { data: 'early' })).findings)).toEqual([
      'client.placement',
    ]);
  });

  it('a success body belongs in data, any other in error', () => {
    expect(judgedFacts('getItem', exchange(200, { id: 'i' }, okHeaders, { error: { id: 'i' } }))).toEqual([
      { code: 'client.placement', pointer: '', details: { expected: 'data', actual: 'error' } },
    ]);
    expect(judgedFacts('getItem', exchange(404, { code: 'c' }, {}, { data: { code: 'c' } }))).toEqual([
      { code: 'client.placement', pointer: '', details: { expected: 'error', actual: 'data' } },
    ]);
    expect(judged('getItem', exchange(200, { id: 'i' }, okHeaders, { data: { id: 'i' } })).findings).toEqual([]);
    expect(judged('getItem', exchange(404, { code: 'c' }, {}, { error: { code: 'c' } })).findings).toEqual([]);
    expect(judged('createItem', exchange(299, 'made', { 'content-type': 'text/plain' }, { data: 'made' })).findings).toEqual([]);
  });

  it('no response is a finding of its own, named by what stopped it', () => {
    const none: Exchange = { request: undefined, response: undefined, result: undefined, thrown: 'ECONNREFUSED' };
    const judgement = judgeWorded('getItem', none);
    expect(judgement.status).toBeUndefined();
    expect(facts(judgement.findings)).toEqual([{ code: 'response.none', pointer: '', details: { error: 'ECONNREFUSED' } }]);
    expect(facts(judgeWorded('getItem', { ...none, thrown: undefined, stoppedBy: 'limit.deadline' }).findings)).toEqual([
      { code: 'limit.deadline', pointer: '' },
    ]);
    const masked = judgeWorded('getItem', { ...none, thrown: 'refused key-secret-1' }, {}, new Masker(['key-secret-1']));
    expect(masked.findings[0]!.details).toEqual({ error: 'refused ***' });
    expect(masked.findings[0]!.actual).not.toContain('key-secret-1');
  });

  it('a response the client could not read is named beside the judgement', () => {
    const sent = exchange(200, { id: 'i' }, okHeaders, undefined, 'SyntaxError: bad');
    expect(judgedFacts('getItem', sent)).toEqual([{ code: 'client.unreadable', pointer: '', details: { error: 'SyntaxError: bad' } }]);
    expect(codes(judged('getItem', { ...sent, stoppedBy: 'limit.body-size' }).findings)).toEqual(['limit.body-size']);
  });

  it('a placeholder in a token field is not taken for a secret; a token as long as a real one is', () => {
    const masker = new Masker();
    masker.addFromBody(JSON.stringify({ access_token: 'string', refresh_token: 'x'.repeat(minLearnedSecret - 1) }), 'application/json');
    masker.addFromBody(`token=${'y'.repeat(minLearnedSecret - 1)}`, 'application/x-www-form-urlencoded');
    expect(masker.mask(`must be string, not ${'x'.repeat(minLearnedSecret - 1)} ${'y'.repeat(minLearnedSecret - 1)}`)).toBe(
      `must be string, not ${'x'.repeat(minLearnedSecret - 1)} ${'y'.repeat(minLearnedSecret - 1)}`,
    );
    masker.addFromBody(JSON.stringify({ token: 'z'.repeat(minLearnedSecret) }), 'application/json');
    masker.addFromBody(`secret=${'w'.repeat(minLearnedSecret)}`, 'application/x-www-form-urlencoded');
    expect(masker.mask(`${'z'.repeat(minLearnedSecret)} ${'w'.repeat(minLearnedSecret)}`)).toBe('*** ***');
  });

  it('values are shown as masked JSON excerpts', () => {
    expect(show(undefined)).toBe('nothing');
    expect(show({ a: 1 })).toBe('{"a":1}');
    expect(show(10n)).toBe('10');
    expect(show('key-secret-1', new Masker(['key-secret-1']))).toBe('"***"');
    expect(show(() => 1)).toBe('() => 1');
  });
});

describe('API facts', () => {
  it('a write is any method but GET and HEAD', () => {
    expect(loaded.operations.map((entry) => [entry.operationId, isWrite(loaded, entry)])).toEqual([
      ['getItem', false],
      ['deleteItem', true],
      ['listItems', false],
      ['replaceItems', true],
      ['createItem', true],
    ]);
  });

  it('security: an empty requirement or none is unsecured', () => {
    expect(['getItem', 'createItem', 'listItems'].map((id) => isSecured(operation(id)))).toEqual([true, false, false]);
  });

  it('identifying names: required path parameters, else required body fields named like an id', () => {
    expect(identifyingNames(loaded, operation('getItem'))).toEqual(['itemId']);
    expect(identifyingNames(loaded, operation('createItem'))).toEqual(['customerId', 'order_id', 'ID']);
    expect(identifyingNames(loaded, operation('listItems'))).toEqual([]);
  });

  it('the validation status is the documented 422, else 400, else none', () => {
    expect(validationStatus(operation('deleteItem'))).toBe('422');
    expect(validationStatus(operation('createItem'))).toBe('400');
    expect(validationStatus(operation('getItem'))).toBeUndefined();
  });

  it('the token operation is the spec’s own POST at a client-credentials tokenUrl, and it is no write', () => {
    const oauth = {
      ...document,
      components: {
        securitySchemes: {
          oauth: { type: 'oauth2', flows: { clientCredentials: { tokenUrl: 'https://api.example.test/oauth/token', scopes: {} } } },
        },
      },
      security: [{ oauth: [] }],
      paths: {
        '/oauth/token': {
          post: {
            operationId: 'token',
            security: [],
            requestBody: {
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    properties: { id: { 'x-client-option': 'clientId' }, secret: { 'x-client-option': 'clientSecret' } },
                  },
                },
              },
            },
            responses: { '200': { description: 'token' } },
          },
          get: { operationId: 'tokenInfo', responses: { '200': { description: 'info' } } },
        },
        '/other': { post: { operationId: 'other', responses: { '200': { description: 'ok' } } } },
      },
    } as unknown as OpenApiDocument;
    const withToken = contractApi(apis[0]!, oauth);
    expect(tokenOperations(withToken).map((entry) => entry.operationId)).toEqual(['token']);
    expect(withToken.operations.map((entry) => isWrite(withToken, entry))).toEqual([false, false, true]);
    expect(tokenOperations(loaded)).toEqual([]);
  });
});

describe('Prism proxy reports', () => {
  const response = (headers: Record<string, string>, text = '', status = 200) => ({ status, headers: new Headers(headers), text });
  const proxied = (...args: Parameters<typeof proxyFindings>) => worded(proxyFindings(...args));
  const proxiedFacts = (...args: Parameters<typeof proxyFindings>) => facts(proxied(...args));
  const violations = [
    { location: ['response', 'body', 'id'], message: 'must be string', severity: 'Error' },
    { message: 'odd', severity: 'Warning' },
    {},
  ];

  it('violations in the sl-violations header sit beside the answer', () => {
    expect(proxiedFacts(response({ 'sl-violations': JSON.stringify(violations) }))).toEqual([
      { code: 'proxy.violation', pointer: '/response/body/id', details: { severity: 'Error', message: 'must be string' } },
      { code: 'proxy.violation', pointer: '', details: { severity: 'Warning', message: 'odd' } },
      { code: 'proxy.violation', pointer: '', details: { severity: 'Error', message: 'violation' } },
    ]);
  });

  it('a header prefixed "Too many violations!" is read, at most 20 kept', () => {
    const many = Array.from({ length: 25 }, (_, index) => ({ message: `v${index}` }));
    const findings = proxiedFacts(response({ 'sl-violations': `Too many violations! ${JSON.stringify(many)}` }));
    expect(findings).toHaveLength(20);
    expect(findings[19]!.details).toEqual({ severity: 'Error', message: 'v19' });
  });

  it('a header that is not JSON is one finding quoting it; JSON that is no list is none', () => {
    expect(proxiedFacts(response({ 'sl-violations': 'broken' }))).toEqual([
      { code: 'proxy.violation', pointer: '', details: { severity: 'Error', message: '"broken"' } },
    ]);
    expect(proxyFindings(response({ 'sl-violations': '{"message":"x"}' }))).toEqual([]);
    expect(proxyFindings(response({}))).toEqual([]);
  });

  it('secrets in violation messages are masked', () => {
    const masker = new Masker(['key-secret-1']);
    const [masked] = proxied(response({ 'sl-violations': JSON.stringify([{ message: 'bad key-secret-1' }]) }), masker);
    expect(masked!.details).toEqual({ severity: 'Error', message: 'bad ***' });
    expect(masked!.actual).not.toContain('key-secret-1');
    expect(proxied(response({ 'sl-violations': JSON.stringify([{ message: 'bad key-secret-1' }]) }))[0]!.details).toEqual({
      severity: 'Error',
      message: 'bad key-secret-1',
    });
  });

  it('Prism’s own error response replaces the answer: its validation list, or its title and detail', () => {
    const replacedFindings = (body: unknown, masker?: Masker) =>
      proxied(response({ 'content-type': 'application/problem+json; charset=utf-8' }, JSON.stringify(body), 422), masker);
    const replaced = (body: unknown, masker?: Masker) => facts(replacedFindings(body, masker));
    expect(replaced({ type: 'https://stoplight.io/prism/errors#UNPROCESSABLE_ENTITY', validation: violations.slice(0, 1) })).toEqual([
      { code: 'proxy.replaced', pointer: '/response/body/id', details: { severity: 'Error', message: 'must be string' } },
    ]);
    expect(replaced({ type: 'https://stoplight.io/prism/errors#UPSTREAM', title: 'Upstream down', detail: 'key-secret-1' })).toEqual([
      { code: 'proxy.replaced', pointer: '', details: { status: 422, message: 'Upstream down key-secret-1' } },
    ]);
    const [masked] = replacedFindings(
      { type: 'https://stoplight.io/prism/errors#UPSTREAM', detail: 'key-secret-1' },
      new Masker(['key-secret-1']),
    );
    expect(masked!.details).toEqual({ status: 422, message: '***' });
    expect(masked!.actual).not.toContain('key-secret-1');
    const many = Array.from({ length: 25 }, (_, index) => ({ message: `v${index}` }));
    expect(replaced({ type: 'https://stoplight.io/prism/errors#X', validation: many })).toHaveLength(20);
    expect(replaced({ type: 'https://stoplight.io/prism/errors#X', validation: [{}] })).toEqual([
      { code: 'proxy.replaced', pointer: '', details: { severity: 'Error', message: 'violation' } },
    ]);
    expect(replaced({ type: 'https://stoplight.io/prism/errors#X', validation: [] })).toEqual([
      { code: 'proxy.replaced', pointer: '', details: { status: 422, message: '' } },
    ]);
    expect(replaced({ type: 'https://example.test/problems/out-of-stock', title: 'x' })).toEqual([]);
    expect(replaced({ title: 'no type' })).toEqual([]);
    expect(proxyFindings(response({ 'content-type': 'application/problem+json' }, 'not json', 500))).toEqual([]);
    expect(
      proxyFindings(response({ 'content-type': 'application/json' }, JSON.stringify({ type: 'https://stoplight.io/prism/errors#X' }), 500)),
    ).toEqual([]);
  });
});
