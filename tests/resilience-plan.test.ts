/**
 * What the resilience runtime is told about an API comes from its spec, by what names mean: the
 * Idempotency-Key header an operation documents, a request-id response header, the field of a 429
 * body that says how long to wait (its unit from its suffix), and the headers and query parameters
 * that carry credentials.
 */
import { describe, expect, it } from 'vitest';
import type { AuthPlan } from '../scripts/codegen/auth-plan.ts';
import { resiliencePlanOf } from '../scripts/codegen/resilience-plan.ts';
import type { OpenApiDocument } from '../scripts/lib/openapi.ts';

const tooMany = (schema: Record<string, unknown>) => ({ description: 'slow down', content: { 'application/json': { schema } } });

function documentWith(retryField: Record<string, unknown>): OpenApiDocument {
  return {
    openapi: '3.1.0',
    info: { title: 't', version: '1.0.0' },
    paths: {
      '/things': {
        get: {
          operationId: 'things_list',
          responses: {
            '200': { description: 'ok', headers: { 'X-Request-ID': { schema: { type: 'string' } } } },
            '429': { $ref: '#/components/responses/TooMany' },
          },
        },
        post: {
          operationId: 'things_create',
          parameters: [{ $ref: '#/components/parameters/Key' }],
          responses: { '201': { description: 'made' } },
        },
      },
    },
    components: {
      parameters: { Key: { name: 'idempotency-key', in: 'header', schema: { type: 'string' } } },
      responses: { TooMany: tooMany({ $ref: '#/components/schemas/Problem' }) },
      schemas: {
        Problem: { type: 'object', properties: { problem: { type: 'object', properties: { detail: { type: 'string' }, ...retryField } } } },
      },
    },
  } as unknown as OpenApiDocument;
}

const auth: AuthPlan = {
  schemes: {
    key: { kind: 'apiKey', in: 'header', name: 'X-Api-Key', option: 'apiKey' },
    query: { kind: 'apiKey', in: 'query', name: 'api_key', option: 'queryKey' },
    oauth: { kind: 'bearer', option: 'token' },
  },
  defaultRequirement: [['key']],
  operations: {},
  requiredSchemes: ['key'],
  credentialSchemes: ['key'],
};

describe('the resilience plan of a spec', () => {
  it('names each operation, its idempotency-key header, the request-id header and the credential carriers', () => {
    const plan = resiliencePlanOf(documentWith({ retryAfterMinutes: { type: 'integer' } }), auth);
    expect(plan.operations).toEqual({
      'GET /things': { id: 'things_list' },
      'POST /things': { id: 'things_create', idempotencyHeader: 'idempotency-key' },
    });
    expect(plan.requestIdHeader).toBe('X-Request-ID');
    expect(plan.credentialHeaders).toEqual(['authorization', 'x-api-key']);
    expect(plan.credentialQuery).toEqual(['api_key']);
  });

  it.each([
    [{ retryAfterMinutes: { type: 'integer' } }, { path: ['problem', 'retryAfterMinutes'], unitMs: 60_000 }],
    [{ retry_after_ms: { type: 'integer' } }, { path: ['problem', 'retry_after_ms'], unitMs: 1 }],
    [{ retryAfter: { type: 'integer' } }, { path: ['problem', 'retryAfter'], unitMs: 1000 }],
    [{ retryAfterSeconds: { type: 'integer' } }, { path: ['problem', 'retryAfterSeconds'], unitMs: 1000 }],
  ])('reads the wait of a 429 body from %j', (field, hint) => {
    expect(resiliencePlanOf(documentWith(field), auth).retryHint).toEqual(hint);
  });

  it('finds no hint, request id or key where the spec documents none', () => {
    const plan = resiliencePlanOf(
      {
        openapi: '3.1.0',
        info: { title: 't', version: '1' },
        paths: {
          '/x': {
            post: { operationId: 'x', responses: { '429': tooMany({ type: 'object', properties: { retries: { type: 'integer' } } }) } },
          },
        },
      } as unknown as OpenApiDocument,
      { schemes: {}, defaultRequirement: [], operations: {}, requiredSchemes: [], credentialSchemes: [] },
    );
    expect(plan).toEqual({ operations: { 'POST /x': { id: 'x' } }, credentialHeaders: [], credentialQuery: [] });
  });
});
