/** Operation-level rules: operations, parameters, request bodies, statuses, media types, security, refs. */
import { describe, expect, it } from 'vitest';
import { compareDocuments } from '../../scripts/lib/diff/index.ts';
import type { JsonSchema, ParameterObject } from '../../scripts/lib/openapi.ts';
import { diff, documentWith, object, summary } from './helpers.ts';

const limit = (schema: JsonSchema, required = false): ParameterObject => ({ name: 'limit', in: 'query', required, schema });
const status = (schema: JsonSchema): ParameterObject => ({ name: 'status', in: 'query', schema });

describe('operations', () => {
  it('an operation removed is breaking', () => {
    const before = { extraPaths: { '/v1/y': { get: { operationId: 'y_list', responses: { '200': { description: 'ok' } } } } } };
    expect(summary(diff(before, {}))).toEqual(['operation-removed:breaking']);
  });

  it('an operation added is not', () => {
    const after = { extraPaths: { '/v1/y': { get: { operationId: 'y_list', responses: { '200': { description: 'ok' } } } } } };
    expect(summary(diff({}, after))).toEqual(['operation-added:ok']);
  });

  it('a path parameter renamed is the same operation', () => {
    const item = (name: string) => ({
      get: { operationId: 'y_get', parameters: [{ name, in: 'path', required: true, schema: { type: 'string' } }], responses: { '200': { description: 'ok' } } },
    });
    const changes = diff({ extraPaths: { '/v1/y/{id}': item('id') } }, { extraPaths: { '/v1/y/{yId}': item('yId') } });
    expect(summary(changes)).toEqual(['parameter-removed:breaking', 'parameter-added-required:breaking']);
  });
});

describe('parameters (request side)', () => {
  it('a new required parameter is breaking', () => {
    expect(summary(diff({}, { parameters: [limit({ type: 'integer' }, true)] }))).toEqual(['parameter-added-required:breaking']);
  });

  it('a new optional parameter is not', () => {
    expect(summary(diff({}, { parameters: [limit({ type: 'integer' })] }))).toEqual(['parameter-added:ok']);
  });

  it('a parameter becoming required is breaking; the reverse is not', () => {
    expect(summary(diff({ parameters: [limit({ type: 'integer' })] }, { parameters: [limit({ type: 'integer' }, true)] }))).toEqual([
      'parameter-required:breaking',
    ]);
    expect(summary(diff({ parameters: [limit({ type: 'integer' }, true)] }, { parameters: [limit({ type: 'integer' })] }))).toEqual([
      'parameter-optional:ok',
    ]);
  });

  it('a parameter removed is breaking', () => {
    expect(summary(diff({ parameters: [limit({ type: 'integer' })] }, {}))).toEqual(['parameter-removed:breaking']);
  });

  it('an enum value removed from a parameter is breaking, one added is not', () => {
    const two = status({ type: 'string', enum: ['open', 'paid'] });
    const one = status({ type: 'string', enum: ['open'] });
    expect(summary(diff({ parameters: [two] }, { parameters: [one] }))).toEqual(['enum-value-removed:breaking']);
    expect(summary(diff({ parameters: [one] }, { parameters: [two] }))).toEqual(['enum-value-added:ok']);
  });

  it('a maximum lowered on a parameter is breaking, raised is not', () => {
    const changes = diff({ parameters: [limit({ type: 'integer', maximum: 100 })] }, { parameters: [limit({ type: 'integer', maximum: 50 })] });
    expect(changes).toEqual([
      { kind: 'bound-tightened', breaking: true, where: 'POST /v1/x → query parameter limit → /maximum', what: 'maximum lowered: 100 → 50' },
    ]);
    expect(summary(diff({ parameters: [limit({ type: 'integer', maximum: 50 })] }, { parameters: [limit({ type: 'integer', maximum: 100 })] }))).toEqual([
      'bound-relaxed:ok',
    ]);
  });
});

describe('request bodies and responses', () => {
  it('a required request body added is breaking, an optional one is not', () => {
    expect(summary(diff({}, { request: object({}) }))).toEqual(['request-body-added-required:breaking']);
    expect(summary(diff({}, { request: object({}), requestRequired: false }))).toEqual(['request-body-added:ok']);
  });

  it('a request media type removed is breaking', () => {
    const before = documentWith({ request: object({}) });
    const after = structuredClone(before);
    const body = (after.paths['/v1/x']!.post as { requestBody: { content: Record<string, unknown> } }).requestBody;
    body.content = { 'application/x-www-form-urlencoded': body.content['application/json'] };
    expect(summary(compareDocuments(before, after))).toEqual(['media-type-removed:breaking', 'media-type-added:ok']);
  });

  it('a response status removed is breaking, one added is not', () => {
    const ok = { description: 'ok', content: { 'application/json': { schema: { type: 'object' } } } };
    expect(summary(diff({ responses: { '200': ok, '404': { description: 'nf' } } }, { responses: { '200': ok } }))).toEqual(['status-removed:breaking']);
    expect(summary(diff({ responses: { '200': ok } }, { responses: { '200': ok, '404': { description: 'nf' } } }))).toEqual(['status-added:ok']);
  });

  it('a response media type removed is breaking', () => {
    const both = { description: 'ok', content: { 'application/json': { schema: { type: 'object' } }, 'text/csv': { schema: { type: 'string' } } } };
    const json = { description: 'ok', content: { 'application/json': { schema: { type: 'object' } } } };
    expect(summary(diff({ responses: { '200': both } }, { responses: { '200': json } }))).toEqual(['media-type-removed:breaking']);
    expect(summary(diff({ responses: { '200': json } }, { responses: { '200': both } }))).toEqual(['media-type-added:ok']);
  });
});

describe('security (request side)', () => {
  it('a security requirement added where there was none is breaking', () => {
    expect(summary(diff({}, { security: [{ Key: [] }] }))).toEqual(['security-added:breaking']);
  });

  it('a security requirement changed is breaking', () => {
    expect(summary(diff({ security: [{ Key: [] }] }, { security: [{ Bearer: [] }] }))).toEqual([
      'security-changed:breaking',
      'security-alternative-added:ok',
    ]);
  });

  it('an extra alternative is not breaking', () => {
    expect(summary(diff({ security: [{ Key: [] }] }, { security: [{ Key: [] }, { Bearer: [] }] }))).toEqual(['security-alternative-added:ok']);
  });

  it('a security scheme sent another way is breaking', () => {
    const before = documentWith({ security: [{ Key: [] }] });
    const after = structuredClone(before);
    after.components!.securitySchemes!.Key!.name = 'x-api-key';
    expect(summary(compareDocuments(before, after))).toEqual(['security-scheme-changed:breaking']);
  });
});

describe('refs', () => {
  const node = (extra: Record<string, JsonSchema> = {}): JsonSchema => ({
    type: 'object',
    properties: { name: { type: 'string' }, children: { type: 'array', items: { $ref: '#/components/schemas/Node' } }, ...extra },
  });

  it('follows component refs and stops at cycles', () => {
    const before = { response: { $ref: '#/components/schemas/Node' }, schemas: { Node: node() } };
    const after = { response: { $ref: '#/components/schemas/Node' }, schemas: { Node: node({ kind: { type: 'string' } }) } };
    expect(diff(before, structuredClone(before))).toEqual([]);
    const changes = diff(before, after);
    expect(summary(changes)).toEqual(['property-added:ok']);
    expect(changes[0]?.where).toBe('POST /v1/x → 200 application/json → /properties/kind');
  });

  it('sees a change inside a referenced schema on the request side', () => {
    const before = { request: { $ref: '#/components/schemas/Body' }, schemas: { Body: object({ a: { type: 'string' } }) } };
    const after = { request: { $ref: '#/components/schemas/Body' }, schemas: { Body: object({ a: { type: 'string' } }, ['a']) } };
    expect(summary(diff(before, after))).toEqual(['property-required:breaking']);
  });
});

describe('keywords beside a $ref', () => {
  const schemas = { Code: { type: 'string', minLength: 2 } };
  const code = (extra: JsonSchema = {}) => object({ code: { $ref: '#/components/schemas/Code', description: 'A code.', ...extra } });

  it('apply with the target: a maxLength added beside a ref is breaking in a request', () => {
    const changes = diff({ request: code(), schemas }, { request: code({ maxLength: 3 }), schemas });
    expect(changes).toEqual([
      { kind: 'bound-tightened', breaking: true, where: 'POST /v1/x → request application/json → /properties/code/maxLength', what: 'maxLength 3 added' },
    ]);
  });

  it('intersect types with the target, as allOf does', () => {
    expect(summary(diff({ response: code(), schemas }, { response: code({ type: ['string', 'null'] }), schemas }))).toEqual(['other:ok']);
    expect(summary(diff({ response: code(), schemas }, { response: code({ description: 'Another text.' }), schemas }))).toEqual(['other:ok']);
  });
});
