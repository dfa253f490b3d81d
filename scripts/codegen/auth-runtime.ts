/**
 * Applies an API's security schemes to openapi-fetch requests. Written once for every API; each
 * generated client names the scheme functions its spec needs, so a bundler keeps only those.
 * Credentials are only ever written into requests — never into logs or error messages — and only
 * ever reach the origin they were meant for: redirects elsewhere are refused, not followed.
 */
import type { Middleware } from 'openapi-fetch';

/** One request in, its response out: what every layer below wraps and returns. */
export type Fetch = (request: Request) => Promise<Response>;

export interface AuthContext {
  readonly credentials: Readonly<Record<string, unknown>>;
  readonly baseUrl: string;
  readonly fetch: Fetch;
  /** Milliseconds since the epoch; injectable so token expiry can be tested. */
  readonly now: () => number;
}

export interface Scheme {
  apply(request: Request): Request | Promise<Request>;
  /** Whether a 401 can be answered with fresh credentials (a token the scheme fetched itself). */
  readonly renewable?: boolean;
  /** The server refused the credentials `request` carried: drop them if they are the cached ones. */
  rejected?(request: Request): void;
  /** Whether the client was given what this scheme needs (a security alternative is chosen by it). */
  readonly available: boolean;
}

export type SchemeFactory = (context: AuthContext) => Scheme;

/** Security alternatives: any one list of scheme names satisfies; an empty list means none is needed. */
export type Requirement = readonly (readonly string[])[];

export interface ClientAuth {
  readonly schemes: Readonly<Record<string, SchemeFactory>>;
  /** The alternatives every operation accepts, unless `operations` says otherwise. */
  readonly defaultRequirement: Requirement;
  /** Requirements of operations that differ from the default, keyed `METHOD /schema/path`. */
  readonly operations: Readonly<Record<string, Requirement>>;
}

// ── Credentials ─────────────────────────────────────────────────────────────────────────────────

/** CR, LF and NUL cannot travel in a header, and Headers.set would quote the whole value in its error. */
const unsendable = /[\r\n\0]/;

/** Refuses credential options that could never be sent; the error names the option, never the value. */
export function checkCredentials(options: Readonly<Record<string, unknown>>, names: readonly string[]): void {
  for (const name of names) {
    const value = options[name];
    if (value === undefined) continue;
    if (typeof value !== 'string') throw new TypeError(`credential option "${name}": expected a string`);
    if (unsendable.test(value))
      throw new TypeError(`credential option "${name}" contains a line break or NUL character, which an HTTP header cannot carry`);
  }
}

function given(context: AuthContext, ...options: string[]): boolean {
  return options.every((option) => typeof context.credentials[option] === 'string' && context.credentials[option] !== '');
}

function credential(context: AuthContext, option: string): string {
  const value = context.credentials[option];
  if (typeof value !== 'string' || value === '') throw new Error(`missing credential option "${option}"`);
  return value;
}

// ── Sending a request again ─────────────────────────────────────────────────────────────────────

/** Bodies as the client serialised them, so a request can be sent again after fetch has read it. */
const sentBodies = new WeakMap<Request, BodyInit>();

/**
 * The Request class the clients build requests with (openapi-fetch's `Request` option): it keeps
 * the body it was given, so following a redirect or retrying after a 401 costs no copy up front.
 */
export class ResendableRequest extends Request {
  constructor(input: RequestInfo | URL, init?: RequestInit) {
    super(input, init);
    if (init?.body != null && !(init.body instanceof ReadableStream)) sentBodies.set(this, init.body);
  }
}

/** Called before `request` is sent: how to get its body again afterwards (a copy only when it is a stream). */
export function bodyForResend(request: Request): () => Promise<BodyInit | null> {
  const known = sentBodies.get(request);
  if (request.body === null || known !== undefined) return async () => known ?? null;
  const copy = request.clone();
  return () => copy.arrayBuffer();
}

/** The same request again (another URL or method after a redirect, or a retry), keeping its signal. */
export function resend(request: Request, url: string | URL, method: string, headers: Headers, body: BodyInit | null): Request {
  return new ResendableRequest(url, { method, headers, body, redirect: request.redirect, signal: request.signal });
}

// ── Redirects ───────────────────────────────────────────────────────────────────────────────────

/** The statuses fetch follows; any other 3xx is a final answer. */
const redirectStatuses = new Set([301, 302, 303, 307, 308]);
const maxRedirects = 20;

export class RedirectRefusedError extends Error {
  override name = 'RedirectRefusedError';
}

function originOf(url: URL): string {
  return url.origin === 'null' ? url.protocol : url.origin;
}

/**
 * A fetch that never lets a redirect carry credentials to another origin. Requests go out with
 * `redirect: 'manual'`; a redirect to the same origin (scheme, host and port) is followed as fetch
 * would (303, and 301/302 after a POST, become a GET without body); one to any other origin —
 * https → http included — fails with a RedirectRefusedError before anything is sent there.
 * Composes with other fetch layers (retries, timeouts) wrapped around or inside it.
 */
export function sameOriginRedirects(fetch: Fetch): Fetch {
  return async (request) => {
    let current = request.redirect === 'manual' ? request : new Request(request, { redirect: 'manual' });
    for (let followed = 0; ; followed++) {
      const body = bodyForResend(current);
      const response = await fetch(current);
      const location = redirectStatuses.has(response.status) ? response.headers.get('location') : null;
      if (location === null && response.type !== 'opaqueredirect') return response;
      await response.body?.cancel();
      // Worked out only when a redirect comes: most calls never pay for parsing their URL again.
      const origin = originOf(new URL(request.url));
      if (location === null) throw new RedirectRefusedError(`${origin} answered with a redirect this fetch hides; not followed`);
      const target = URL.canParse(location, current.url) ? new URL(location, current.url) : undefined;
      if (!target || originOf(target) !== origin) {
        throw new RedirectRefusedError(
          `refused a ${response.status} redirect from ${origin} to ${target ? originOf(target) : 'an invalid Location'}: credentials are sent only to ${origin}`,
        );
      }
      if (followed === maxRedirects) throw new RedirectRefusedError(`${origin} redirected more than ${maxRedirects} times`);
      const { method } = current;
      const toGet = (response.status === 303 && method !== 'GET' && method !== 'HEAD') || (response.status < 303 && method === 'POST');
      const headers = new Headers(current.headers);
      // The headers that describe a body go with it (as in fetch).
      if (toGet) for (const name of [...headers.keys()]) if (name.startsWith('content-')) headers.delete(name);
      current = resend(current, target, toGet ? 'GET' : method, headers, toGet ? null : await body());
    }
  };
}

// ── Path parameters ─────────────────────────────────────────────────────────────────────────────

/** `.` or `..`, however often percent-encoded: URL parsers drop or climb such a path segment. */
function isDotSegment(segment: string): boolean {
  let decoded = segment;
  while (decoded.includes('%25')) decoded = decoded.replaceAll('%25', '%');
  return /^(?:\.|%2e){1,2}$/i.test(decoded);
}

/**
 * Refuses a call whose path parameters would make a dot segment (`.`, `..`, `%2e%2e`, …), which
 * would send the request, credentials and all, to another endpoint than the one called.
 */
export const pathParameterGuard: Middleware = {
  onRequest({ schemaPath, params, options }) {
    if (!params.path || !schemaPath.includes('{')) return undefined;
    const template = schemaPath.split('/');
    const sent = options.pathSerializer(schemaPath, params.path).split('/');
    sent.forEach((segment, index) => {
      if (!isDotSegment(segment) || isDotSegment(template[index] ?? '')) return;
      const names = [...(template[index] ?? '').matchAll(/\{[.;]?([^{}*]+)\*?\}/g)].map((match) => `"${match[1]}"`);
      const which = names.length > 0 && template.length === sent.length ? `path parameter ${names.join(', ')}` : 'a path parameter';
      throw new Error(
        `${schemaPath}: ${which} is "." or ".." (possibly percent-encoded), which would address another endpoint; the request was not sent`,
      );
    });
    return undefined;
  },
};

// ── Schemes ─────────────────────────────────────────────────────────────────────────────────────

export const apiKeyHeader =
  (name: string, option: string): SchemeFactory =>
  (context) => ({
    available: given(context, option),
    apply(request) {
      request.headers.set(name, credential(context, option));
      return request;
    },
  });

export const apiKeyQuery =
  (name: string, option: string): SchemeFactory =>
  (context) => ({
    available: given(context, option),
    apply(request) {
      const url = new URL(request.url);
      url.searchParams.set(name, credential(context, option));
      // The clients' own Request class: openapi-fetch refuses any other from a middleware.
      return new ResendableRequest(url, request);
    },
  });

export const apiKeyCookie =
  (name: string, option: string): SchemeFactory =>
  (context) => ({
    available: given(context, option),
    apply(request) {
      request.headers.append('cookie', `${name}=${encodeURIComponent(credential(context, option))}`);
      return request;
    },
  });

export const bearer =
  (option: string): SchemeFactory =>
  (context) => ({
    available: given(context, option),
    apply(request) {
      request.headers.set('authorization', `Bearer ${credential(context, option)}`);
      return request;
    },
  });

export const basic =
  (usernameOption: string, passwordOption: string): SchemeFactory =>
  (context) => ({
    available: given(context, usernameOption, passwordOption),
    apply(request) {
      request.headers.set(
        'authorization',
        `Basic ${btoa(`${credential(context, usernameOption)}:${credential(context, passwordOption)}`)}`,
      );
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

/** Assumed lifetime of a token whose response states none (or none that parses). */
const defaultTokenLifetimeSeconds = 300;
/** A token is refreshed a tenth of its lifetime early, at most this many seconds. */
const maxExpirySafetyMarginSeconds = 30;

/** `expires_in` in seconds: a positive number or numeric string, else the default. */
export function tokenLifetimeSeconds(expiresIn: unknown): number {
  const seconds =
    typeof expiresIn === 'number' ? expiresIn : typeof expiresIn === 'string' && expiresIn.trim() !== '' ? Number(expiresIn) : Number.NaN;
  return Number.isFinite(seconds) && seconds > 0 ? seconds : defaultTokenLifetimeSeconds;
}

/** How long a token of `lifetime` seconds is used, in milliseconds: all but its safety margin. */
export function tokenUseMilliseconds(lifetime: number): number {
  return (lifetime - Math.min(maxExpirySafetyMarginSeconds, lifetime / 10)) * 1000;
}

/** The token response's JSON; a parse error would quote the body, which may hold the token. */
async function tokenPayload(response: Response, endpoint: string): Promise<{ access_token?: unknown; expires_in?: unknown }> {
  try {
    return ((await response.json()) as object | null) ?? {};
  } catch {
    throw new Error(`token response from ${endpoint} is not JSON`);
  }
}

/**
 * Where tokens are fetched: the spec's tokenUrl or, when that is the API's own operation, its path
 * under `baseUrl`, joined the way openapi-fetch joins an operation's path (so a path prefix stays).
 */
export function tokenEndpoint(tokenUrl: string, tokenUrlIsOperation: boolean, baseUrl: string): string {
  if (!tokenUrlIsOperation) return tokenUrl;
  const { pathname, search } = new URL(tokenUrl);
  return `${baseUrl.endsWith('/') ? baseUrl.slice(0, -1) : baseUrl}${pathname}${search}`;
}

/**
 * OAuth 2.0 client credentials: a given `accessToken`, or tokens fetched with `clientId` and
 * `clientSecret` — once, shared by concurrent calls, cached until shortly before they expire, and
 * dropped when the API answers 401. When the spec describes the token endpoint, it is called
 * beside the API (so mocks serve it too), with the body that operation describes.
 */
export const clientCredentials =
  (tokenUrl: string, tokenUrlIsOperation: boolean, tokenRequest: TokenRequest): SchemeFactory =>
  (context) => {
    const given = context.credentials.accessToken;
    const endpoint = tokenEndpoint(tokenUrl, tokenUrlIsOperation, context.baseUrl);
    let cached: { token: string; refreshAt: number } | undefined;
    let pending: Promise<string> | undefined;
    async function requestToken(): Promise<string> {
      const body = tokenRequestBody(tokenRequest, context);
      const response = await context.fetch(
        new Request(endpoint, { method: 'POST', headers: { 'content-type': tokenRequest.mediaType, accept: 'application/json' }, body }),
      );
      if (!response.ok) throw new Error(`token request to ${endpoint} failed with status ${response.status}`);
      const payload = await tokenPayload(response, endpoint);
      if (typeof payload.access_token !== 'string') throw new Error(`token response from ${endpoint} has no access_token`);
      if (unsendable.test(payload.access_token))
        throw new Error(`token response from ${endpoint} has an access_token that an HTTP header cannot carry`);
      cached = { token: payload.access_token, refreshAt: context.now() + tokenUseMilliseconds(tokenLifetimeSeconds(payload.expires_in)) };
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
      renewable: !(typeof given === 'string' && given !== ''),
      available:
        (typeof given === 'string' && given !== '') ||
        (typeof context.credentials.clientId === 'string' && typeof context.credentials.clientSecret === 'string'),
      rejected(request) {
        // Only the token this request carried: a newer one fetched meanwhile stays.
        if (cached && request.headers.get('authorization') === `Bearer ${cached.token}`) cached = undefined;
      },
    };
  };

// ── The middleware ──────────────────────────────────────────────────────────────────────────────

/**
 * The openapi-fetch middleware that authenticates every request as the spec requires. After a 401
 * it drops the refused token and, when a scheme can fetch a fresh one, sends the request once more.
 */
export function authMiddleware(auth: ClientAuth, context: AuthContext): Middleware {
  const schemes: Record<string, Scheme> = {};
  for (const [name, factory] of Object.entries(auth.schemes)) schemes[name] = factory(context);
  // The first alternative the client has every credential for; else none, when the operation allows
  // that; else the first, whose missing credential then fails the call by name.
  const requirementOf = (request: Request, schemaPath: string): Scheme[] => {
    const alternatives = auth.operations[`${request.method} ${schemaPath}`] ?? auth.defaultRequirement;
    const usable = (names: readonly string[]) => names.every((name) => schemes[name]?.available);
    const chosen =
      alternatives.find((names) => names.length > 0 && usable(names)) ??
      alternatives.find((names) => names.length === 0) ??
      alternatives[0] ??
      [];
    return chosen.flatMap((name) => schemes[name] ?? []);
  };
  const authenticate = async (request: Request, required: readonly Scheme[]): Promise<Request> => {
    for (const scheme of required) request = await scheme.apply(request);
    return request;
  };
  /** The body of each request that may be retried after a 401. */
  const retryBodies = new WeakMap<Request, () => Promise<BodyInit | null>>();
  return {
    async onRequest({ request, schemaPath }) {
      const required = requirementOf(request, schemaPath);
      const authenticated = await authenticate(request, required);
      if (required.some((scheme) => scheme.renewable)) retryBodies.set(authenticated, bodyForResend(authenticated));
      return authenticated;
    },
    async onResponse({ response, request, schemaPath, options }) {
      if (response.status !== 401) return undefined;
      const required = requirementOf(request, schemaPath);
      for (const scheme of required) scheme.rejected?.(request);
      const body = retryBodies.get(request);
      if (!body || !required.some((scheme) => scheme.renewable)) return undefined;
      retryBodies.delete(request);
      await response.body?.cancel();
      const retry = await authenticate(resend(request, request.url, request.method, new Headers(request.headers), await body()), required);
      const answer = await options.fetch(retry);
      if (answer.status === 401) for (const scheme of required) scheme.rejected?.(retry);
      return answer;
    },
  };
}
