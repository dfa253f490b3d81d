/**
 * Request inputs for an operation, taken from the spec's own examples, and the call that sends
 * them through a generated client.
 */
import type { Client } from 'openapi-fetch';
import { examplesOf, type OpenApiDocument, type Operation } from './openapi.ts';

export interface RequestInputs {
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  header: Record<string, unknown>;
  body?: unknown;
  bodyMediaType?: string;
}

/** Every required parameter (and, with `all`, every parameter) set to its first example; the body's first example. */
export function exampleInputs(document: OpenApiDocument, operation: Operation, all = false): RequestInputs {
  const inputs: RequestInputs = { path: {}, query: {}, header: {} };
  for (const parameter of operation.parameters) {
    if (!parameter.required && !all) continue;
    if (parameter.in === 'cookie') continue;
    const example = examplesOf(document, parameter)[0];
    if (example) inputs[parameter.in][parameter.name] = example[1];
  }
  const [mediaType, media] = Object.entries(operation.requestBody?.content ?? {})[0] ?? [];
  if (mediaType && media) {
    const example = examplesOf(document, media)[0];
    if (example) {
      inputs.body = example[1];
      inputs.bodyMediaType = mediaType;
    }
  }
  return inputs;
}

export const formMediaType = 'application/x-www-form-urlencoded';

/** openapi-fetch's per-call options for `inputs`; form bodies are encoded as forms. */
export function clientInit(inputs: RequestInputs, headers: Record<string, string> = {}) {
  const isForm = inputs.bodyMediaType === formMediaType;
  return {
    params: { path: inputs.path, query: inputs.query, header: inputs.header },
    ...(inputs.body === undefined ? {} : { body: inputs.body }),
    headers: { ...(isForm ? { 'content-type': formMediaType } : {}), ...headers },
    ...(isForm ? { bodySerializer: (body: unknown) => new URLSearchParams(body as Record<string, string>).toString() } : {}),
  };
}

/** Sends `inputs` through an openapi-fetch client. */
export function sendThroughClient(client: unknown, operation: Operation, inputs: RequestInputs, headers: Record<string, string> = {}) {
  const init = clientInit(inputs, headers);
  // The client is typed per API; the contract suite drives every API through one generic call.
  return (client as Client<Record<string, Record<string, {}>>>).request(operation.method as never, operation.path as never, init as never) as Promise<{
    data?: unknown;
    error?: unknown;
    response: Response;
  }>;
}
