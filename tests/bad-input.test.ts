/**
 * Bad input meets the provider's documented envelope, not the mock's own problem+json: a call
 * without credentials gets the documented 401, a malformed request the documented 422 (else 400).
 */
import createClient from 'openapi-fetch';
import { describe, expect, inject, it } from 'vitest';
import { malformedRequest } from '../scripts/lib/invalid-values.ts';
import { exampleInputs, sendThroughClient } from '../scripts/lib/requests.ts';
import { responseSchemaPointer } from '../scripts/lib/validator.ts';
import { apis, format, loadApi } from './support/apis.ts';
import { mockClient } from './support/clients.ts';

describe.each(apis.map((api) => [api.name, api] as const))('%s: bad input', (_name, api) => {
  const loaded = loadApi(api);
  const { document, operations, validator } = loaded;
  const baseUrl = inject('mockUrls')[api.name]!;
  const secured = operations.filter((operation) => operation.security.some((requirement) => Object.keys(requirement).length > 0));

  it.each(secured.map((operation) => [operation.operationId, operation] as const))('%s without credentials → documented 401', async (_id, operation) => {
    expect(operation.responses.map(([status]) => status)).toContain('401');
    const anonymous = createClient({ baseUrl });
    const result = await sendThroughClient(anonymous, operation, exampleInputs(document, operation));
    expect(result.response.status).toBe(401);
    expect(result.response.headers.get('content-type')).toMatch(/^application\/json/);
    const issues = validator.validate(responseSchemaPointer(document, operation, '401', 'application/json'), result.error);
    expect(issues, format(issues)).toEqual([]);
  });

  it.each(operations.map((operation) => [operation.operationId, operation] as const))('%s with a malformed request → documented 422 or 400', async (_id, operation) => {
    const validationStatus = ['422', '400'].find((status) => operation.responses.some(([documented]) => documented === status));
    expect(validationStatus, 'documents a 422 or 400 for invalid requests').toBeDefined();
    const malformed = malformedRequest(document, operation, exampleInputs(document, operation));
    const client = await mockClient(loaded, { baseUrl });
    const result = await sendThroughClient(client, operation, malformed.inputs);
    expect(result.response.status).toBe(Number(validationStatus));
    expect(result.response.headers.get('content-type')).toMatch(/^application\/json/);
    const issues = validator.validate(responseSchemaPointer(document, operation, validationStatus!, 'application/json'), result.error);
    expect(issues, format(issues)).toEqual([]);
    // The mock gives the reason in its violations header: it names the field at fault, or the body.
    const violations = (result.response.headers.get('sl-violations') ?? '').toLowerCase();
    expect(violations).not.toBe('');
    expect([malformed.field.toLowerCase(), 'body'].some((name) => violations.includes(name)), violations).toBe(true);
  });
});
