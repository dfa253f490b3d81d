/**
 * Client-credentials tokens: fetched below the base URL's own path, cached for the lifetime the
 * token response states (as a number or a numeric string; a default when it states none) less a
 * margin scaled to that lifetime, dropped after a 401, and fetched afresh for one retry.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { apis, loadApi } from './support/apis.ts';
import { call, createClientFor, issuedToken, securityCase, tokenPathOf } from './support/client-security.ts';
import { okJson, recordingServer, type Answer, type Received, type RecordingServer } from './support/recording-server.ts';

const servers: RecordingServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const withTokenOperation = apis
  .map((api) => securityCase(loadApi(api)))
  .filter((entry) => entry.tokenScheme?.tokenUrlIsOperation)
  .map((entry) => [entry.loaded.api.name, entry] as const);

describe.each(withTokenOperation)('%s: client-credentials tokens', (_name, { loaded, credentialSets, operation, tokenScheme }) => {
  const tokenPath = tokenPathOf(tokenScheme!);
  const credentials = credentialSets.find((set) => 'clientSecret' in set)!;

  /** A server that issues token-1, token-2, … (with `expiresIn`) and answers API calls with `api`. */
  async function tokenServer(api: (request: Received) => Answer = () => okJson, lifetime?: { expires_in?: unknown }, prefix = '') {
    let issued = 0;
    const server = await recordingServer((request) =>
      request.target === `${prefix}${tokenPath}` ? { status: 200, body: issuedToken(`token-${++issued}`, lifetime) } : api(request),
    );
    servers.push(server);
    const tokenRequests = () => server.received.filter((request) => request.target === `${prefix}${tokenPath}`);
    const apiCalls = () => server.received.filter((request) => request.target !== `${prefix}${tokenPath}`);
    return { server, tokenRequests, apiCalls };
  }

  it.each(['/gateway/prefix', '/gateway/prefix/'])('fetches tokens below the base URL path %s, as API paths are', async (path) => {
    const { server, tokenRequests, apiCalls } = await tokenServer(undefined, undefined, '/gateway/prefix');
    const client = await createClientFor(loaded, { baseUrl: `${server.origin}${path}`, credentials });
    expect(await call(client, loaded, operation)).toEqual({ status: 200 });
    expect(server.received[0]?.target).toBe(`/gateway/prefix${tokenPath}`);
    expect(tokenRequests()).toHaveLength(1);
    expect(apiCalls()[0]?.target.startsWith('/gateway/prefix/')).toBe(true);
  });

  it.each([
    { stated: '3600 (number)', lifetime: { expires_in: 3600 }, elapsed: 3000, tokens: 1 },
    { stated: '3600 (number)', lifetime: { expires_in: 3600 }, elapsed: 3600, tokens: 2 },
    { stated: '"3600" (numeric string)', lifetime: { expires_in: '3600' }, elapsed: 3000, tokens: 1 },
    { stated: '"3600" (numeric string)', lifetime: { expires_in: '3600' }, elapsed: 3600, tokens: 2 },
    { stated: 'nothing (default 300 s)', lifetime: {}, elapsed: 240, tokens: 1 },
    { stated: 'nothing (default 300 s)', lifetime: {}, elapsed: 300, tokens: 2 },
    { stated: '"soon" (not a number: default)', lifetime: { expires_in: 'soon' }, elapsed: 240, tokens: 1 },
    { stated: '20 (under the 30 s margin)', lifetime: { expires_in: 20 }, elapsed: 15, tokens: 1 },
    { stated: '20 (under the 30 s margin)', lifetime: { expires_in: 20 }, elapsed: 20, tokens: 2 },
    { stated: '"30" (numeric string)', lifetime: { expires_in: '30' }, elapsed: 25, tokens: 1 },
    { stated: '5', lifetime: { expires_in: 5 }, elapsed: 4, tokens: 1 },
  ])(
    'token response states $stated: a call $elapsed s after the first two makes $tokens token request(s) in all',
    async ({ lifetime, elapsed, tokens }) => {
      const { server, tokenRequests } = await tokenServer(undefined, lifetime);
      let clock = 1_000_000;
      const client = await createClientFor(loaded, { baseUrl: server.origin, credentials, now: () => clock });
      expect(await call(client, loaded, operation)).toEqual({ status: 200 });
      expect(await call(client, loaded, operation)).toEqual({ status: 200 });
      clock += elapsed * 1000;
      expect(await call(client, loaded, operation)).toEqual({ status: 200 });
      expect(tokenRequests()).toHaveLength(tokens);
    },
  );

  it('after a 401 drops the token, fetches a fresh one and retries once, body and all', async () => {
    const { server, tokenRequests, apiCalls } = await tokenServer((request) =>
      request.headers.authorization === 'Bearer token-1' ? { status: 401, body: {} } : okJson,
    );
    const client = await createClientFor(loaded, { baseUrl: server.origin, credentials });
    expect(await call(client, loaded, operation)).toEqual({ status: 200 });
    const [refused, retried] = apiCalls();
    expect([refused?.headers.authorization, retried?.headers.authorization]).toEqual(['Bearer token-1', 'Bearer token-2']);
    expect([retried?.method, retried?.target, retried?.body]).toEqual([refused?.method, refused?.target, refused?.body]);
    expect(await call(client, loaded, operation)).toEqual({ status: 200 });
    expect(tokenRequests()).toHaveLength(2);
    expect(apiCalls().map((request) => request.headers.authorization)).toEqual(['Bearer token-1', 'Bearer token-2', 'Bearer token-2']);
  });

  it('renews inside the call it renews: the refused attempt, the fresh token and the retry share the call’s one deadline', async () => {
    const { server, apiCalls } = await tokenServer((request) =>
      request.headers.authorization === 'Bearer token-1' ? { status: 401, body: {} } : okJson,
    );
    // Each API answer takes 150 ms: either attempt alone fits a 250 ms deadline, both together do not.
    const slowApi = async (request: Request) => {
      if (new URL(request.url).pathname !== tokenPath) await delay(150);
      return fetch(request);
    };
    const client = await createClientFor(loaded, { baseUrl: server.origin, credentials, fetch: slowApi, options: { timeoutMs: 250 } });
    const outcome = await call(client, loaded, operation);
    expect(outcome).toHaveProperty('error');
    expect((outcome as { error: Error }).error).toMatchObject({ name: 'TimeoutError', timeoutMs: 250 });
    expect(apiCalls().length).toBeGreaterThanOrEqual(1);
  });

  it('retries only once when the fresh token is refused too, and the next call starts with a new token', async () => {
    const { server, tokenRequests, apiCalls } = await tokenServer(() => ({ status: 401, body: {} }));
    const client = await createClientFor(loaded, { baseUrl: server.origin, credentials });
    expect(await call(client, loaded, operation)).toEqual({ status: 401 });
    expect(apiCalls()).toHaveLength(2);
    expect(tokenRequests()).toHaveLength(2);
    expect(await call(client, loaded, operation)).toEqual({ status: 401 });
    expect(apiCalls().map((request) => request.headers.authorization)).toEqual([
      'Bearer token-1',
      'Bearer token-2',
      'Bearer token-3',
      'Bearer token-4',
    ]);
  });

  it('concurrent calls refused with the same token share one fresh token', async () => {
    const { server, tokenRequests, apiCalls } = await tokenServer((request) =>
      request.headers.authorization === 'Bearer token-1' ? { status: 401, body: {} } : okJson,
    );
    const client = await createClientFor(loaded, { baseUrl: server.origin, credentials });
    expect(await Promise.all([call(client, loaded, operation), call(client, loaded, operation)])).toEqual([
      { status: 200 },
      { status: 200 },
    ]);
    expect(tokenRequests()).toHaveLength(2);
    expect(apiCalls()).toHaveLength(4);
  });

  it('does not retry a 401 for an access token it was given', async () => {
    const { server, tokenRequests, apiCalls } = await tokenServer(() => ({ status: 401, body: {} }));
    const client = await createClientFor(loaded, { baseUrl: server.origin, credentials: { accessToken: 'given-token-5d1e' } });
    expect(await call(client, loaded, operation)).toEqual({ status: 401 });
    expect(apiCalls()).toHaveLength(1);
    expect(tokenRequests()).toHaveLength(0);
  });

  it('reports a token response that is not JSON without quoting it', async () => {
    const server = await recordingServer((request) =>
      request.target === tokenPath ? { status: 200, body: '{"access_token": tok-secret-xyz, "expires_in": 3600}' } : okJson,
    );
    servers.push(server);
    const client = await createClientFor(loaded, { baseUrl: server.origin, credentials });
    const outcome = await call(client, loaded, operation);
    expect(outcome).toHaveProperty('error');
    const { message } = (outcome as { error: Error }).error;
    expect(message).toContain('is not JSON');
    expect(message).not.toContain('tok-secret');
    expect(server.received.map((request) => request.target)).toEqual([tokenPath]);
  });

  it('refuses an issued access_token that a header cannot carry, without printing it', async () => {
    const server = await recordingServer((request) =>
      request.target === tokenPath ? { status: 200, body: issuedToken('tok-head\r\nx-injected: tok-tail') } : okJson,
    );
    servers.push(server);
    const client = await createClientFor(loaded, { baseUrl: server.origin, credentials });
    const outcome = await call(client, loaded, operation);
    expect(outcome).toHaveProperty('error');
    const { message } = (outcome as { error: Error }).error;
    expect(message).toContain('access_token');
    expect(message).not.toMatch(/tok-head|injected|tok-tail/);
    expect(server.received.map((request) => request.target)).toEqual([tokenPath]);
  });
});
