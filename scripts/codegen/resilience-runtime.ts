/**
 * How the generated clients behave in production: a deadline per call, retries with backoff,
 * idempotency keys, typed errors and hooks. One fetch layer (outside the redirect guard, so a retry
 * is guarded again) and one middleware that names each request's operation. Every behaviour is
 * read off the plan the generator derives from the spec, and every one can be switched off.
 */
import type { Middleware } from 'openapi-fetch';
import { bodyForResend, type Fetch, type Prepare, ResendableRequest, resend } from './auth-runtime.ts';

/** What the spec says about one operation, keyed `METHOD /schema/path` in the plan. */
export interface OperationPolicy {
  readonly id: string;
  /** The idempotency-key header the operation documents, if any, in lower case. */
  readonly idempotencyHeader?: string;
}

/** A field of the 429 body that says how long to wait: its path and what one unit is in ms. */
export interface RetryHint {
  readonly path: readonly string[];
  readonly unitMs: number;
}

export interface ResiliencePlan {
  readonly operations: Readonly<Record<string, OperationPolicy>>;
  /** The response header the provider documents as its request id. */
  readonly requestIdHeader?: string;
  readonly retryHint?: RetryHint;
  /** Lower-case names of the headers that carry credentials: hooks never see them. */
  readonly credentialHeaders: readonly string[];
  /** Query parameters that carry credentials: hooks see them redacted. */
  readonly credentialQuery: readonly string[];
}

/** What a hook sees of a request: never a credential. */
export interface RequestEvent {
  readonly operationId: string;
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  /** 0 for the first attempt, then 1, 2 … for retries. */
  readonly attempt: number;
}

export interface ResponseEvent extends RequestEvent {
  /** Absent when no response came (network error, timeout). */
  readonly status?: number;
  /** The provider's request id: undefined when its spec documents no such header or the response lacks it. */
  readonly requestId?: string | undefined;
  readonly durationMs: number;
  /** The name of the error that ended the attempt, when no response came. */
  readonly error?: string;
}

/** A type, not an interface: the factory's options must stay assignable to a plain record. */
export type ResilienceOptions = {
  /** Milliseconds a call may take, retries and their waits included, until its response headers arrive; 0 (or anything over 24.8 days, Infinity too) turns it off. Default 30000. */
  timeoutMs?: number;
  /** Retries after a network error, 429, 502, 503 or 504 (idempotent methods, or requests with an idempotency key); 0 turns them off. Default 2. */
  retries?: number;
  /** First backoff step in ms; waits are random in [0, base × 2^retry] (full jitter). Default 200. */
  retryBaseDelayMs?: number;
  /** Longest wait before a retry; when the server asks for longer, its answer is returned instead. Default 30000. */
  maxRetryDelayMs?: number;
  /** Send a fresh idempotency key per call where the spec documents one. Default true. */
  idempotencyKeys?: boolean;
  /** Called before every attempt, for logging and metrics; sees no credential. */
  onRequest?: (event: RequestEvent) => void;
  /** Called after every attempt, for logging and metrics; sees no credential. */
  onResponse?: (event: ResponseEvent) => void;
};

/** Overrides for one call: `client.GET(path, { middleware: [callOptions({ timeoutMs: 5000 })] })`. */
export interface CallOptions {
  timeoutMs?: number;
  retries?: number;
}

// The errors' fields are declared, not defined: assigned once in the constructor, and not listed twice in the bundle.
export class TimeoutError extends Error {
  override name = 'TimeoutError';
  declare readonly operationId: string;
  declare readonly timeoutMs: number;
  constructor(operationId: string, timeoutMs: number) {
    super(`${operationId} timed out after ${timeoutMs} ms`);
    Object.assign(this, { operationId, timeoutMs });
  }
}

/** A non-2xx answer: the spec's error body, the status, the operation and the provider's request id. */
export class ApiError<E = unknown> extends Error {
  override name = 'ApiError';
  declare readonly status: number;
  declare readonly operationId: string;
  declare readonly requestId: string | undefined;
  declare readonly error: E;
  constructor(status: number, operationId: string, requestId: string | undefined, error: E) {
    super(`${operationId} failed with status ${status}${requestId === undefined ? '' : ` (request id ${requestId})`}`);
    Object.assign(this, { status, operationId, requestId, error });
  }
}

/** RFC 9110 idempotent methods: sending them twice does what sending them once does. */
const idempotentMethods = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE']);
const retryStatuses = new Set([429, 502, 503, 504]);
/** Headers that carry credentials whatever the spec says. */
const alwaysSecret = ['authorization', 'proxy-authorization', 'cookie'];

/** Per-call overrides, set by the callOptions middleware, read by the fetch layer. */
const overrides = new WeakMap<Request, CallOptions>();
/** What an error answer was, for ApiError: set only on non-2xx responses. */
const answers = new WeakMap<Response, { operationId: string; requestId: string | undefined }>();

/** One call's deadline, once its timer is set: whether it has passed, the network requests to abort and the wait to cut short. */
interface Deadline {
  expired?: boolean;
  controller?: AbortController;
  sleeping?: ReturnType<typeof setTimeout>;
}

/**
 * The default fetch: the network, aborted when the call's deadline passes (as is any signal of the
 * caller's). The deadline is not built into every Request: a Request with a signal costs undici
 * tens of microseconds, so only requests that reach the network get one.
 */
export const deadlineFetch: Fetch = (request) => {
  const deadline = (request as Partial<ResendableRequest>).deadline as Deadline | undefined;
  if (!deadline) return globalThis.fetch(request);
  deadline.controller ??= new AbortController();
  return globalThis.fetch(request, { signal: AbortSignal.any([request.signal, deadline.controller.signal]) });
};

/** Per-call overrides, as an openapi-fetch middleware of that one call. */
export function callOptions(options: CallOptions): Middleware {
  return {
    onRequest({ request }) {
      overrides.set(request, options);
      return undefined;
    },
  };
}

/** Whether `headers` (a call's own, in any form openapi-fetch takes) name `lowerName`, in any case. */
function names(headers: HeadersInit | Record<string, unknown> | undefined, lowerName: string): boolean {
  if (headers instanceof Headers) return headers.has(lowerName);
  return Object.keys(headers ?? {}).some((name) => name.toLowerCase() === lowerName);
}

/**
 * Adds the idempotency key the call's operation documents, fresh per call (its retries resend it),
 * to its header parameters, unless the call gives one (in any case, in its headers or header
 * parameters: a `null` there sends none). A client whose own headers hold one sends that.
 */
export function idempotencyKeys(plan: ResiliencePlan, options: ResilienceOptions & { headers?: HeadersInit }): Prepare | undefined {
  if (options.idempotencyKeys === false) return undefined;
  // Lower-case names in a Set: Headers.has costs about 0.1 µs a call.
  const clientHeaders = new Set(new Headers(options.headers).keys());
  return (call, init, header) => {
    const name = plan.operations[call.key]?.idempotencyHeader;
    if (name && !clientHeaders.has(name) && !names(init.headers as HeadersInit | undefined, name) && !names(init.params?.header, name))
      header[name] = crypto.randomUUID();
  };
}

/** The longest delay a timer counts: past 2^31 − 1 ms (24.8 days) setTimeout fires at once. */
const longestTimerMs = 2 ** 31 - 1;

/** Waits `ms`; a passing deadline stops the wait (the call has failed by then). */
function sleep(ms: number, deadline: Deadline | undefined): Promise<void> {
  return new Promise((resolve) => {
    // A longer wait is the longest a timer counts, not none.
    const timer = setTimeout(resolve, Math.min(ms, longestTimerMs));
    if (deadline) deadline.sleeping = timer;
  });
}

/** `Retry-After` in ms: delta seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * The provider's own hint in a 429's body (e.g. minutes to wait), in ms: `resilientFetch`'s
 * `readHint`, for plans with a `retryHint` (a client whose spec documents none leaves it out).
 */
export async function hintedMs(response: Response, hint: RetryHint | undefined): Promise<number | undefined> {
  if (!hint || response.status !== 429) return undefined;
  try {
    let value: unknown = await response.clone().json();
    for (const key of hint.path) value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
    return typeof value === 'number' && value >= 0 ? value * hint.unitMs : undefined;
  } catch {
    return undefined;
  }
}

/** The operation a request belongs to: from its call, else `METHOD /path` (a token request, or one built elsewhere). */
function operationOf(request: Request, plan: ResiliencePlan): OperationPolicy {
  // A request of no call looks up "undefined", which no `METHOD /path` key is.
  return (
    plan.operations[(request as Partial<ResendableRequest>).call?.key as string] ?? {
      id: `${request.method} ${new URL(request.url).pathname}`,
    }
  );
}

/**
 * The fetch layer: a deadline per call (the call fails when it passes, whatever the fetch does; the
 * default fetch is also aborted), retries with exponential backoff and full jitter (or the
 * wait the server asks for, within the cap), hooks around every attempt, error answers remembered
 * for ApiError. Retries go through `fetch` again, so the redirect guard sees each of them.
 */
export function resilientFetch(fetch: Fetch, plan: ResiliencePlan, options: ResilienceOptions, readHint?: typeof hintedMs): Fetch {
  // The defaults the options document.
  const { timeoutMs = 30_000, retries = 2, retryBaseDelayMs = 200, maxRetryDelayMs = 30_000, onRequest, onResponse } = options;
  const { requestIdHeader, credentialQuery } = plan;
  const secretHeaders = new Set([...alwaysSecret, ...plan.credentialHeaders]);
  const requestIdOf = (response: Response) => (requestIdHeader && response.headers.get(requestIdHeader)) ?? undefined;
  const report = (seen: RequestEvent, started: number, outcome: Partial<ResponseEvent>) =>
    onResponse?.({ ...seen, durationMs: performance.now() - started, ...outcome });

  const send = async (request: Request, operation: OperationPolicy, allowed: number, deadline: Deadline | undefined): Promise<Response> => {
    const keyHeader = operation.idempotencyHeader;
    const retryable = allowed > 0 && (idempotentMethods.has(request.method) || (!!keyHeader && request.headers.has(keyHeader)));
    // The clients' own Request class carries the deadline to the default fetch; any other is wrapped in one.
    let current = request instanceof ResendableRequest ? request : new ResendableRequest(request);
    for (let attempt = 0; ; attempt++) {
      const body = retryable && attempt < allowed ? bodyForResend(current) : undefined;
      let seen: RequestEvent | undefined;
      let started = 0;
      if (onRequest || onResponse) {
        const url = new URL(current.url);
        for (const name of credentialQuery) if (url.searchParams.has(name)) url.searchParams.set(name, 'redacted');
        const headers = Object.fromEntries([...current.headers].filter(([name]) => !secretHeaders.has(name)));
        seen = { operationId: operation.id, method: current.method, url: url.href, headers, attempt };
        started = performance.now();
        onRequest?.(seen);
      }
      let response: Response | undefined;
      current.deadline = deadline;
      try {
        response = await fetch(current);
      } catch (error) {
        if (seen) report(seen, started, { error: (error as Error)?.name ?? 'Error' });
        // fetch reports network failures as a TypeError; anything else (a refused redirect) is final.
        if (!body || deadline?.expired || current.signal.aborted || !(error instanceof TypeError)) throw error;
      }
      if (response) {
        if (seen) report(seen, started, { status: response.status, requestId: requestIdOf(response) });
        if (!body || !retryStatuses.has(response.status)) return response;
      }
      // The wait the server asks for, if any: longer than the cap, its answer is returned as it is.
      const asked =
        response && (retryAfterMs(response.headers.get('retry-after'), Date.now()) ?? (await readHint?.(response, plan.retryHint)));
      if (asked! > maxRetryDelayMs) return response!;
      await response?.body?.cancel();
      await sleep(asked ?? Math.random() * Math.min(maxRetryDelayMs, retryBaseDelayMs * 2 ** attempt), deadline);
      // The call has failed already (deadline) or been aborted: no further attempt.
      if (deadline?.expired || current.signal.aborted) throw current.signal.reason;
      current = resend(current, new Headers(current.headers), await body!());
    }
  };

  return (request) => {
    const operation = operationOf(request, plan);
    const own = overrides.get(request);
    const timeout = own?.timeoutMs ?? timeoutMs;
    return new Promise<Response>((resolve, reject) => {
      // A timeout longer than a timer counts is none.
      const deadline: Deadline | undefined = timeout > 0 && timeout <= longestTimerMs ? {} : undefined;
      // A timer per call, not one timer sweeping every call's deadline: 0.13 kB less in every package,
      // and 0.08 µs a call more (setTimeout and clearTimeout against a Set's add and delete, measured).
      // Unreferenced: a call in flight keeps the process alive through its connection, not its timer.
      const timer =
        deadline &&
        setTimeout(() => {
          const error = new TimeoutError(operation.id, timeout);
          deadline.expired = true;
          clearTimeout(deadline.sleeping);
          deadline.controller?.abort(error);
          reject(error);
        }, timeout);
      timer?.unref?.();
      send(request, operation, own?.retries ?? retries, deadline).then(
        (response) => {
          clearTimeout(timer);
          if (!response.ok) answers.set(response, { operationId: operation.id, requestId: requestIdOf(response) });
          resolve(response);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error);
        },
      );
    });
  };
}

/**
 * The data of a call, or an ApiError carrying the spec's typed error body, the status, the
 * operation id and the provider's request id: `const sessions = await orThrow(client.GET(…))`.
 */
export async function orThrow<D, E>(call: Promise<{ data?: D; error?: E; response: Response }>): Promise<D> {
  const { data, error, response } = await call;
  if (response.ok) return data as D;
  const known = answers.get(response);
  throw new ApiError<E>(response.status, known?.operationId ?? 'request', known?.requestId, error as E);
}
