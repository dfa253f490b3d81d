/**
 * Security requirement alternatives: which credentials go on the wire when an operation accepts
 * more than one way in. The client takes the first alternative it has every credential for, else
 * sends nothing when the operation allows that (an empty alternative, `{}` in the spec), else the
 * first alternative, whose missing credential then stops the call by name. Clients are wired as the
 * generated ones are (scripts/codegen/client.ts), over an in-memory fetch.
 */
import { describe, expect, it } from 'vitest';
import {
  apiKeyCookie,
  apiKeyHeader,
  apiKeyQuery,
  basic,
  bearer,
  type ClientAuth,
  clientCredentials,
  type SchemeFactory,
} from '../scripts/codegen/auth-runtime.ts';
import { json, outcome, type Sent, testClient, tokenAnswer, tokenPath } from './support/auth-client.ts';

/** A client over the recording fetch; the token endpoint issues token-1, token-2, …; the API answers `apiStatus`. */
function issuingClient(auth: ClientAuth, credentials: Record<string, unknown>, apiStatus: (sent: Sent) => number = () => 200) {
  let issued = 0;
  return testClient(auth, credentials, (_request, sent) =>
    sent.url.pathname === tokenPath ? tokenAnswer(`token-${++issued}`, 3600) : json({}, apiStatus(sent)),
  );
}

/** Every credential a request carried, wherever the scheme puts it. */
function onTheWire(sent: Sent) {
  return {
    apiKey: sent.headers.get('x-api-key'),
    queryKey: sent.url.searchParams.get('key'),
    cookie: sent.headers.get('cookie'),
    authorization: sent.headers.get('authorization'),
  };
}
const nothing = { apiKey: null, queryKey: null, cookie: null, authorization: null };

const schemes: Record<string, SchemeFactory> = {
  header: apiKeyHeader('x-api-key', 'apiKey'),
  query: apiKeyQuery('key', 'queryKey'),
  cookie: apiKeyCookie('session', 'sessionKey'),
  bearer: bearer('token'),
  basic: basic('username', 'password'),
  oauth: clientCredentials(tokenPath, {
    mediaType: 'application/json',
    fields: { client_id: 'clientId', client_secret: 'clientSecret' },
  }),
};
const withAlternatives = (defaultRequirement: ClientAuth['defaultRequirement'], operations: ClientAuth['operations'] = {}): ClientAuth => ({
  schemes,
  defaultRequirement,
  operations,
});

describe('each scheme is chosen exactly when its credentials are given', () => {
  // The fallback alternative is a bearer token, so every scheme but bearer is tried against it.
  const cases = [
    { scheme: 'header', credentials: { apiKey: 'k-1' }, wire: { ...nothing, apiKey: 'k-1' } },
    { scheme: 'query', credentials: { queryKey: 'q-1' }, wire: { ...nothing, queryKey: 'q-1' } },
    { scheme: 'cookie', credentials: { sessionKey: 's-1' }, wire: { ...nothing, cookie: 'session=s-1' } },
    { scheme: 'basic', credentials: { username: 'u', password: 'p' }, wire: { ...nothing, authorization: `Basic ${btoa('u:p')}` } },
    { scheme: 'oauth', credentials: { accessToken: 'a-1' }, wire: { ...nothing, authorization: 'Bearer a-1' } },
    { scheme: 'oauth', credentials: { clientId: 'id', clientSecret: 'secret' }, wire: { ...nothing, authorization: 'Bearer token-1' } },
  ];

  it.each(cases)('$scheme, given $credentials, is sent ahead of a later alternative', async ({ scheme, credentials, wire }) => {
    const { client, apiCalls } = issuingClient(withAlternatives([[scheme], ['bearer']]), { ...credentials, token: 't-1' });
    expect(await outcome(client.GET('/items'))).toBe(200);
    expect(onTheWire(apiCalls()[0]!)).toEqual(wire);
  });

  it.each(cases)('$scheme is passed over for a later alternative when its credentials are not given', async ({ scheme }) => {
    const { client, apiCalls, tokenCalls } = issuingClient(withAlternatives([[scheme], ['bearer']]), { token: 't-1' });
    expect(await outcome(client.GET('/items'))).toBe(200);
    expect(onTheWire(apiCalls()[0]!)).toEqual({ ...nothing, authorization: 'Bearer t-1' });
    expect(tokenCalls()).toHaveLength(0);
  });

  it('a bearer token is chosen ahead of a later API key, and passed over for it when not given', async () => {
    const auth = withAlternatives([['bearer'], ['header']]);
    const both = issuingClient(auth, { token: 't-1', apiKey: 'k-1' });
    await both.client.GET('/items');
    const keyOnly = issuingClient(auth, { apiKey: 'k-1' });
    await keyOnly.client.GET('/items');
    expect([onTheWire(both.apiCalls()[0]!), onTheWire(keyOnly.apiCalls()[0]!)]).toEqual([
      { ...nothing, authorization: 'Bearer t-1' },
      { ...nothing, apiKey: 'k-1' },
    ]);
  });
});

describe('a credential that does not count as given', () => {
  it.each([
    ['an empty API key', { apiKey: '' }, 'header'],
    ['a non-string API key', { apiKey: 42 }, 'header'],
    ['a username without its password', { username: 'u' }, 'basic'],
    ['a password without its username', { password: 'p' }, 'basic'],
    ['an empty password', { username: 'u', password: '' }, 'basic'],
    ['an empty access token alone', { accessToken: '' }, 'oauth'],
    ['a client id without its secret', { clientId: 'id' }, 'oauth'],
    ['a client secret without its id', { clientSecret: 'secret' }, 'oauth'],
    ['a non-string client id', { clientId: 7, clientSecret: 'secret' }, 'oauth'],
  ])('%s leaves the scheme for the next alternative', async (_case, credentials, scheme) => {
    const { client, apiCalls, tokenCalls } = issuingClient(withAlternatives([[scheme], ['bearer']]), { ...credentials, token: 't-1' });
    expect(await outcome(client.GET('/items'))).toBe(200);
    expect(onTheWire(apiCalls()[0]!)).toEqual({ ...nothing, authorization: 'Bearer t-1' });
    expect(tokenCalls()).toHaveLength(0);
  });
});

describe('alternatives of several schemes', () => {
  const auth = withAlternatives([['header', 'bearer'], ['basic']]);

  it('are chosen only when every one of their credentials is given', async () => {
    const { client, apiCalls } = issuingClient(auth, { apiKey: 'k-1', username: 'u', password: 'p' });
    expect(await outcome(client.GET('/items'))).toBe(200);
    expect(onTheWire(apiCalls()[0]!)).toEqual({ ...nothing, authorization: `Basic ${btoa('u:p')}` });
  });

  it('send all their credentials, and only theirs, when all are given', async () => {
    const { client, apiCalls } = issuingClient(auth, { apiKey: 'k-1', token: 't-1', username: 'u', password: 'p' });
    expect(await outcome(client.GET('/items'))).toBe(200);
    expect(onTheWire(apiCalls()[0]!)).toEqual({ ...nothing, apiKey: 'k-1', authorization: 'Bearer t-1' });
  });

  it('with none complete, the first one stops the call, naming its first missing credential', async () => {
    const { client, apiCalls } = issuingClient(auth, { apiKey: 'k-1', username: 'u' });
    expect(await outcome(client.GET('/items'))).toBe('missing credential option "token"');
    expect(apiCalls()).toHaveLength(0);
  });
});

describe('when no alternative has its credentials', () => {
  it('the first alternative stops the call, naming its missing credential, before anything is sent', async () => {
    const { client, apiCalls } = issuingClient(withAlternatives([['bearer'], ['header']]), {});
    expect(await outcome(client.GET('/items'))).toBe('missing credential option "token"');
    expect(apiCalls()).toHaveLength(0);
  });

  it('an alternative naming a scheme the client does not know is passed over, not an error', async () => {
    const { client, apiCalls } = issuingClient(withAlternatives([['undeclared'], ['header']]), { apiKey: 'k-1' });
    expect(await outcome(client.GET('/items'))).toBe(200);
    expect(onTheWire(apiCalls()[0]!)).toEqual({ ...nothing, apiKey: 'k-1' });
  });
});

describe('optional security (an empty alternative)', () => {
  it.each([
    ['after', [['header'], []]],
    ['before', [[], ['header']]],
  ] as const)('listed %s an API key: the key is sent when given', async (_where, alternatives) => {
    const { client, apiCalls } = issuingClient(withAlternatives(alternatives), { apiKey: 'k-1' });
    expect(await outcome(client.GET('/items'))).toBe(200);
    expect(onTheWire(apiCalls()[0]!)).toEqual({ ...nothing, apiKey: 'k-1' });
  });

  it.each([
    ['after', [['header'], []]],
    ['before', [[], ['header']]],
  ] as const)('listed %s an API key: without the key the call goes out with no credential', async (_where, alternatives) => {
    const { client, apiCalls } = issuingClient(withAlternatives(alternatives), { token: 't-1' });
    expect(await outcome(client.GET('/items'))).toBe(200);
    expect(onTheWire(apiCalls()[0]!)).toEqual(nothing);
  });

  it('is preferred to an earlier alternative whose credentials are missing', async () => {
    const { client, apiCalls } = issuingClient(withAlternatives([['bearer'], ['header'], []]), {});
    expect(await outcome(client.GET('/items'))).toBe(200);
    expect(onTheWire(apiCalls()[0]!)).toEqual(nothing);
  });

  it('a security-free operation sends nothing even when every credential is given', async () => {
    const { client, apiCalls } = issuingClient(withAlternatives([['header']], { 'GET /public': [[]] }), { apiKey: 'k-1', token: 't-1' });
    expect(await outcome(client.GET('/public'))).toBe(200);
    expect(await outcome(client.GET('/items'))).toBe(200);
    expect(apiCalls().map(onTheWire)).toEqual([nothing, { ...nothing, apiKey: 'k-1' }]);
  });
});

describe('per-operation alternatives', () => {
  const auth = withAlternatives([['header']], { 'POST /payments': [['basic'], ['bearer']] });

  it('replace the default alternatives for that method and path only', async () => {
    const { client, apiCalls } = issuingClient(auth, { apiKey: 'k-1', token: 't-1' });
    await client.POST('/payments');
    await client.GET('/payments');
    expect(apiCalls().map(onTheWire)).toEqual([
      { ...nothing, authorization: 'Bearer t-1' },
      { ...nothing, apiKey: 'k-1' },
    ]);
  });

  it('with none of their credentials, fail by the operation’s first alternative, not the default', async () => {
    const { client, apiCalls } = issuingClient(auth, { apiKey: 'k-1' });
    expect(await outcome(client.POST('/payments'))).toBe('missing credential option "username"');
    expect(apiCalls()).toHaveLength(0);
  });
});

describe('a 401 on a chosen alternative', () => {
  it('a fetched token chosen over a missing API key is renewed and the call retried with it', async () => {
    const { client, apiCalls, tokenCalls } = issuingClient(
      withAlternatives([['header'], ['oauth']]),
      { clientId: 'id', clientSecret: 'secret' },
      (sent) => (sent.headers.get('authorization') === 'Bearer token-1' ? 401 : 200),
    );
    expect(await outcome(client.GET('/items'))).toBe(200);
    expect(apiCalls().map(onTheWire)).toEqual([
      { ...nothing, authorization: 'Bearer token-1' },
      { ...nothing, authorization: 'Bearer token-2' },
    ]);
    expect(tokenCalls()).toHaveLength(2);
  });

  it('an API key chosen over a fetched token is answered as is: no token fetched, no retry', async () => {
    const { client, apiCalls, tokenCalls } = issuingClient(
      withAlternatives([['header'], ['oauth']]),
      { apiKey: 'k-1', clientId: 'id', clientSecret: 'secret' },
      () => 401,
    );
    expect(await outcome(client.GET('/items'))).toBe(401);
    expect(apiCalls().map(onTheWire)).toEqual([{ ...nothing, apiKey: 'k-1' }]);
    expect(tokenCalls()).toHaveLength(0);
  });
});
