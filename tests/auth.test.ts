/**
 * The generated clients authenticate as each spec declares: every scheme of an operation's
 * requirement is on the wire, client-credentials tokens are fetched once, cached, refreshed after
 * expiry, and no credential ever shows up in an error message.
 */
import { describe, expect, inject, it } from 'vitest';
import { authPlanOf } from '../scripts/codegen/client.ts';
import type { SchemePlan } from '../scripts/codegen/auth-plan.ts';
import { exampleInputs, sendThroughClient } from '../scripts/lib/requests.ts';
import { apis, loadApi } from './support/apis.ts';
import { mockClient } from './support/clients.ts';

interface Recorded {
  readonly path: string;
  readonly headers: Headers;
}

function recordingFetch(log: Recorded[], override?: (request: Request) => Response | undefined) {
  return async (request: Request): Promise<Response> => {
    log.push({ path: new URL(request.url).pathname, headers: new Headers(request.headers) });
    return override?.(request) ?? fetch(request);
  };
}

function carries(headers: Headers, scheme: SchemePlan): boolean {
  if (scheme.kind === 'apiKey' && scheme.in === 'header') return headers.get(scheme.name) !== null;
  if (scheme.kind === 'apiKey') return true; // query and cookie keys are checked by the mock's 200
  return /^(Bearer|Basic) \S+/.test(headers.get('authorization') ?? '');
}

describe.each(apis.map((api) => [api.name, api] as const))('%s: authentication', (_name, api) => {
  const loaded = loadApi(api);
  const { document, operations } = loaded;
  const plan = authPlanOf(api, document);
  const baseUrl = inject('mockUrls')[api.name]!;
  const secured = operations.filter((operation) => operation.security.some((requirement) => Object.keys(requirement).length > 0));
  const tokenScheme = Object.values(plan.schemes).find((scheme) => scheme.kind === 'clientCredentials');
  // Only a token endpoint the spec describes is served by the mock; another one is never called from a test.
  const tokenPath = tokenScheme?.tokenUrlIsOperation ? new URL(tokenScheme.tokenUrl).pathname : undefined;

  it.each(secured.map((operation) => [operation.operationId, operation] as const))(
    '%s carries every scheme of its requirement',
    async (_id, operation) => {
      const log: Recorded[] = [];
      const client = await mockClient(loaded, { baseUrl, fetch: recordingFetch(log) });
      const result = await sendThroughClient(client, operation, exampleInputs(document, operation));
      expect(result.response.status).toBeLessThan(300);
      const call = log.find((entry) => entry.path !== tokenPath)!;
      for (const name of Object.keys(operation.security[0] ?? {})) expect(carries(call.headers, plan.schemes[name]!), name).toBe(true);
    },
  );

  if (!tokenPath) return;
  const operation = secured[0]!;
  // A UUID client id: the token operation's body schema asks for one, and the mock validates it.
  const secrets = { clientId: '01951c8a-1a2b-7c3d-8e4f-a1b2c3d4e5f6', clientSecret: 'client-secret-d4e5f6' };

  it('fetches one token for concurrent and repeated calls, and a new one after expiry', async () => {
    const log: Recorded[] = [];
    let clock = 1_000_000;
    const client = await mockClient(loaded, { baseUrl, fetch: recordingFetch(log), credentials: secrets, now: () => clock });
    const send = () => sendThroughClient(client, operation, exampleInputs(document, operation));
    const first = await Promise.all([send(), send()]);
    await send();
    expect(first.map((result) => result.response.status)).toEqual([200, 200]);
    expect(log.filter((entry) => entry.path === tokenPath)).toHaveLength(1);
    clock += 24 * 60 * 60 * 1000;
    expect((await send()).response.status).toBe(200);
    expect(log.filter((entry) => entry.path === tokenPath)).toHaveLength(2);
  });

  it('uses a given access token without asking for one', async () => {
    const log: Recorded[] = [];
    const client = await mockClient(loaded, { baseUrl, fetch: recordingFetch(log), credentials: { accessToken: 'given-token-123' } });
    expect((await sendThroughClient(client, operation, exampleInputs(document, operation))).response.status).toBe(200);
    expect(log.map((entry) => entry.path)).not.toContain(tokenPath);
    expect(log[0]!.headers.get('authorization')).toBe('Bearer given-token-123');
  });

  it('names no credential when the token request fails', async () => {
    const refuse = (request: Request) => (new URL(request.url).pathname === tokenPath ? new Response('{}', { status: 401 }) : undefined);
    const client = await mockClient(loaded, { baseUrl, fetch: recordingFetch([], refuse), credentials: secrets });
    const failure = await sendThroughClient(client, operation, exampleInputs(document, operation)).then(
      () => new Error('the call succeeded'),
      (error: unknown) => error as Error,
    );
    expect(failure.message).toMatch(/token request .* failed with status 401/);
    for (const secret of Object.values(secrets)) expect(failure.message).not.toContain(secret);
  });
});
