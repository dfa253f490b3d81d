/**
 * Sends one request through the API's generated client (so the client is under test too) and keeps
 * a copy of what went on the wire and what came back, for the judge and for the curl line.
 * Every response, token responses of the auth middleware included, teaches the masker the secrets
 * it carries; against a real server, the token endpoint sees only the run's own credentials, and
 * only a few times.
 */
import createClient, { type Client } from 'openapi-fetch';
import { loadClientFactory } from '../credentials.ts';
import type { Operation } from '../openapi.ts';
import { clientInit, formMediaType, parseAsOf, type RequestInputs } from '../requests.ts';
import { tokenOperations, type ContractApi } from './api.ts';
import type { Masker } from './mask.ts';
import { defaultLimits, ExchangeStopped, prepare, sendPrepared, type PreparedRequest } from './http-fetch.ts';
import type { CapturedRequest, CapturedResponse, Exchange, TargetOptions } from './types.ts';

// biome-ignore lint/complexity/noBannedTypes: openapi-fetch's untyped paths map is Record<string, Record<string, {}>>
type AnyClient = Client<Record<string, Record<string, {}>>>;

export interface Sender {
  /** `authenticated: false` sends without any credential, as an anonymous caller would. */
  send(operation: Operation, inputs: RequestInputs, options?: SendOptions): Promise<Exchange>;
}

export interface SendOptions {
  readonly authenticated?: boolean;
  readonly headers?: Record<string, string>;
  /** Another base URL for this request (the proxy's). */
  readonly baseUrl?: string;
}

/**
 * Token requests one API's run may send to a real server: the middleware's (and a refresh), the
 * example check's, a malformed one, and one per documented status with --prefer-codes.
 */
export const maxTokenRequests = 8;

/** RFC 6749 names of the credentials a client-credentials token request carries, and the client options they come from. */
const credentialFields: ReadonlyArray<readonly [string, string]> = [
  ['client_id', 'clientId'],
  ['client_secret', 'clientSecret'],
];

function fieldsOf(prepared: PreparedRequest): Record<string, unknown> {
  const text = prepared.body?.toString('utf8') ?? '';
  if ((prepared.headers['content-type'] ?? '').startsWith(formMediaType)) return Object.fromEntries(new URLSearchParams(text));
  try {
    const parsed = JSON.parse(text) as unknown;
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/**
 * Against a real server, what may reach its token endpoint: only the configured client id and
 * secret (or none), and at most `maxTokenRequests` requests in a run — never a brute-force pattern.
 */
function tokenRequestGuard(loaded: ContractApi, target: TargetOptions): (prepared: PreparedRequest) => void {
  if (target.kind !== 'server') return () => undefined;
  const paths = tokenOperations(loaded).map((operation) => operation.path);
  let sent = 0;
  return (prepared) => {
    if (prepared.method !== 'POST' || !paths.some((path) => prepared.url.pathname.endsWith(path))) return;
    const fields = fieldsOf(prepared);
    for (const [field, option] of credentialFields) {
      const value = fields[field];
      if (value !== undefined && value !== target.credentials[option]) {
        throw new ExchangeStopped('safety.token-request', `a token request with a ${field} other than the configured one was not sent`, {
          field,
        });
      }
    }
    sent += 1;
    if (sent > maxTokenRequests)
      throw new ExchangeStopped(
        'safety.token-request',
        `the token endpoint was called ${maxTokenRequests} times already: no more against a real server`,
        { limit: maxTokenRequests },
      );
  };
}

/** A client per target, authenticated as the spec says, every request and response copied. */
export async function createSender(loaded: ContractApi, target: TargetOptions, masker: Masker): Promise<Sender> {
  const { baseUrl, credentials } = target;
  const limits = target.limits ?? defaultLimits;
  const factory = await loadClientFactory(loaded.api);
  const guard = tokenRequestGuard(loaded, target);
  const exchange = async (prepared: PreparedRequest) => {
    guard(prepared);
    const sent = await sendPrepared(prepared, limits);
    return sent.response;
  };
  // Token requests made by the auth middleware pass here: guarded, and their tokens join the masker.
  const middlewareFetch = async (request: Request) => {
    const response = await exchange(await prepare(request));
    masker.addFromBody(await response.clone().text(), response.headers.get('content-type'));
    return response;
  };
  const authenticated = factory({ ...credentials, baseUrl, fetch: middlewareFetch }) as AnyClient;
  const anonymous = createClient({ baseUrl, fetch: middlewareFetch }) as AnyClient;

  return {
    async send(operation, inputs, options = {}) {
      let request: CapturedRequest | undefined;
      let response: CapturedResponse | undefined;
      const recordingFetch = async (outgoing: Request) => {
        const authorization = outgoing.headers.get('authorization');
        if (authorization) masker.addAuthorization(authorization);
        const prepared = await prepare(outgoing);
        request = {
          method: outgoing.method,
          url: outgoing.url,
          headers: [...outgoing.headers.entries()],
          body: prepared.body?.toString('utf8'),
        };
        const answer = await exchange(prepared);
        response = { status: answer.status, headers: answer.headers, text: await answer.clone().text() };
        masker.addFromBody(response.text, answer.headers.get('content-type'));
        return answer;
      };
      const init = {
        ...clientInit(inputs, options.headers),
        parseAs: parseAsOf(operation),
        ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
        fetch: recordingFetch,
      };
      const client = options.authenticated === false ? anonymous : authenticated;
      try {
        const result = (await client.request(operation.method as never, operation.path as never, init as never)) as {
          data?: unknown;
          error?: unknown;
        };
        return { request, response, result, thrown: undefined };
      } catch (error) {
        const stoppedBy =
          error instanceof ExchangeStopped ? { stoppedBy: error.code, ...(error.details ? { stopDetails: error.details } : {}) } : {};
        return { request, response, result: undefined, thrown: (error as Error).message ?? String(error), ...stoppedBy };
      }
    },
  };
}
