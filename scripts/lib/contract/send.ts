/**
 * Sends one request through the API's generated client (so the client is under test too) and keeps
 * a copy of what went on the wire and what came back, for the judge and for the curl line.
 */
import createClient, { type Client } from 'openapi-fetch';
import { loadClientFactory } from '../credentials.ts';
import type { Operation } from '../openapi.ts';
import { clientInit, type RequestInputs } from '../requests.ts';
import type { ContractApi } from './api.ts';
import type { Masker } from './mask.ts';
import { httpFetch, prepare, sendPrepared } from './http-fetch.ts';
import type { CapturedRequest, CapturedResponse, Exchange } from './types.ts';

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

const requestTimeoutMs = 15_000;


/** A client per target, authenticated as the spec says, every request and response copied. */
export async function createSender(loaded: ContractApi, baseUrl: string, credentials: Readonly<Record<string, string>>, masker: Masker): Promise<Sender> {
  const factory = await loadClientFactory(loaded.api);
  // Token requests made by the auth middleware pass here too; their bodies carry only known secrets.
  const plainFetch = httpFetch(requestTimeoutMs);
  const authenticated = factory({ ...credentials, baseUrl, fetch: plainFetch }) as AnyClient;
  const anonymous = createClient({ baseUrl, fetch: plainFetch }) as AnyClient;

  return {
    async send(operation, inputs, options = {}) {
      let request: CapturedRequest | undefined;
      let response: CapturedResponse | undefined;
      const recordingFetch = async (outgoing: Request) => {
        const authorization = outgoing.headers.get('authorization');
        if (authorization) masker.addAuthorization(authorization);
        const prepared = await prepare(outgoing);
        request = { method: outgoing.method, url: outgoing.url, headers: [...outgoing.headers.entries()], body: prepared.body?.toString('utf8') };
        const sent = await sendPrepared(prepared, requestTimeoutMs);
        response = { status: sent.response.status, headers: sent.response.headers, text: await sent.response.clone().text() };
        return sent.response;
      };
      const init = { ...clientInit(inputs, options.headers), ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}), fetch: recordingFetch };
      const client = options.authenticated === false ? anonymous : authenticated;
      try {
        const result = (await client.request(operation.method as never, operation.path as never, init as never)) as { data?: unknown; error?: unknown };
        return { request, response, result, thrown: undefined };
      } catch (error) {
        return { request, response, result: undefined, thrown: (error as Error).message ?? String(error) };
      }
    },
  };
}
