/**
 * A client wired as the generated ones are (scripts/codegen/client.ts: token renewal over the
 * redirect guard, under the authenticated client, which guards path parameters and moves a path
 * key's query string into the call's query; without the resilience layer's deadlines and retries),
 * over an in-memory fetch that records every request: what the auth runtime's unit tests drive.
 */
import type createClient from 'openapi-fetch';
import {
  type ClientAuth,
  authenticatedClient,
  guardPath,
  renewingFetch,
  sameOriginRedirects,
  splitPathQuery,
} from '../../scripts/codegen/auth-runtime.ts';

export const origin = 'https://api.example.test';
export const tokenPath = '/oauth/token';
export const tokenUrl = `${origin}${tokenPath}`;

export interface Sent {
  readonly method: string;
  readonly url: URL;
  readonly headers: Headers;
  readonly body: string;
}

/** The test's answer to a request, or undefined for the default 200 `{}`. */
export type Answer = (request: Request, sent: Sent) => Response | undefined;

type Call = (
  path: string,
  init?: { params?: { path?: Record<string, string>; query?: Record<string, unknown> }; body?: unknown },
) => Promise<{ response: Response }>;
/** The calls these tests make, on paths no spec types. */
export interface UntypedClient {
  GET: Call;
  POST: Call;
  use: ReturnType<typeof createClient>['use'];
}

export const json = (value: unknown, status = 200) =>
  new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json' } });

export const tokenAnswer = (token: string, expiresIn?: unknown) =>
  json(expiresIn === undefined ? { access_token: token } : { access_token: token, expires_in: expiresIn });

export function testClient(auth: ClientAuth, credentials: Record<string, unknown>, answer: Answer = () => undefined, clock = { now: 0 }) {
  const sent: Sent[] = [];
  const fetch = sameOriginRedirects(async (request) => {
    const entry = {
      method: request.method,
      url: new URL(request.url),
      headers: new Headers(request.headers),
      body: await request.clone().text(),
    };
    sent.push(entry);
    return answer(request, entry) ?? json({});
  });
  const context = { credentials, baseUrl: origin, fetch, now: () => clock.now };
  const client = authenticatedClient({ baseUrl: origin, fetch: renewingFetch(fetch) }, auth, context, {
    guard: guardPath,
    pathQuery: splitPathQuery,
  }) as unknown as UntypedClient;
  const apiCalls = () => sent.filter((entry) => entry.url.pathname !== tokenPath);
  const tokenCalls = () => sent.filter((entry) => entry.url.pathname === tokenPath);
  return { client, sent, apiCalls, tokenCalls, clock };
}

/** The status a call got, or the message of the error that stopped it. */
export async function outcome(promise: Promise<{ response: Response }>): Promise<number | string> {
  try {
    return (await promise).response.status;
  } catch (error) {
    return (error as Error).message;
  }
}
