/**
 * Applies an API's security schemes to openapi-fetch requests. Written once for every API: each
 * generated client passes it the plan its spec declares. Credentials are only ever written into
 * request headers or the query — never into logs or error messages.
 */
import type { Middleware } from 'openapi-fetch';

export type SchemePlan =
  | { readonly kind: 'apiKey'; readonly in: 'header' | 'query' | 'cookie'; readonly name: string; readonly option: string }
  | { readonly kind: 'bearer'; readonly option: string }
  | { readonly kind: 'basic'; readonly usernameOption: string; readonly passwordOption: string }
  | { readonly kind: 'clientCredentials'; readonly tokenUrl: string; readonly tokenUrlIsOperation: boolean };

export interface AuthPlan {
  readonly schemes: Readonly<Record<string, SchemePlan>>;
  /** The schemes every operation needs, unless `operations` says otherwise. */
  readonly defaultRequirement: readonly string[];
  /** Requirements of operations that differ from the default, keyed `METHOD /schema/path`. */
  readonly operations: Readonly<Record<string, readonly string[]>>;
}

export interface AuthContext {
  readonly credentials: Readonly<Record<string, unknown>>;
  readonly baseUrl: string;
  readonly fetch: (request: Request) => Promise<Response>;
  /** Milliseconds since the epoch; injectable so token expiry can be tested. */
  readonly now: () => number;
}

export interface TokenSource {
  get(): Promise<string>;
  invalidate(): void;
}

/** Seconds before its stated expiry at which a cached token is refreshed. */
const expirySafetyMarginSeconds = 30;

/** Client-credentials tokens, fetched once, cached until shortly before they expire. */
export function clientCredentialsTokens(tokenUrl: string, clientId: string, clientSecret: string, context: AuthContext): TokenSource {
  let cached: { token: string; refreshAt: number } | undefined;
  let pending: Promise<string> | undefined;
  async function requestToken(): Promise<string> {
    const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret });
    const response = await context.fetch(
      new Request(tokenUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, body }),
    );
    if (!response.ok) throw new Error(`token request to ${tokenUrl} failed with status ${response.status}`);
    const payload = (await response.json()) as { access_token?: unknown; expires_in?: unknown };
    if (typeof payload.access_token !== 'string') throw new Error(`token response from ${tokenUrl} has no access_token`);
    const lifetime = typeof payload.expires_in === 'number' ? payload.expires_in : 0;
    cached = { token: payload.access_token, refreshAt: context.now() + Math.max(0, lifetime - expirySafetyMarginSeconds) * 1000 };
    return payload.access_token;
  }
  return {
    async get() {
      if (cached && context.now() < cached.refreshAt) return cached.token;
      pending ??= requestToken().finally(() => {
        pending = undefined;
      });
      return pending;
    },
    invalidate() {
      cached = undefined;
    },
  };
}

function credential(context: AuthContext, option: string): string {
  const value = context.credentials[option];
  if (typeof value !== 'string' || value === '') throw new Error(`missing credential option "${option}"`);
  return value;
}

/** Where the token endpoint is: beside the API when the spec describes it, so mocks serve it too. */
function tokenEndpoint(scheme: Extract<SchemePlan, { kind: 'clientCredentials' }>, baseUrl: string): string {
  if (!scheme.tokenUrlIsOperation) return scheme.tokenUrl;
  return new URL(new URL(scheme.tokenUrl).pathname, baseUrl).toString();
}

function bearerSource(scheme: SchemePlan & { kind: 'clientCredentials' }, context: AuthContext): TokenSource {
  const accessToken = context.credentials.accessToken;
  if (typeof accessToken === 'string' && accessToken !== '') {
    return { get: async () => accessToken, invalidate: () => undefined };
  }
  return clientCredentialsTokens(tokenEndpoint(scheme, context.baseUrl), credential(context, 'clientId'), credential(context, 'clientSecret'), context);
}

/** The openapi-fetch middleware that authenticates every request as the plan requires. */
export function authMiddleware(plan: AuthPlan, context: AuthContext): Middleware {
  const tokenSources = new Map<string, TokenSource>();
  const tokensFor = (name: string, scheme: SchemePlan & { kind: 'clientCredentials' }): TokenSource => {
    let source = tokenSources.get(name);
    if (!source) {
      source = bearerSource(scheme, context);
      tokenSources.set(name, source);
    }
    return source;
  };
  const requirementOf = (request: Request, schemaPath: string): readonly string[] =>
    plan.operations[`${request.method} ${schemaPath}`] ?? plan.defaultRequirement;

  return {
    async onRequest({ request, schemaPath }) {
      let url: URL | undefined;
      for (const name of requirementOf(request, schemaPath)) {
        const scheme = plan.schemes[name];
        if (!scheme) continue;
        if (scheme.kind === 'apiKey') {
          const value = credential(context, scheme.option);
          if (scheme.in === 'header') request.headers.set(scheme.name, value);
          else if (scheme.in === 'cookie') request.headers.append('cookie', `${scheme.name}=${encodeURIComponent(value)}`);
          else (url ??= new URL(request.url)).searchParams.set(scheme.name, value);
        } else if (scheme.kind === 'bearer') {
          request.headers.set('authorization', `Bearer ${credential(context, scheme.option)}`);
        } else if (scheme.kind === 'basic') {
          const pair = `${credential(context, scheme.usernameOption)}:${credential(context, scheme.passwordOption)}`;
          request.headers.set('authorization', `Basic ${btoa(pair)}`);
        } else {
          request.headers.set('authorization', `Bearer ${await tokensFor(name, scheme).get()}`);
        }
      }
      return url ? new Request(url, request) : request;
    },
    onResponse({ response, request, schemaPath }) {
      // A rejected token is dropped so the next call fetches a fresh one.
      if (response.status !== 401) return undefined;
      for (const name of requirementOf(request, schemaPath)) tokenSources.get(name)?.invalidate();
      return undefined;
    },
  };
}
