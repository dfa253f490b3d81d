/**
 * Production behaviour of the generated clients, against loopback servers: a deadline per call,
 * retries (network errors, 429, 502/503/504; only idempotent or keyed requests; Retry-After and
 * the provider's own hint, capped; backoff with full jitter), idempotency keys, typed errors and
 * hooks that never see a credential. Each API is driven through its generated client with what its
 * spec says (which operations are retried, which carry keys); the runtime's branches no spec of
 * ours exercises (a request-id header, Retry-After dates) are driven with a plan of their own.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Client } from 'openapi-fetch';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { authPlanOf } from '../scripts/codegen/client.ts';
import { resiliencePlanOf } from '../scripts/codegen/resilience-plan.ts';
import {
  ApiError,
  TimeoutError,
  callOptions,
  hintedMs,
  orThrow,
  resilientFetch as resilientFetchOf,
  retryAfterMs,
  type ResiliencePlan,
  type ResilienceOptions,
  type ResponseEvent,
  type RequestEvent,
} from '../generated/resilience.ts';
import { exampleInputs, clientInit } from '../scripts/lib/requests.ts';
import { apis, loadApi } from './support/apis.ts';
import { issuedToken, securityCase, tokenPathOf } from './support/client-security.ts';
import { recordingServer, type Answer, type Received, type RecordingServer } from './support/recording-server.ts';
import { loadClientFactory } from '../scripts/lib/credentials.ts';

// biome-ignore lint/complexity/noBannedTypes: openapi-fetch's untyped paths map is Record<string, Record<string, {}>>
type UntypedClient = Client<Record<string, Record<string, {}>>>;

const servers: RecordingServer[] = [];
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all([...servers.splice(0).map((server) => server.close()), ...closers.splice(0).map((close) => close())]);
});

async function server(answer: (request: Received, index: number) => Answer): Promise<RecordingServer> {
  let index = 0;
  const started = await recordingServer((request) => answer(request, index++));
  servers.push(started);
  return started;
}

/** A server that answers after `delayMs`, or drops the connection of the first `drops` requests. */
async function rawServer(behaviour: { delayMs?: number; drops?: number }): Promise<{ origin: string; count: () => number }> {
  let count = 0;
  const http = createServer((incoming, outgoing) => {
    count += 1;
    if (count <= (behaviour.drops ?? 0)) return incoming.socket.destroy();
    const timer = setTimeout(() => outgoing.writeHead(200, { 'content-type': 'application/json' }).end('{}'), behaviour.delayMs ?? 0);
    outgoing.on('close', () => clearTimeout(timer));
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  );
  return { origin: `http://127.0.0.1:${(http.address() as AddressInfo).port}`, count: () => count };
}

const plain = (request: Request) => globalThis.fetch(request);

/** `idempotency-key` → `Idempotency-Key`: a caller's spelling other than the plan's lower case. */
const titleCase = (name: string) => name.replace(/(^|-)([a-z])/g, (_whole, dash: string, letter: string) => dash + letter.toUpperCase());

// ── Each API through its generated client ───────────────────────────────────────────────────────

describe.each(apis.map((api) => [api.name, api] as const))('%s: production behaviour', (_name, api) => {
  const loaded = loadApi(api);
  const { credentialSets, operation, tokenScheme } = securityCase(loaded);
  const plan = resiliencePlanOf(loaded.document, authPlanOf(api, loaded.document));
  const policy = plan.operations[`${operation.method.toUpperCase()} ${operation.path}`]!;
  const tokenPath = tokenScheme ? tokenPathOf(tokenScheme) : undefined;
  const isToken = (request: Received) => request.target === tokenPath;
  const idempotent = ['get', 'head', 'options', 'put', 'delete', 'trace'].includes(operation.method);
  const retried = idempotent || policy.idempotencyHeader !== undefined;
  const credentials = credentialSets[credentialSets.length - 1]!;
  const secrets = Object.values(credentials);

  const clientAt = (baseUrl: string, options: ResilienceOptions & { credentials?: Record<string, string> } = {}) =>
    loadClientFactory(api).then(
      (factory) => factory({ ...(options.credentials ?? credentials), baseUrl, retryBaseDelayMs: 1, ...options }) as UntypedClient,
    );
  const send = (client: UntypedClient, extra: Record<string, unknown> = {}) =>
    client.request(
      operation.method as never,
      operation.path as never,
      { ...clientInit(exampleInputs(loaded.document, operation)), ...extra } as never,
    ) as Promise<{
      data?: unknown;
      error?: unknown;
      response: Response;
    }>;
  const answering =
    (statuses: number[], headers: Record<string, string> = {}) =>
    (request: Received) =>
      isToken(request) ? { status: 200, body: issuedToken('token-from-server') } : { status: statuses.shift() ?? 200, headers, body: {} };

  it(`names ${operation.operationId} and the limit when the call outlasts its timeout`, async () => {
    const slow = await rawServer({ delayMs: 2_000 });
    const client = await clientAt(slow.origin, { credentials: credentialSets[0]!, timeoutMs: 150, retries: 0 });
    const error = await send(client).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toBe(`${operation.operationId} timed out after 150 ms`);
  });

  it('takes a timeout per call over the client one', async () => {
    const slow = await rawServer({ delayMs: 2_000 });
    const client = await clientAt(slow.origin, { credentials: credentialSets[0]!, timeoutMs: 60_000, retries: 0 });
    const error = await send(client, { middleware: [callOptions({ timeoutMs: 100 })] }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect((error as Error).message).toBe(`${operation.operationId} timed out after 100 ms`);
  });

  it(`${retried ? 'retries' : 'does not retry'} ${operation.method.toUpperCase()} ${operation.path} after a 503, as its method${policy.idempotencyHeader ? ' and idempotency key' : ''} allow`, async () => {
    const origin = await server(answering([503, 503]));
    const client = await clientAt(origin.origin);
    const result = await send(client);
    const calls = origin.received.filter((request) => !isToken(request));
    expect(calls).toHaveLength(retried ? 3 : 1);
    expect(result.response.status).toBe(retried ? 200 : 503);
  });

  it('does not retry when retries are turned off', async () => {
    const origin = await server(answering([503]));
    const result = await send(await clientAt(origin.origin, { retries: 0 }));
    expect(origin.received.filter((request) => !isToken(request))).toHaveLength(1);
    expect(result.response.status).toBe(503);
  });

  // Registered only where the spec makes the operation retryable (no skipped tests).
  if (retried)
    it('retries after the connection drops', async () => {
      const dropping = await rawServer({ drops: 1 });
      const result = await send(await clientAt(dropping.origin, { credentials: credentialSets[0]! }));
      expect(result.response.status).toBe(200);
      expect(dropping.count()).toBe(2);
    });

  if (policy.idempotencyHeader !== undefined)
    it('sends a fresh idempotency key per call, the same on its retries, unless the caller gives one', async () => {
      const header = policy.idempotencyHeader!;
      const origin = await server(answering([503]));
      const client = await clientAt(origin.origin);
      await send(client);
      await send(client);
      const keys = origin.received.filter((request) => !isToken(request)).map((request) => request.headers[header]);
      expect(keys).toHaveLength(3);
      expect(keys[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(keys[1]).toBe(keys[0]);
      expect(keys[2]).not.toBe(keys[0]);
      const inputs = exampleInputs(loaded.document, operation);
      await send(client, {
        params: { ...clientInit(inputs).params, header: { ...inputs.header, [titleCase(header)]: 'caller-key' } },
      });
      expect(origin.received.at(-1)!.headers[header]).toBe('caller-key');
      await send(await clientAt(origin.origin, { idempotencyKeys: false }));
      expect(origin.received.at(-1)!.headers[header]).toBeUndefined();
    });

  if (policy.idempotencyHeader !== undefined)
    it('sends the key the caller gives in its headers, in any case, and none when the caller unsets it (then no retry)', async () => {
      const header = policy.idempotencyHeader!;
      const origin = await server(answering([503, 200, 503]));
      const client = await clientAt(origin.origin);
      await send(client, { headers: { [header.toUpperCase()]: 'caller-key' } });
      expect(origin.received.filter((request) => !isToken(request)).map((request) => request.headers[header])).toEqual([
        'caller-key',
        'caller-key',
      ]);
      const before = origin.received.filter((request) => !isToken(request)).length;
      const unset = await send(client, { headers: { [titleCase(header)]: null } });
      const sent = origin.received.filter((request) => !isToken(request)).slice(before);
      expect(sent.map((request) => request.headers[header])).toEqual([undefined]);
      expect(unset.response.status).toBe(503);
      // A client whose own headers carry a key sends that one on every call.
      await send(await clientAt(origin.origin, { headers: { [header.toUpperCase()]: 'client-key' } } as ResilienceOptions));
      expect(origin.received.at(-1)!.headers[header]).toBe('client-key');
    });

  it('throws an ApiError with status and operation id from orThrow, never a credential', async () => {
    const origin = await server(answering([500]));
    const error = await orThrow(send(await clientAt(origin.origin, { retries: 0 }))).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 500, operationId: operation.operationId, requestId: undefined });
    expect((error as Error).message).toBe(`${operation.operationId} failed with status 500`);
    for (const secret of secrets) expect(JSON.stringify({ ...(error as object), message: (error as Error).message })).not.toContain(secret);
  });

  it('calls the hooks for every attempt, token requests included, without any credential', async () => {
    const origin = await server(answering([503]));
    const events: Array<RequestEvent | ResponseEvent> = [];
    const client = await clientAt(origin.origin, { onRequest: (event) => events.push(event), onResponse: (event) => events.push(event) });
    await send(client);
    const calls = origin.received.filter((request) => !isToken(request));
    const forOperation = events.filter((event) => event.operationId === operation.operationId);
    expect(forOperation).toHaveLength(2 * calls.length);
    expect(forOperation.filter((event) => 'status' in event).map((event) => (event as ResponseEvent).status)).toEqual(
      retried ? [503, 200] : [503],
    );
    expect(forOperation.every((event) => event.url.startsWith(origin.origin) && event.method === operation.method.toUpperCase())).toBe(
      true,
    );
    for (const secret of [...secrets, 'token-from-server']) expect(JSON.stringify(events)).not.toContain(secret);
    // The same client without hooks sent the credentials all the same: the hooks saw a redacted view.
    expect(JSON.stringify(origin.received.map((request) => request.headers))).toMatch(
      new RegExp(
        secrets
          .map((secret) => secret.replace(/[-]/g, '\\-'))
          .concat('token-from-server')
          .join('|'),
      ),
    );
  });
});

// ── The runtime with plans of its own ───────────────────────────────────────────────────────────

describe('resilient fetch', () => {
  const plan: ResiliencePlan = {
    operations: {},
    requestIdHeader: 'X-Request-Id',
    retryHint: { path: ['error', 'retryAfterMinutes'], unitMs: 60_000 },
    credentialHeaders: ['x-api-key'],
    credentialQuery: ['key'],
  };
  const get = (fetch: (request: Request) => Promise<Response>, url: string) => fetch(new Request(url));
  // Wired as a generated client whose spec documents a retry hint is.
  const resilientFetch = (fetch: (request: Request) => Promise<Response>, plan: ResiliencePlan, options: ResilienceOptions) =>
    resilientFetchOf(fetch, plan, options, hintedMs);

  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('Wed, 31 Dec 2025 23:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
  });

  it('waits as long as Retry-After says', async () => {
    const origin = await server((_request, index) =>
      index === 0 ? { status: 429, headers: { 'retry-after': '1' }, body: {} } : { status: 200, body: {} },
    );
    const started = performance.now();
    const response = await get(resilientFetch(plain, plan, { retryBaseDelayMs: 1 }), origin.origin);
    expect(response.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
  });

  it.each([
    ['a Retry-After beyond the cap', { 'retry-after': '60' }, {}, 1],
    ['an HTTP-date Retry-After beyond the cap', { 'retry-after': new Date(Date.now() + 3_600_000).toUTCString() }, {}, 1],
    ['an HTTP-date Retry-After already past', { 'retry-after': new Date(Date.now() - 3_600_000).toUTCString() }, {}, 2],
    ["the provider's hint beyond the cap", {}, { error: { retryAfterMinutes: 60 } }, 1],
    ["the provider's hint of no wait", {}, { error: { retryAfterMinutes: 0 } }, 2],
  ])('after a 429 with %s, retries only when the wait fits under the cap', async (_label, headers, body, expected) => {
    const origin = await server((_request, index) => (index === 0 ? { status: 429, headers, body } : { status: 200, body: {} }));
    const response = await get(resilientFetch(plain, plan, { retryBaseDelayMs: 1, maxRetryDelayMs: 5_000 }), origin.origin);
    expect(origin.received).toHaveLength(expected);
    expect(response.status).toBe(expected === 1 ? 429 : 200);
  });

  it('without a hint in the plan, the same 429 body is retried after a backoff', async () => {
    const origin = await server((_request, index) =>
      index === 0 ? { status: 429, body: { error: { retryAfterMinutes: 60 } } } : { status: 200, body: {} },
    );
    const { retryHint: _hint, ...withoutHint } = plan;
    expect((await get(resilientFetch(plain, withoutHint, { retryBaseDelayMs: 1, maxRetryDelayMs: 5_000 }), origin.origin)).status).toBe(
      200,
    );
    expect(origin.received).toHaveLength(2);
  });

  it('backs off exponentially with full jitter: each wait is random × base × 2^retry', async () => {
    const timed = async (random: number) => {
      vi.spyOn(Math, 'random').mockReturnValue(random);
      const origin = await server((_request, index) => ({ status: index < 2 ? 502 : 200, body: {} }));
      const started = performance.now();
      await get(resilientFetch(plain, plan, { retryBaseDelayMs: 200 }), origin.origin);
      vi.restoreAllMocks();
      return performance.now() - started;
    };
    // 0.5 × 200 + 0.5 × 400 = 300 ms of waiting; with random 0 there is none.
    expect(await timed(0.5)).toBeGreaterThanOrEqual(290);
    expect(await timed(0)).toBeLessThan(290);
  });

  it('does not retry an unsafe method that carries no idempotency key', async () => {
    const keyed: ResiliencePlan = { ...plan, operations: {} };
    const origin = await server((_request, index) => ({ status: index % 2 === 0 ? 503 : 200, body: {} }));
    const fetch = resilientFetch(plain, keyed, { retryBaseDelayMs: 1 });
    expect((await fetch(new Request(origin.origin, { method: 'POST', body: '{"a":1}' }))).status).toBe(503);
    expect(origin.received).toHaveLength(1);
  });

  it("puts the provider's request id on the ApiError and in the hooks", async () => {
    const origin = await server(() => ({ status: 404, headers: { 'x-request-id': 'req_123' }, body: { error: 'nope' } }));
    const events: ResponseEvent[] = [];
    const fetch = resilientFetch(plain, plan, { onResponse: (event) => events.push(event) });
    const error = await orThrow(
      fetch(
        new Request(`${origin.origin}/x?key=secret-query-key`, {
          headers: { 'x-api-key': 'secret-header-key', authorization: 'Bearer secret-token' },
        }),
      ).then(async (response) => ({
        error: (await response.json()) as unknown,
        response,
      })),
    ).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({ status: 404, operationId: 'GET /x', requestId: 'req_123', error: { error: 'nope' } });
    expect(events[0]).toMatchObject({ status: 404, requestId: 'req_123', url: `${origin.origin}/x?key=redacted` });
    expect(JSON.stringify(events)).not.toMatch(/secret-/);
    expect(origin.received[0]!.headers['x-api-key']).toBe('secret-header-key');
  });

  it.each([Number.POSITIVE_INFINITY, 2 ** 31])('takes a timeout longer than a timer can count (%d ms) as none', async (timeoutMs) => {
    // setTimeout fires at once for delays over 2^31 − 1 ms: such a deadline must not fail the call.
    const slow = await rawServer({ delayMs: 50 });
    const response = await get(resilientFetch(plain, plan, { timeoutMs }), slow.origin);
    expect(response.status).toBe(200);
  });

  it('waits as long as asked beyond what a timer can count, not at once', async () => {
    // Retry-After of 30 million seconds (347 days), allowed by an unbounded cap: the wait must outlast the deadline.
    const origin = await server(() => ({ status: 503, headers: { 'retry-after': '30000000' }, body: {} }));
    const fetch = resilientFetch(plain, plan, { timeoutMs: 300, maxRetryDelayMs: Number.POSITIVE_INFINITY });
    const error = await get(fetch, origin.origin).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(TimeoutError);
    expect(origin.received).toHaveLength(1);
  });

  it('gives up at the deadline even while waiting to retry', async () => {
    const origin = await server(() => ({ status: 503, headers: { 'retry-after': '10' }, body: {} }));
    const error = await get(resilientFetch(plain, plan, { timeoutMs: 200 }), origin.origin).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(TimeoutError);
    expect(origin.received).toHaveLength(1);
  });
});
