/**
 * One call of an API's benchmark operation, made the way the contract tests make it: the spec's
 * example inputs and stand-in credentials through the generated client. The request it sent and
 * the answer it got are kept, to be replayed under load and served by the plain server.
 */
import { authPlanOf, loadClientFactory, placeholderCredentials } from '../../scripts/lib/credentials.ts';
import { listOperations, type OpenApiDocument, type Operation } from '../../scripts/lib/openapi.ts';
import type { ApiEntry } from '../../scripts/lib/registry.ts';
import { exampleInputs, sendThroughClient } from '../../scripts/lib/requests.ts';
import type { LoadRequest } from './load.ts';
import type { CannedResponse } from './plain-server.ts';

/** The operation a bench drives: the first GET (a list, usually), else the first operation. */
export function benchOperation(document: OpenApiDocument): Operation {
  const operations = listOperations(document);
  const chosen = operations.find((operation) => operation.method === 'get') ?? operations[0];
  if (!chosen) throw new Error(`${document.info.title}: no operations to benchmark`);
  return chosen;
}

export interface Exchange {
  readonly request: LoadRequest;
  readonly response: CannedResponse;
}

export async function clientFor(
  api: ApiEntry,
  document: OpenApiDocument,
  baseUrl: string,
  fetch: (request: Request) => Promise<Response>,
): Promise<unknown> {
  const factory = await loadClientFactory(api);
  return factory({ ...placeholderCredentials(authPlanOf(api, document)), baseUrl, fetch });
}

/** Sends the operation through the generated client to `baseUrl` (a live server, unless `send` answers) and records both sides. */
export async function recordExchange(
  api: ApiEntry,
  document: OpenApiDocument,
  operation: Operation,
  baseUrl: string,
  send: (request: Request) => Promise<Response> = (request) => globalThis.fetch(request),
): Promise<Exchange> {
  let request: LoadRequest | undefined;
  let response: CannedResponse | undefined;
  const recordingFetch = async (outgoing: Request): Promise<Response> => {
    const body = outgoing.body ? await outgoing.clone().text() : undefined;
    request = {
      url: outgoing.url,
      method: outgoing.method,
      headers: Object.fromEntries(outgoing.headers),
      ...(body === undefined ? {} : { body }),
    };
    const answer = await send(outgoing);
    response = {
      status: answer.status,
      contentType: answer.headers.get('content-type') ?? 'application/octet-stream',
      body: Buffer.from(await answer.clone().arrayBuffer()),
    };
    return answer;
  };
  const client = await clientFor(api, document, baseUrl, recordingFetch);
  await sendThroughClient(client, operation, exampleInputs(document, operation));
  if (!request || !response) throw new Error(`${api.name}: the client sent no request for ${operation.operationId}`);
  return { request, response };
}
