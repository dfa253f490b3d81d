/**
 * Applies an API's security schemes to openapi-fetch requests. Written once for every API; each
 * generated client names the scheme functions its spec needs, so a bundler keeps only those.
 * Credentials are only ever written into requests — never into logs or error messages.
 */
import type { Middleware } from 'openapi-fetch';

export interface AuthContext {
  readonly credentials: Readonly<Record<string, unknown>>;
  readonly baseUrl: string;
  readonly fetch: (request: Request) => Promise<Response>;
  /** Milliseconds since the epoch; injectable so token expiry can be tested. */
  readonly now: () => number;
}

export interface Scheme {
  apply(request: Request): Request | Promise<Request>;
  /** The server refused the credentials: drop anything cached. */
  rejected?(): void;
}

export type SchemeFactory = (context: AuthContext) => Scheme;

export interface ClientAuth {
  readonly schemes: Readonly<Record<string, SchemeFactory>>;
  /** The schemes every operation needs, unless `operations` says otherwise. */
  readonly defaultRequirement: readonly string[];
  /** Requirements of operations that differ from the default, keyed `METHOD /schema/path`. */
  readonly operations: Readonly<Record<string, readonly string[]>>;
}

function credential(context: AuthContext, option: string): string {
  const value = context.credentials[option];
  if (typeof value !== 'string' || value === '') throw new Error(`missing credential option "${option}"`);
  return value;
}

export const apiKeyHeader = (name: string, option: string): SchemeFactory => (context) => ({
  apply(request) {
    request.headers.set(name, credential(context, option));
    return request;
  },
});

export const apiKeyQuery = (name: string, option: string): SchemeFactory => (context) => ({
  apply(request) {
    const url = new URL(request.url);
    url.searchParams.set(name, credential(context, option));
    return new Request(url, request);
  },
});

export const apiKeyCookie = (name: string, option: string): SchemeFactory => (context) => ({
  apply(request) {
    request.headers.append('cookie', `${name}=${encodeURIComponent(credential(context, option))}`);
    return request;
  },
});

export const bearer = (option: string): SchemeFactory => (context) => ({
  apply(request) {
    request.headers.set('authorization', `Bearer ${credential(context, option)}`);
    return request;
  },
});

export const basic = (usernameOption: string, passwordOption: string): SchemeFactory => (context) => ({
  apply(request) {
    request.headers.set('authorization', `Basic ${btoa(`${credential(context, usernameOption)}:${credential(context, passwordOption)}`)}`);
    return request;
  },
});

/** The token request as the spec's token operation describes it (see scripts/codegen/auth-plan.ts). */
export interface TokenRequest {
  readonly mediaType: string;
  /** Body field → the client option that fills it. */
  readonly fields: Readonly<Record<string, string>>;
  /** Body fields with a fixed value, sent first. */
  readonly constants?: Readonly<Record<string, string>>;
}

/** The token request body, in the spec's media type. */
function tokenRequestBody(request: TokenRequest, context: AuthContext): string {
  const values: Record<string, string> = { ...request.constants };
  for (const [field, option] of Object.entries(request.fields)) values[field] = credential(context, option);
  return request.mediaType === 'application/json' ? JSON.stringify(values) : new URLSearchParams(values).toString();
}

/** Seconds before its stated expiry at which a cached token is refreshed. */
const expirySafetyMarginSeconds = 30;

/**
 * OAuth 2.0 client credentials: a given `accessToken`, or tokens fetched with `clientId` and
 * `clientSecret` — once, shared by concurrent calls, cached until shortly before they expire.
 * When the spec describes the token endpoint, it is called beside the API (so mocks serve it too),
 * with the body that operation describes.
 */
export const clientCredentials = (tokenUrl: string, tokenUrlIsOperation: boolean, tokenRequest: TokenRequest): SchemeFactory => (context) => {
  const given = context.credentials.accessToken;
  const endpoint = tokenUrlIsOperation ? new URL(new URL(tokenUrl).pathname, context.baseUrl).toString() : tokenUrl;
  let cached: { token: string; refreshAt: number } | undefined;
  let pending: Promise<string> | undefined;
  async function requestToken(): Promise<string> {
    const body = tokenRequestBody(tokenRequest, context);
    const response = await context.fetch(
      new Request(endpoint, { method: 'POST', headers: { 'content-type': tokenRequest.mediaType, accept: 'application/json' }, body }),
    );
    if (!response.ok) throw new Error(`token request to ${endpoint} failed with status ${response.status}`);
    const payload = (await response.json()) as { access_token?: unknown; expires_in?: unknown };
    if (typeof payload.access_token !== 'string') throw new Error(`token response from ${endpoint} has no access_token`);
    const lifetime = typeof payload.expires_in === 'number' ? payload.expires_in : 0;
    cached = { token: payload.access_token, refreshAt: context.now() + Math.max(0, lifetime - expirySafetyMarginSeconds) * 1000 };
    return payload.access_token;
  }
  async function token(): Promise<string> {
    if (typeof given === 'string' && given !== '') return given;
    if (cached && context.now() < cached.refreshAt) return cached.token;
    pending ??= requestToken().finally(() => {
      pending = undefined;
    });
    return pending;
  }
  return {
    async apply(request) {
      request.headers.set('authorization', `Bearer ${await token()}`);
      return request;
    },
    rejected() {
      cached = undefined;
    },
  };
};

/** The openapi-fetch middleware that authenticates every request as the spec requires. */
export function authMiddleware(auth: ClientAuth, context: AuthContext): Middleware {
  const schemes: Record<string, Scheme> = {};
  for (const [name, factory] of Object.entries(auth.schemes)) schemes[name] = factory(context);
  const requirementOf = (request: Request, schemaPath: string): readonly string[] =>
    auth.operations[`${request.method} ${schemaPath}`] ?? auth.defaultRequirement;
  return {
    async onRequest({ request, schemaPath }) {
      for (const name of requirementOf(request, schemaPath)) request = (await schemes[name]?.apply(request)) ?? request;
      return request;
    },
    onResponse({ response, request, schemaPath }) {
      if (response.status === 401) for (const name of requirementOf(request, schemaPath)) schemes[name]?.rejected?.();
      return undefined;
    },
  };
}
