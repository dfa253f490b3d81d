/**
 * Issue 15.6: request inputs for descriptions that give no example: the schema's example(s),
 * default, enum, const, then one generated valid value — never a literal `{eventId}`; a body only
 * where the operation defines one; multipart bodies as multipart; readOnly fields never used to
 * "break" a request. And 15.8: int64 bounds kept within the safe integer range.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validArbitrary } from '../../scripts/lib/contract/arbitraries.ts';
import { invalidBody, malformedRequest } from '../../scripts/lib/invalid-values.ts';
import { listOperations, type OpenApiDocument } from '../../scripts/lib/openapi.ts';
import { clientInit, exampleInputs, parseAsOf } from '../../scripts/lib/requests.ts';
import { sampleValue } from '../../scripts/lib/sample-value.ts';
import { SpecValidator } from '../../scripts/lib/validator.ts';
import { spec } from './project.ts';

const document = spec({
  'GET /events/{eventId}': {
    parameters: [
      { name: 'eventId', in: 'path', required: true, schema: { type: 'integer', format: 'int64' } },
      { name: 'when', in: 'query', required: true, schema: { type: 'string', format: 'date' } },
      { name: 'kind', in: 'query', required: true, schema: { type: 'string', enum: ['concert', 'talk'] } },
      { name: 'page', in: 'query', required: true, schema: { type: 'integer', default: 3 } },
      { name: 'version', in: 'header', required: true, schema: { const: 'v2' } },
      { name: 'tag', in: 'query', required: true, schema: { type: 'string', examples: ['jazz'] } },
    ],
  },
  'DELETE /events/{eventId}': { parameters: [{ name: 'eventId', in: 'path', required: true, schema: { type: 'string' } }] },
  'POST /events': {
    requestBody: {
      required: true,
      content: {
        'application/json': {
          schema: {
            type: 'object',
            required: ['id', 'name', 'seats'],
            properties: {
              id: { type: 'string', readOnly: true },
              name: { type: 'string', minLength: 3 },
              seats: { type: 'integer', minimum: 10 },
            },
          },
        },
      },
    },
  },
  'POST /images': {
    requestBody: {
      content: {
        'multipart/form-data': {
          schema: {
            type: 'object',
            required: ['title', 'tags'],
            properties: { title: { type: 'string' }, tags: { type: 'array', minItems: 2, items: { type: 'string' } } },
          },
        },
      },
    },
  },
}) as OpenApiDocument;
const operation = (method: string, path: string) =>
  listOperations(document).find((candidate) => candidate.method === method && candidate.path === path)!;

describe('inputs where the spec gives no example', () => {
  it('takes schema example(s), default, enum and const, then a generated valid value', () => {
    const inputs = exampleInputs(document, operation('get', '/events/{eventId}'));
    expect(inputs.path).toEqual({ eventId: 1 });
    expect(inputs.query).toEqual({ when: '2024-01-01', kind: 'concert', page: 3, tag: 'jazz' });
    expect(inputs.header).toEqual({ version: 'v2' });
    expect(inputs.body).toBeUndefined();
  });

  it('builds a body from the schema, leaving readOnly fields out', () => {
    const inputs = exampleInputs(document, operation('post', '/events'));
    expect(inputs).toMatchObject({ body: { name: 'xxx', seats: 10 }, bodyMediaType: 'application/json' });
  });

  it('never "breaks" a request through a readOnly field', () => {
    const schema = operation('post', '/events').requestBody!.content['application/json']!.schema as never;
    expect(invalidBody(document, schema, { name: 'xxx', seats: 10 })).toEqual({ body: { seats: 10 }, field: 'name' });
  });

  it('puts no body on a GET or DELETE to make it malformed', () => {
    const del = operation('delete', '/events/{eventId}');
    expect(malformedRequest(document, del, exampleInputs(document, del))).toBeUndefined();
  });

  it('sends a multipart body as multipart, each field a part', async () => {
    const inputs = exampleInputs(document, operation('post', '/images'));
    const init = clientInit(inputs) as { headers: Record<string, string>; bodySerializer: (body: unknown) => FormData };
    expect(init.headers['content-type']).toBeUndefined();
    const form = init.bodySerializer(inputs.body);
    expect(form.get('title')).toBe('x');
    expect(form.getAll('tags')).toEqual(['x', 'x']);
    const request = new Request('http://localhost/', { method: 'POST', body: form });
    expect(request.headers.get('content-type')).toMatch(/^multipart\/form-data; boundary=/);
  });

  it('reads a success body by its documented media type', () => {
    const withResponse = (content: object) =>
      ({ ...operation('get', '/events/{eventId}'), responses: [['200', { description: 'OK', content }]] as const }) as never;
    expect(parseAsOf(withResponse({ 'image/png': {} }))).toBe('blob');
    expect(parseAsOf(withResponse({ 'text/csv': {} }))).toBe('text');
    expect(parseAsOf(withResponse({ 'application/problem+json': {} }))).toBe('json');
  });

  it('keeps int64 bounds within the safe integer range', () => {
    const value = sampleValue(document, {
      type: 'integer',
      format: 'int64',
      minimum: 9_000_000_000_000_000_000,
      maximum: 9_200_000_000_000_000_000,
    });
    expect(Number.isSafeInteger(value)).toBe(true);
    const generated = fc.sample(
      validArbitrary(
        document,
        { type: 'integer', format: 'int64', minimum: -9_223_372_036_854_775_808, maximum: 9_223_372_036_854_775_807 },
        'query',
      ),
      200,
    );
    expect(generated.every((item) => Number.isSafeInteger(item))).toBe(true);
  });

  // Found on OpenAI's description: a valid batch request went out as the JSON string "x", and a
  // skill upload as an empty form, so the mock answered 422 to what we called a valid request.
  it('applies a constraint-only oneOf/anyOf alternative to the schema around it', () => {
    const batch = {
      type: 'object',
      additionalProperties: false,
      properties: {
        file_ids: { type: 'array', minItems: 1, items: { type: 'string' } },
        files: { type: 'array', items: { type: 'string' } },
      },
      anyOf: [{ required: ['file_ids'] }, { required: ['files'] }],
    };
    const value = sampleValue(document, batch);
    expect(value).toEqual({ file_ids: ['x'] });
    const validator = new SpecValidator({ ...document, components: { schemas: { batch } } } as OpenApiDocument);
    expect(validator.validate('/components/schemas/batch', value)).toEqual([]);
  });

  it('puts a required array field of a multipart body on the wire, one part at least', () => {
    const upload = spec({
      'POST /skills': {
        requestBody: {
          content: {
            'multipart/form-data': {
              schema: {
                type: 'object',
                required: ['files'],
                properties: {
                  files: {
                    oneOf: [
                      { type: 'array', items: { type: 'string', format: 'binary' } },
                      { type: 'string', format: 'binary' },
                    ],
                  },
                },
              },
            },
          },
        },
      },
    }) as OpenApiDocument;
    const inputs = exampleInputs(upload, listOperations(upload)[0]!);
    const init = clientInit(inputs) as { bodySerializer: (body: unknown) => FormData };
    expect(init.bodySerializer(inputs.body).getAll('files')).toHaveLength(1);
    expect(sampleValue(upload, { type: 'array', maxItems: 0, items: { type: 'string' } })).toEqual([]);
  });
});
