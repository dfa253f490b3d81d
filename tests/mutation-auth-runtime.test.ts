/**
 * The client auth runtime, unit by unit: what each scheme puts on the wire, when a missing
 * credential stops a call, when a client-credentials token is fetched, reused, refreshed and
 * dropped, which operations override the default requirement, and how redirects are followed.
 * Clients are wired as the generated ones are (scripts/codegen/client.ts), over an in-memory fetch.
 */
import { describe, expect, it } from 'vitest';
import {
  ResendableRequest,
  RedirectRefusedError,
  apiKeyCookie,
  authenticatedClient,
  apiKeyHeader,
  apiKeyQuery,
  basic,
  bearer,
  checkCredentials,
  clientCredentials,
  sameOriginRedirects,
  tokenEndpoint,
  tokenLifetimeSeconds,
  tokenUseMilliseconds,
  type ClientAuth,
  type TokenRequest,
} from '../scripts/codegen/auth-runtime.ts';
import { type Answer, json, origin, outcome, type Sent, testClient, tokenAnswer, tokenPath, tokenUrl } from './support/auth-client.ts';

const jsonTokenRequest: TokenRequest = {
  mediaType: 'application/json',
  fields: { client_id: 'clientId', client_secret: 'clientSecret' },
  constants: { grant_type: 'client_credentials' },
};

const single = (name: string, factory: ClientAuth['schemes'][string], operations: ClientAuth['operations'] = {}): ClientAuth => ({
  schemes: { [name]: factory },
  defaultRequirement: [[name]],
  operations,
});
const oauth = (request: TokenRequest = jsonTokenRequest, isOperation = true) =>
  single('oauth', clientCredentials(isOperation ? tokenPath : tokenUrl, request));
const clientCredentialsOptions = { clientId: 'id-1', clientSecret: 'secret-1' };

describe('credential options', () => {
  it('accepts strings and absent options', () => {
    expect(() => checkCredentials({ apiKey: 'key', other: 3 }, ['apiKey', 'missing'])).not.toThrow();
  });

  it('refuses a non-string option, naming it and never its value', () => {
    expect(() => checkCredentials({ apiKey: 12345 }, ['apiKey'])).toThrow(new TypeError('credential option "apiKey": expected a string'));
  });

  it.each(['a\nb', 'a\rb', 'a\0b'])('refuses a value an HTTP header cannot carry (%j)', (value) => {
    expect(() => checkCredentials({ apiKey: value }, ['apiKey'])).toThrow(
      new TypeError('credential option "apiKey" contains a line break or NUL character, which an HTTP header cannot carry'),
    );
  });

  it.each([[{}], [{ apiKey: '' }], [{ apiKey: 7 }]])(
    'a missing, empty or non-string credential stops the call before anything is sent (%j)',
    async (credentials) => {
      const { client, sent } = testClient(single('key', apiKeyHeader('x-api-key', 'apiKey')), credentials);
      expect(await outcome(client.GET('/items'))).toBe('missing credential option "apiKey"');
      expect(sent).toHaveLength(0);
    },
  );
});

describe('schemes on the wire', () => {
  it('an API key header', async () => {
    const { client, sent } = testClient(single('key', apiKeyHeader('x-api-key', 'apiKey')), { apiKey: 'k-1' });
    expect(await outcome(client.GET('/items'))).toBe(200);
    expect(sent[0]!.headers.get('x-api-key')).toBe('k-1');
  });

  it('an API key in the query, beside the call’s own parameters, method and body kept', async () => {
    const { client, sent } = testClient(single('key', apiKeyQuery('key', 'apiKey')), { apiKey: 'k 1' });
    expect(await outcome(client.POST('/items', { params: { query: { page: 2 } }, body: { a: 1 } }))).toBe(200);
    expect(sent[0]!.method).toBe('POST');
    expect(sent[0]!.url.searchParams.get('key')).toBe('k 1');
    expect(sent[0]!.url.searchParams.get('page')).toBe('2');
    expect(JSON.parse(sent[0]!.body)).toEqual({ a: 1 });
  });

  it('an API key cookie, percent-encoded', async () => {
    const { client, sent } = testClient(single('key', apiKeyCookie('session', 'apiKey')), { apiKey: 'a;b c' });
    expect(await outcome(client.GET('/items'))).toBe(200);
    expect(sent[0]!.headers.get('cookie')).toBe('session=a%3Bb%20c');
  });

  it('a bearer token', async () => {
    const { client, sent } = testClient(single('bearer', bearer('token')), { token: 't-1' });
    expect(await outcome(client.GET('/items'))).toBe(200);
    expect(sent[0]!.headers.get('authorization')).toBe('Bearer t-1');
  });

  it('HTTP basic credentials', async () => {
    const { client, sent } = testClient(single('basic', basic('username', 'password')), { username: 'user', password: 'pa:ss' });
    expect(await outcome(client.GET('/items'))).toBe(200);
    expect(sent[0]!.headers.get('authorization')).toBe(`Basic ${btoa('user:pa:ss')}`);
  });

  it('every scheme of a requirement at once', async () => {
    const auth: ClientAuth = {
      schemes: { key: apiKeyHeader('x-api-key', 'apiKey'), bearer: bearer('token') },
      defaultRequirement: [['key', 'bearer']],
      operations: {},
    };
    const { client, sent } = testClient(auth, { apiKey: 'k-1', token: 't-1' });
    await client.GET('/items');
    expect([sent[0]!.headers.get('x-api-key'), sent[0]!.headers.get('authorization')]).toEqual(['k-1', 'Bearer t-1']);
  });
});

describe('per-operation requirements', () => {
  const auth: ClientAuth = {
    schemes: { key: apiKeyHeader('x-api-key', 'apiKey'), basic: basic('username', 'password') },
    defaultRequirement: [['key']],
    operations: { 'GET /public': [], 'POST /items/{id}': [['basic']], 'GET /legacy': [['undeclared']] },
  };
  const credentials = { apiKey: 'k-1', username: 'u', password: 'p' };

  it('an operation without security sends no credential', async () => {
    const { client, sent } = testClient(auth, credentials);
    await client.GET('/public');
    expect([sent[0]!.headers.get('x-api-key'), sent[0]!.headers.get('authorization')]).toEqual([null, null]);
  });

  it('an operation with its own requirement uses it instead of the default, keyed by method and template path', async () => {
    const { client, sent } = testClient(auth, credentials);
    await client.POST('/items/{id}', { params: { path: { id: 'i-1' } } });
    await client.GET('/items/{id}', { params: { path: { id: 'i-1' } } });
    expect(sent.map((entry) => [entry.headers.get('x-api-key'), entry.headers.get('authorization')])).toEqual([
      [null, `Basic ${btoa('u:p')}`],
      ['k-1', null],
    ]);
  });

  it('a scheme name the client does not know adds nothing', async () => {
    const { client, sent } = testClient(auth, credentials);
    expect(await outcome(client.GET('/legacy'))).toBe(200);
    expect([sent[0]!.headers.get('x-api-key'), sent[0]!.headers.get('authorization')]).toEqual([null, null]);
  });
});

describe('token lifetime', () => {
  it.each([
    [120, 120],
    ['120', 120],
    [' 90 ', 90],
    [0.5, 0.5],
    [0, 300],
    [-5, 300],
    ['', 300],
    ['  ', 300],
    ['soon', 300],
    [Number.POSITIVE_INFINITY, 300],
    [null, 300],
    [undefined, 300],
    [true, 300],
  ])('expires_in %j lasts %d s', (expiresIn, seconds) => {
    expect(tokenLifetimeSeconds(expiresIn)).toBe(seconds);
  });

  it('is used for all but a tenth of its lifetime, at most 30 s early, in milliseconds', () => {
    expect(tokenUseMilliseconds(100)).toBe(90_000);
    expect(tokenUseMilliseconds(300)).toBe(270_000);
    expect(tokenUseMilliseconds(1000)).toBe(970_000);
  });
});

describe('token endpoint', () => {
  it('is the tokenUrl as the spec gives it when it is not one of the API’s operations', () => {
    expect(tokenEndpoint('https://auth.example.test/token?x=1', 'https://api.example.test/base')).toBe(
      'https://auth.example.test/token?x=1',
    );
  });

  it.each(['https://gw.test/prefix', 'https://gw.test/prefix/'])('is the operation’s path below the base URL %s', (baseUrl) => {
    expect(tokenEndpoint('/oauth/token?x=1', baseUrl)).toBe('https://gw.test/prefix/oauth/token?x=1');
  });

  it('is called at the spec’s own tokenUrl when that is another host', async () => {
    const { client, sent } = testClient(oauth(jsonTokenRequest, false), clientCredentialsOptions, (request) =>
      request.url.startsWith(tokenUrl) ? tokenAnswer('t-1') : undefined,
    );
    await client.GET('/items');
    expect(sent[0]!.url.href).toBe(tokenUrl);
  });
});

describe('client-credentials tokens', () => {
  const issuing = (expiresIn?: unknown, onApi: Answer = () => undefined): Answer => {
    let issued = 0;
    return (request, sent) => (sent.url.pathname === '/oauth/token' ? tokenAnswer(`token-${++issued}`, expiresIn) : onApi(request, sent));
  };

  it('are requested with the spec’s media type and fields, constants first', async () => {
    const { client, tokenCalls, apiCalls } = testClient(oauth(), clientCredentialsOptions, issuing());
    expect(await outcome(client.GET('/items'))).toBe(200);
    const [token] = tokenCalls();
    expect(token!.method).toBe('POST');
    expect(token!.headers.get('content-type')).toBe('application/json');
    expect(token!.headers.get('accept')).toBe('application/json');
    expect(token!.body).toBe('{"grant_type":"client_credentials","client_id":"id-1","client_secret":"secret-1"}');
    expect(apiCalls()[0]!.headers.get('authorization')).toBe('Bearer token-1');
  });

  it('are requested form-encoded when the spec says so', async () => {
    const form: TokenRequest = {
      mediaType: 'application/x-www-form-urlencoded',
      fields: { client_id: 'clientId', client_secret: 'clientSecret' },
    };
    const { client, tokenCalls } = testClient(oauth(form), clientCredentialsOptions, issuing());
    await client.GET('/items');
    expect(tokenCalls()[0]!.headers.get('content-type')).toBe('application/x-www-form-urlencoded');
    expect(tokenCalls()[0]!.body).toBe('client_id=id-1&client_secret=secret-1');
  });

  it('are not requested when an access token is given, nor is a call retried after a 401', async () => {
    const { client, sent } = testClient(oauth(), { accessToken: 'given-1' }, () => json({}, 401));
    expect(await outcome(client.GET('/items'))).toBe(401);
    expect(sent.map((entry) => entry.headers.get('authorization'))).toEqual(['Bearer given-1']);
  });

  it('are requested when the given access token is empty', async () => {
    const { client, tokenCalls, apiCalls } = testClient(oauth(), { accessToken: '', ...clientCredentialsOptions }, issuing());
    await client.GET('/items');
    expect(tokenCalls()).toHaveLength(1);
    expect(apiCalls()[0]!.headers.get('authorization')).toBe('Bearer token-1');
  });

  it('with an empty access token given, are fetched again after a 401 and the call retried', async () => {
    const { client, apiCalls } = testClient(
      oauth(),
      { accessToken: '', ...clientCredentialsOptions },
      issuing(3600, (_request, sent) => (sent.headers.get('authorization') === 'Bearer token-1' ? json({}, 401) : undefined)),
    );
    expect(await outcome(client.GET('/items'))).toBe(200);
    expect(apiCalls().map((entry) => entry.headers.get('authorization'))).toEqual(['Bearer token-1', 'Bearer token-2']);
  });

  it('are refreshed exactly when a tenth of their lifetime is left (100 s lifetime: after 90 s)', async () => {
    const { client, apiCalls, clock } = testClient(oauth(), clientCredentialsOptions, issuing(100));
    clock.now = 1_000_000;
    await client.GET('/items');
    clock.now = 1_000_000 + 89_999;
    await client.GET('/items');
    clock.now = 1_000_000 + 90_000;
    await client.GET('/items');
    expect(apiCalls().map((entry) => entry.headers.get('authorization'))).toEqual(['Bearer token-1', 'Bearer token-1', 'Bearer token-2']);
  });

  it('without expires_in last the default 300 s, less 30 s', async () => {
    const { client, apiCalls, clock } = testClient(oauth(), clientCredentialsOptions, issuing());
    await client.GET('/items');
    clock.now = 269_999;
    await client.GET('/items');
    clock.now = 270_000;
    await client.GET('/items');
    expect(apiCalls().map((entry) => entry.headers.get('authorization'))).toEqual(['Bearer token-1', 'Bearer token-1', 'Bearer token-2']);
  });

  it('are fetched once for concurrent calls', async () => {
    const { client, tokenCalls } = testClient(oauth(), clientCredentialsOptions, issuing());
    await Promise.all([client.GET('/items'), client.GET('/items'), client.GET('/items')]);
    expect(tokenCalls()).toHaveLength(1);
  });

  it.each([
    ['a refused token request', () => json({ error: 'invalid_client' }, 400), `token request to ${tokenUrl} failed with status 400`],
    ['a response without access_token', () => json({ expires_in: 60 }), `token response from ${tokenUrl} has no access_token`],
    ['a JSON null response', () => json(null), `token response from ${tokenUrl} has no access_token`],
    ['a non-string access_token', () => json({ access_token: 42 }), `token response from ${tokenUrl} has no access_token`],
    [
      'an access_token with a line break',
      () => json({ access_token: 'a\nb' }),
      `token response from ${tokenUrl} has an access_token that an HTTP header cannot carry`,
    ],
    ['a response that is not JSON', () => new Response('access_token=secret-token'), `token response from ${tokenUrl} is not JSON`],
  ])('%s fails the call, without sending it', async (_case, tokenResponse, message) => {
    const { client, apiCalls } = testClient(oauth(), clientCredentialsOptions, (_request, sent) =>
      sent.url.pathname === '/oauth/token' ? tokenResponse() : undefined,
    );
    expect(await outcome(client.GET('/items'))).toBe(message);
    expect(apiCalls()).toHaveLength(0);
  });

  it('a token fetch that failed is tried again by the next call', async () => {
    let failures = 1;
    const { client, tokenCalls } = testClient(oauth(), clientCredentialsOptions, (_request, sent) =>
      sent.url.pathname === '/oauth/token' ? (failures-- > 0 ? json({}, 503) : tokenAnswer('token-ok')) : undefined,
    );
    expect(await outcome(client.GET('/items'))).toBe(`token request to ${tokenUrl} failed with status 503`);
    expect(await outcome(client.GET('/items'))).toBe(200);
    expect(tokenCalls()).toHaveLength(2);
  });

  it('after a 401 the cached token is dropped, a fresh one fetched and the call retried once with its body', async () => {
    const { client, apiCalls, tokenCalls } = testClient(
      oauth(),
      clientCredentialsOptions,
      issuing(3600, (_request, sent) => (sent.headers.get('authorization') === 'Bearer token-1' ? json({}, 401) : undefined)),
    );
    expect(await outcome(client.POST('/items', { body: { amount: 5 } }))).toBe(200);
    expect(apiCalls().map((entry) => [entry.method, entry.headers.get('authorization'), entry.body])).toEqual([
      ['POST', 'Bearer token-1', '{"amount":5}'],
      ['POST', 'Bearer token-2', '{"amount":5}'],
    ]);
    // The fresh token is the cached one now.
    await client.GET('/items');
    expect(tokenCalls()).toHaveLength(2);
    expect(apiCalls()[2]!.headers.get('authorization')).toBe('Bearer token-2');
  });

  it('a 401 without a body is retried too', async () => {
    const { client, apiCalls } = testClient(
      oauth(),
      clientCredentialsOptions,
      issuing(3600, (_request, sent) =>
        sent.headers.get('authorization') === 'Bearer token-1' ? new Response(null, { status: 401 }) : undefined,
      ),
    );
    expect(await outcome(client.GET('/items'))).toBe(200);
    expect(apiCalls()).toHaveLength(2);
  });

  it('when the retry is refused too, the call answers 401 and the next call starts with a new token', async () => {
    const { client, apiCalls } = testClient(
      oauth(),
      clientCredentialsOptions,
      issuing(3600, (_request, sent) => (sent.headers.get('authorization') === 'Bearer token-3' ? undefined : json({}, 401))),
    );
    expect(await outcome(client.GET('/items'))).toBe(401);
    expect(await outcome(client.GET('/items'))).toBe(200);
    expect(apiCalls().map((entry) => entry.headers.get('authorization'))).toEqual(['Bearer token-1', 'Bearer token-2', 'Bearer token-3']);
  });

  it('a refusal drops the cached token only when the refused request carried it', async () => {
    let issued = 0;
    const clock = { now: 0 };
    const scheme = clientCredentials(
      tokenPath,
      jsonTokenRequest,
    )({
      credentials: clientCredentialsOptions,
      baseUrl: origin,
      fetch: async () => tokenAnswer(`token-${++issued}`, 100),
      now: () => clock.now,
    });
    const bearerOf = async () => await scheme.value();
    const first = new Request(`${origin}/items`, { headers: { authorization: await scheme.value() } });
    clock.now = 95_000;
    expect(await bearerOf()).toBe('Bearer token-2');
    scheme.rejected!(first); // a late 401 for token-1
    expect(await bearerOf()).toBe('Bearer token-2');
    scheme.rejected!(new Request(`${origin}/items`)); // a refused call without a token
    expect(await bearerOf()).toBe('Bearer token-2');
    scheme.rejected!(new Request(`${origin}/items`, { headers: { authorization: 'Bearer token-2' } }));
    expect(await bearerOf()).toBe('Bearer token-3');
    expect(scheme.renewable).toBe(true);
  });

  it('a requirement that mixes an API key with a token is retried after a 401, the key kept', async () => {
    const auth: ClientAuth = {
      schemes: { key: apiKeyHeader('x-api-key', 'apiKey'), oauth: clientCredentials(tokenPath, jsonTokenRequest) },
      defaultRequirement: [['key', 'oauth']],
      operations: {},
    };
    const { client, apiCalls } = testClient(
      auth,
      { apiKey: 'k-1', ...clientCredentialsOptions },
      issuing(3600, (_request, sent) => (sent.headers.get('authorization') === 'Bearer token-1' ? json({}, 401) : undefined)),
    );
    expect(await outcome(client.GET('/items'))).toBe(200);
    expect(apiCalls().map((entry) => [entry.headers.get('x-api-key'), entry.headers.get('authorization')])).toEqual([
      ['k-1', 'Bearer token-1'],
      ['k-1', 'Bearer token-2'],
    ]);
  });

  it('a mixed requirement refused twice answers 401', async () => {
    const auth: ClientAuth = {
      schemes: { key: apiKeyHeader('x-api-key', 'apiKey'), oauth: clientCredentials(tokenPath, jsonTokenRequest) },
      defaultRequirement: [['key', 'oauth']],
      operations: {},
    };
    const { client, apiCalls } = testClient(
      auth,
      { apiKey: 'k-1', ...clientCredentialsOptions },
      issuing(3600, () => json({}, 401)),
    );
    expect(await outcome(client.GET('/items'))).toBe(401);
    expect(apiCalls()).toHaveLength(2);
  });

  it('a request another middleware replaced after authentication is answered 401 as is, not retried', async () => {
    const { client, apiCalls } = testClient(
      oauth(),
      clientCredentialsOptions,
      issuing(3600, () => json({}, 401)),
    );
    client.use({
      onRequest: ({ request }) => new ResendableRequest(request.url, { method: request.method, headers: request.headers }),
    });
    expect(await outcome(client.GET('/items'))).toBe(401);
    expect(apiCalls()).toHaveLength(1);
  });

  it('an API key refused with 401 is answered as is, not retried', async () => {
    const { client, sent } = testClient(single('key', apiKeyHeader('x-api-key', 'apiKey')), { apiKey: 'k-1' }, () => json({}, 401));
    expect(await outcome(client.GET('/items'))).toBe(401);
    expect(sent).toHaveLength(1);
  });
});

describe('a path key with a query string of its own', () => {
  const keyed = (operations: ClientAuth['operations'] = {}) => single('key', apiKeyHeader('x-api-key', 'apiKey'), operations);

  it('sends one query: the key’s literal parameters, then the call’s own; a path without one as it is', async () => {
    const { client, sent } = testClient(keyed(), { apiKey: 'k-1' });
    await client.GET('/items/{id}?beta=true&v=2', { params: { path: { id: 'a-1' }, query: { limit: 5 } } });
    await client.GET('/items?beta=true');
    await client.GET('/items', { params: { query: { limit: 1 } } });
    expect(sent.map((entry) => `${entry.url.pathname}${entry.url.search}`)).toEqual([
      '/items/a-1?beta=true&v=2&limit=5',
      '/items?beta=true',
      '/items?limit=1',
    ]);
  });

  it('lets the call’s own value win over the literal one', async () => {
    const { client, sent } = testClient(keyed(), { apiKey: 'k-1' });
    await client.GET('/items?beta=true', { params: { query: { beta: 'false' } } });
    expect(sent[0]!.url.search).toBe('?beta=false');
  });

  it('keeps the operation’s plan keyed by the path as the spec writes it', async () => {
    const { client, sent } = testClient(keyed({ 'GET /items?beta=true': [[]] }), { apiKey: 'k-1' });
    await client.GET('/items?beta=true');
    await client.GET('/items');
    expect(sent.map((entry) => entry.headers.get('x-api-key'))).toEqual([null, 'k-1']);
  });
});

describe('path parameters', () => {
  const client = () => testClient(single('key', apiKeyHeader('x-api-key', 'apiKey')), { apiKey: 'k-1' });

  it.each(['..', '.', '%2e%2E', '%252e%252e'])('refuse a dot segment (%s), naming the parameter, before anything is sent', async (id) => {
    const { client: api, sent } = client();
    expect(await outcome(api.GET('/items/{id}/lines', { params: { path: { id } } }))).toBe(
      '/items/{id}/lines: path parameter "id" is "." or ".." (possibly percent-encoded), which would address another endpoint; the request was not sent',
    );
    expect(sent).toHaveLength(0);
  });

  it.each(['..a', 'a.b', '...', 'item-1'])('let other values through (%s)', async (id) => {
    const { client: api, sent } = client();
    expect(await outcome(api.GET('/items/{id}', { params: { path: { id } } }))).toBe(200);
    expect(sent).toHaveLength(1);
  });

  it('let a literal dot segment of the template itself through', async () => {
    const { client: api, sent } = client();
    expect(await outcome(api.GET('/a/../{id}', { params: { path: { id: 'x' } } }))).toBe(200);
    expect(sent).toHaveLength(1);
  });

  it('let a literal dot segment of the template through beside a value with a dot in it', async () => {
    const { client: api, sent } = client();
    expect(await outcome(api.GET('/a/../{id}', { params: { path: { id: 'x.y' } } }))).toBe(200);
    expect(sent).toHaveLength(1);
  });

  it('refuse a dot segment in any one of several parameters', async () => {
    const { client: api, sent } = client();
    expect(await outcome(api.GET('/items/{id}/lines/{line}', { params: { path: { id: 'i-1', line: '..' } } }))).toBe(
      '/items/{id}/lines/{line}: path parameter "line" is "." or ".." (possibly percent-encoded), which would address another endpoint; the request was not sent',
    );
    expect(sent).toHaveLength(0);
  });

  it('leave a templated path called without parameters to openapi-fetch', async () => {
    const { client: api, sent } = client();
    expect(await outcome(api.GET('/items/{id}'))).toBe(200);
    expect(sent).toHaveLength(1);
  });

  it('leave a call without path parameters alone', async () => {
    const { client: api, sent } = client();
    expect(await outcome(api.GET('/items'))).toBe(200);
    expect(await outcome(api.GET('/items', { params: { path: {} } }))).toBe(200);
    expect(sent).toHaveLength(2);
  });
});

describe('the client around openapi-fetch', () => {
  const keyed = (operations: ClientAuth['operations'] = {}) => single('key', apiKeyHeader('x-api-key', 'apiKey'), operations);
  const methods = ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE'] as const;

  it('authenticates a call through every method, and through request() with the method in any case', async () => {
    // Without the credential, each method fails by its name before openapi-fetch builds a request (undici refuses TRACE there).
    const missing = testClient(keyed(), {});
    const unauthenticated = missing.client as unknown as Record<string, (path: string) => Promise<{ response: Response }>>;
    for (const method of methods)
      expect(await outcome(unauthenticated[method]!('/items')), method).toBe('missing credential option "apiKey"');
    expect(missing.sent).toHaveLength(0);
    const { client, sent } = testClient(keyed({ 'GET /public': [] }), { apiKey: 'k-1' });
    const calls = client as unknown as Record<string, (path: string) => Promise<unknown>>;
    for (const method of methods.filter((method) => method !== 'TRACE')) await calls[method]!('/items');
    const request = (client as unknown as { request: (method: string, path: string) => Promise<unknown> }).request;
    await request('get', '/items');
    await request('get', '/public');
    expect(sent.map((entry) => [entry.method, entry.headers.get('x-api-key')])).toEqual([
      ...methods.filter((method) => method !== 'TRACE').map((method) => [method, 'k-1']),
      ['GET', 'k-1'],
      ['GET', null],
    ]);
  });

  it('puts each scheme where it belongs: a header, the cookie header, a query parameter', () => {
    const context = { credentials: { apiKey: 'k', user: 'u', password: 'p' }, baseUrl: origin, fetch: async () => json({}), now: () => 0 };
    expect(
      [
        apiKeyHeader('x-api-key', 'apiKey'),
        apiKeyCookie('session', 'apiKey'),
        apiKeyQuery('key', 'apiKey'),
        bearer('apiKey'),
        basic('user', 'password'),
        clientCredentials(tokenPath, jsonTokenRequest),
      ].map((factory) => {
        const { in: where, name } = factory(context);
        return [where, name];
      }),
    ).toEqual([
      ['header', 'x-api-key'],
      ['cookie', 'cookie'],
      ['query', 'key'],
      ['header', 'authorization'],
      ['header', 'authorization'],
      ['header', 'authorization'],
    ]);
  });

  it('keeps the call’s own header parameters, and appends a cookie credential to the call’s cookie', async () => {
    const { client, sent } = testClient(single('key', apiKeyCookie('session', 'apiKey')), { apiKey: 'k-1' });
    await client.GET('/items', { params: { header: { 'x-trace': 't-1' } }, headers: { cookie: 'theme=dark' } } as never);
    expect([sent[0]!.headers.get('x-trace'), sent[0]!.headers.get('cookie')]).toEqual(['t-1', 'theme=dark; session=k-1']);
  });

  it('answers a 401 as it is when the client was built without the renewal layer', async () => {
    let issued = 0;
    const fetch = async (request: Request) =>
      new URL(request.url).pathname === '/oauth/token' ? tokenAnswer(`token-${++issued}`) : json({}, 401);
    const client = authenticatedClient({ baseUrl: origin, fetch }, oauth(), {
      credentials: clientCredentialsOptions,
      baseUrl: origin,
      fetch,
      now: () => 0,
    }) as unknown as { GET: (path: string) => Promise<{ response: Response }> };
    expect(await outcome(client.GET('/items'))).toBe(401);
    expect(issued).toBe(1);
  });
});

describe('redirects', () => {
  /** A fetch answering the first request with `status` to `location`, then 200; records what was sent. */
  function redirecting(status: number, location: string | null, times = 1) {
    const sent: Sent[] = [];
    let left = times;
    const fetch = sameOriginRedirects(async (request) => {
      sent.push({
        method: request.method,
        url: new URL(request.url),
        headers: new Headers(request.headers),
        body: await request.clone().text(),
      });
      if (left-- > 0) return new Response(null, { status, headers: location === null ? {} : { location } });
      return json({ ok: true });
    });
    return { fetch, sent };
  }
  const post = (body: BodyInit = '{"a":1}') =>
    new ResendableRequest(`${origin}/items`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', authorization: 'Bearer t' },
      redirect: 'manual',
    });

  it.each([307, 308])('%d keeps method, body and headers on the same origin', async (status) => {
    const { fetch, sent } = redirecting(status, '/moved');
    expect((await fetch(post())).status).toBe(200);
    expect(sent[1]).toMatchObject({ method: 'POST', body: '{"a":1}' });
    expect(sent[1]!.url.href).toBe(`${origin}/moved`);
    expect(sent[1]!.headers.get('content-type')).toBe('application/json');
    expect(sent[1]!.headers.get('authorization')).toBe('Bearer t');
  });

  it('307 resends a streamed body', async () => {
    const { fetch, sent } = redirecting(307, '/moved');
    const stream = new Blob(['streamed']).stream();
    const request = new ResendableRequest(`${origin}/items`, {
      method: 'PUT',
      body: stream,
      duplex: 'half',
      redirect: 'manual',
    } as RequestInit);
    expect((await fetch(request)).status).toBe(200);
    expect(sent.map((entry) => entry.body)).toEqual(['streamed', 'streamed']);
  });

  it('a plain Request (not manual) is followed the same way', async () => {
    const { fetch, sent } = redirecting(308, '/moved');
    expect((await fetch(new Request(`${origin}/items`, { method: 'PUT', body: 'x' }))).status).toBe(200);
    expect(sent.map((entry) => [entry.method, entry.body])).toEqual([
      ['PUT', 'x'],
      ['PUT', 'x'],
    ]);
  });

  it.each([
    [303, 'POST', 'GET'],
    [303, 'PUT', 'GET'],
    [303, 'HEAD', 'HEAD'],
    [303, 'GET', 'GET'],
    [301, 'POST', 'GET'],
    [302, 'POST', 'GET'],
    [301, 'PUT', 'PUT'],
    [302, 'DELETE', 'DELETE'],
  ])('%d after %s continues with %s, as fetch does', async (status, method, expected) => {
    const { fetch, sent } = redirecting(status, `${origin}/moved`);
    const withBody = method !== 'GET' && method !== 'HEAD';
    const request = new ResendableRequest(`${origin}/items`, {
      method,
      ...(withBody ? { body: 'x' } : {}),
      headers: { 'content-type': 'text/plain', 'content-language': 'en', 'x-keep': '1' },
      redirect: 'manual',
    });
    await fetch(request);
    expect(sent[1]!.method).toBe(expected);
    const becameGet = expected === 'GET' && method !== 'GET';
    expect(sent[1]!.body).toBe(becameGet || !withBody ? '' : 'x');
    expect(sent[1]!.headers.get('content-type')).toBe(becameGet ? null : 'text/plain');
    expect(sent[1]!.headers.get('content-language')).toBe(becameGet ? null : 'en');
    expect(sent[1]!.headers.get('x-keep')).toBe('1');
  });

  it.each([
    ['another host', 'https://evil.example.test/steal', 'https://evil.example.test'],
    ['http on the same host', 'http://api.example.test/items', 'http://api.example.test'],
    ['another port', 'https://api.example.test:8443/items', 'https://api.example.test:8443'],
  ])('to %s is refused before anything is sent there', async (_case, location, target) => {
    const { fetch, sent } = redirecting(302, location);
    await expect(fetch(post())).rejects.toThrow(
      new RedirectRefusedError(`refused a 302 redirect from ${origin} to ${target}: credentials are sent only to ${origin}`),
    );
    expect(sent).toHaveLength(1);
  });

  it('to an unparsable Location is refused', async () => {
    const { fetch } = redirecting(301, 'http://[bad');
    await expect(fetch(post())).rejects.toThrow(
      `refused a 301 redirect from ${origin} to an invalid Location: credentials are sent only to ${origin}`,
    );
  });

  it('to a URL without an origin is refused, naming its scheme', async () => {
    const { fetch, sent } = redirecting(302, 'data:text/plain,stolen');
    await expect(fetch(post())).rejects.toThrow(
      new RedirectRefusedError(`refused a 302 redirect from ${origin} to data:: credentials are sent only to ${origin}`),
    );
    expect(sent).toHaveLength(1);
  });

  it('a request built without options (a GET) is followed on the same origin', async () => {
    const { fetch, sent } = redirecting(307, '/moved');
    expect((await fetch(new ResendableRequest(`${origin}/items`))).status).toBe(200);
    expect(sent.map((entry) => [entry.method, entry.url.pathname, entry.body])).toEqual([
      ['GET', '/items', ''],
      ['GET', '/moved', ''],
    ]);
  });

  it('an opaque redirect is refused, not returned as an answer', async () => {
    const fetch = sameOriginRedirects(async () =>
      Object.defineProperty(new Response(null, { status: 200 }), 'type', { value: 'opaqueredirect' }),
    );
    await expect(fetch(post())).rejects.toThrow(
      new RedirectRefusedError(`${origin} answered with a redirect this fetch hides; not followed`),
    );
  });

  it('a 3xx without Location, or one fetch never follows, is the answer', async () => {
    expect((await redirecting(302, null).fetch(post())).status).toBe(302);
    expect((await redirecting(304, '/moved').fetch(post())).status).toBe(304);
    expect((await redirecting(300, '/moved').fetch(post())).status).toBe(300);
  });

  it('20 redirects are followed, the 21st refused', async () => {
    expect((await redirecting(302, '/again', 20).fetch(post())).status).toBe(200);
    await expect(redirecting(302, '/again', 21).fetch(post())).rejects.toThrow(`${origin} redirected more than 20 times`);
  });
});
