/**
 * Client ↔ spec ↔ mock: for every operation of every API and every status it documents, a call
 * through the generated client gets that status (Prism's `Prefer: code=…`) and a body that
 * validates against the spec; 2xx bodies land in `data`, others in `error`. The last test of each
 * API fails if any documented (operation, status) was not observed.
 */
import { describe, expect, inject, it } from 'vitest';
import { exampleInputs, sendThroughClient } from '../scripts/lib/requests.ts';
import { responseSchemaPointer } from '../scripts/lib/validator.ts';
import { apis, format, loadApi } from './support/apis.ts';
import { isSuccess, mockClient } from './support/clients.ts';

describe.each(apis.map((api) => [api.name, api] as const))('%s: client against the mock', (_name, api) => {
  const loaded = loadApi(api);
  const { document, operations, validator } = loaded;
  const baseUrl = inject('mockUrls')[api.name]!;
  const documented = operations.flatMap((operation) => operation.responses.map(([status]) => `${operation.operationId} ${status}`));
  const observed = new Set<string>();

  const cases = operations.flatMap((operation) => operation.responses.map(([status, response]) => [`${operation.operationId} → ${status}`, operation, status, response] as const));

  it.each(cases)('%s', async (_label, operation, status, response) => {
    const client = await mockClient(loaded, { baseUrl });
    const result = await sendThroughClient(client, operation, exampleInputs(document, operation), { Prefer: `code=${status}` });
    expect(result.response.status).toBe(Number(status));
    const [mediaType] = Object.keys(response.content ?? {});
    const body = isSuccess(status) ? result.data : result.error;
    if (isSuccess(status)) expect(result.error).toBeUndefined();
    else expect(result.data).toBeUndefined();
    if (mediaType === undefined) {
      expect(body === undefined || body === '' || body === null).toBe(true);
    } else {
      expect(result.response.headers.get('content-type') ?? '').toContain(mediaType);
      const issues = validator.validate(responseSchemaPointer(document, operation, status, mediaType), body);
      expect(issues, format(issues)).toEqual([]);
    }
    observed.add(`${operation.operationId} ${result.response.status}`);
  });

  it('observed every documented (operation, status)', () => {
    expect(documented.filter((entry) => !observed.has(entry))).toEqual([]);
    expect(documented.length).toBeGreaterThan(0);
  });
});
