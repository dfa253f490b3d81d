/**
 * No credential leaves the origin it was meant for, whatever the redirect: the generated clients
 * follow redirects within the origin and refuse, before sending anything, every redirect to another
 * origin (another port, another host, https → http) — token requests included.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { apis, loadApi } from './support/apis.ts';
import { call, createClientFor, issuedToken, securityCase, tokenPathOf, type Outcome } from './support/client-security.ts';
import { okJson, recordingServer, type Answer, type Received, type RecordingServer } from './support/recording-server.ts';

const servers: RecordingServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function server(answer?: (request: Received) => Answer): Promise<RecordingServer> {
  const started = await recordingServer(answer);
  servers.push(started);
  return started;
}

function expectRefused(outcome: Outcome, from: string, to: string): void {
  expect(outcome, 'the call should fail before reaching the other origin').toHaveProperty('error');
  const { error } = outcome as { error: Error };
  expect(error.name).toBe('RedirectRefusedError');
  expect(error.message).toContain(from);
  expect(error.message).toContain(to);
}

/** Headers a request keeps through any redirect (those describing a body may go with it). */
function lasting(headers: Received['headers']): Record<string, unknown> {
  const { 'content-type': _type, 'content-length': _length, ...rest } = headers;
  return rest;
}

describe.each(apis.map((api) => [api.name, api] as const))('%s: redirects', (_name, api) => {
  const loaded = loadApi(api);
  const { credentialSets, operation, tokenScheme } = securityCase(loaded);
  const tokenPath = tokenScheme ? tokenPathOf(tokenScheme) : undefined;
  const isToken = (request: Received) => request.target === tokenPath;

  describe.each(credentialSets.map((credentials) => [Object.keys(credentials).join(' + '), credentials] as const))(
    'with %s',
    (_set, credentials) => {
      it.each([301, 302, 303, 307, 308])(
        'follows a same-origin %i with every credential, the body kept where fetch keeps it',
        async (status) => {
          const origin = await server((request) =>
            isToken(request)
              ? { status: 200, body: issuedToken('token-1') }
              : request.target.startsWith('/moved/')
                ? okJson
                : { status, headers: { location: `/moved${request.target}` } },
          );
          const client = await createClientFor(loaded, { baseUrl: origin.origin, credentials });
          expect(await call(client, loaded, operation)).toEqual({ status: 200 });
          const [first, followed] = origin.received.filter((request) => !isToken(request));
          expect(followed?.target).toBe(`/moved${first?.target}`);
          expect(lasting(followed!.headers)).toEqual(lasting(first!.headers));
          const becomesGet = status === 303 || ((status === 301 || status === 302) && first!.method === 'POST');
          expect([followed!.method, followed!.body]).toEqual(becomesGet ? ['GET', ''] : [first!.method, first!.body]);
        },
      );

      it.each([301, 302, 303, 307, 308])('refuses a %i to another port and sends that origin nothing', async (status) => {
        const elsewhere = await server();
        const origin = await server((request) =>
          isToken(request)
            ? { status: 200, body: issuedToken('token-1') }
            : { status, headers: { location: `${elsewhere.origin}${request.target}` } },
        );
        const client = await createClientFor(loaded, { baseUrl: origin.origin, credentials });
        expectRefused(await call(client, loaded, operation), origin.origin, elsewhere.origin);
        expect(elsewhere.received).toEqual([]);
      });

      it('refuses a scheme-relative redirect to another port', async () => {
        const elsewhere = await server();
        const origin = await server((request) =>
          isToken(request)
            ? { status: 200, body: issuedToken('token-1') }
            : { status: 302, headers: { location: `//${new URL(elsewhere.origin).host}${request.target}` } },
        );
        const client = await createClientFor(loaded, { baseUrl: origin.origin, credentials });
        expectRefused(await call(client, loaded, operation), origin.origin, elsewhere.origin);
        expect(elsewhere.received).toEqual([]);
      });

      it('refuses a redirect to another host name of the same server', async () => {
        const origin = await server((request) =>
          isToken(request)
            ? { status: 200, body: issuedToken('token-1') }
            : { status: 307, headers: { location: `http://localhost:${new URL(origin.origin).port}${request.target}` } },
        );
        const client = await createClientFor(loaded, { baseUrl: origin.origin, credentials });
        expectRefused(await call(client, loaded, operation), origin.origin, `http://localhost:${new URL(origin.origin).port}`);
        expect(origin.received.filter((request) => !isToken(request))).toHaveLength(1);
      });

      it('refuses https → http on the same host and port, and sends nothing over http', async () => {
        const plain = await server();
        const secureOrigin = plain.origin.replace('http:', 'https:');
        // The https side is simulated by the client's own fetch option; the http side is a real server.
        const fetch = async (request: Request): Promise<Response> => {
          const url = new URL(request.url);
          if (url.protocol === 'http:') return globalThis.fetch(request);
          if (url.pathname === tokenPath) return Response.json(issuedToken('token-1'));
          return new Response(null, { status: 301, headers: { location: `${plain.origin}${url.pathname}${url.search}` } });
        };
        const client = await createClientFor(loaded, { baseUrl: secureOrigin, credentials, fetch });
        expectRefused(await call(client, loaded, operation), secureOrigin, plain.origin);
        expect(plain.received).toEqual([]);
      });
    },
  );

  const [credentials] = credentialSets as [Record<string, string>];

  it('stops a same-origin redirect loop after 20 redirects', async () => {
    const origin = await server((request) =>
      isToken(request) ? { status: 200, body: issuedToken('token-1') } : { status: 302, headers: { location: `/loop${request.target}` } },
    );
    const client = await createClientFor(loaded, { baseUrl: origin.origin, credentials });
    const outcome = await call(client, loaded, operation);
    expect(outcome).toHaveProperty('error');
    expect((outcome as { error: Error }).error.message).toBe(`${origin.origin} redirected more than 20 times`);
    expect(origin.received.filter((request) => !isToken(request))).toHaveLength(21);
  });

  it('fails clearly when the fetch in use hides a redirect (as browsers do in manual mode)', async () => {
    const hidden = () =>
      Object.defineProperties(new Response(null, { status: 200 }), { type: { value: 'opaqueredirect' }, status: { value: 0 } });
    const fetch = async (request: Request) =>
      new URL(request.url).pathname === tokenPath ? Response.json(issuedToken('token-1')) : hidden();
    const client = await createClientFor(loaded, { baseUrl: 'https://api.example', credentials, fetch });
    const outcome = await call(client, loaded, operation);
    expect(outcome).toHaveProperty('error');
    expect((outcome as { error: Error }).error.message).toBe('https://api.example answered with a redirect this fetch hides; not followed');
  });

  if (!tokenPath) return;
  const secretSet = credentialSets.find((set) => 'clientSecret' in set)!;

  it.each([307, 308, 302])('token request: a %i to another origin is refused and the client secret goes nowhere', async (status) => {
    const elsewhere = await server(() => ({ status: 200, body: issuedToken('stolen') }));
    const origin = await server((request) =>
      isToken(request) ? { status, headers: { location: `${elsewhere.origin}${request.target}` } } : okJson,
    );
    const client = await createClientFor(loaded, { baseUrl: origin.origin, credentials: secretSet });
    expectRefused(await call(client, loaded, operation), origin.origin, elsewhere.origin);
    expect(elsewhere.received).toEqual([]);
    expect(origin.received.map((request) => request.target)).toEqual([tokenPath]);
  });

  it('token request: a same-origin 307 is followed with its body', async () => {
    const origin = await server((request) =>
      request.target === `/moved${tokenPath}`
        ? { status: 200, body: issuedToken('token-1') }
        : isToken(request)
          ? { status: 307, headers: { location: `/moved${tokenPath}` } }
          : okJson,
    );
    const client = await createClientFor(loaded, { baseUrl: origin.origin, credentials: secretSet });
    expect(await call(client, loaded, operation)).toEqual({ status: 200 });
    const [first, followed, apiCall] = origin.received;
    expect(followed?.body).toBe(first?.body);
    expect(followed?.body).toContain(secretSet.clientSecret);
    expect(apiCall?.headers.authorization).toBe('Bearer token-1');
  });
});
