/**
 * Request inputs for an operation, taken from the spec's own examples, and the call that sends
 * them through a generated client.
 */
import type { Client } from 'openapi-fetch';
import { examplesOf, type JsonSchema, type OpenApiDocument, type Operation } from './openapi.ts';
import { sampleValue } from './sample-value.ts';

export interface RequestInputs {
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  header: Record<string, unknown>;
  body?: unknown;
  bodyMediaType?: string;
}

/**
 * Every required parameter (and, with `all`, every parameter) set to its first example, else one
 * valid value of its schema (sample-value.ts); a body only where the operation defines one, from
 * its first example, else its schema.
 */
export function exampleInputs(document: OpenApiDocument, operation: Operation, all = false): RequestInputs {
  const inputs: RequestInputs = { path: {}, query: {}, header: {} };
  for (const parameter of operation.parameters) {
    if (!parameter.required && !all) continue;
    if (parameter.in === 'cookie') continue;
    const example = examplesOf(document, parameter)[0];
    inputs[parameter.in][parameter.name] = example ? example[1] : sampleValue(document, parameter.schema as JsonSchema | undefined);
  }
  const [mediaType, media] = Object.entries(operation.requestBody?.content ?? {})[0] ?? [];
  if (mediaType && media) {
    const example = examplesOf(document, media)[0];
    inputs.body = example ? example[1] : sampleValue(document, media.schema as JsonSchema | undefined);
    inputs.bodyMediaType = mediaType;
  }
  return inputs;
}

export const formMediaType = 'application/x-www-form-urlencoded';

export const multipartMediaType = 'multipart/form-data';

/** A multipart body: each field a part; objects as JSON, arrays as repeated parts. */
export function multipartBody(body: unknown): FormData {
  const form = new FormData();
  const part = (value: unknown) => (typeof value === 'string' ? value : value instanceof Blob ? value : JSON.stringify(value));
  for (const [name, value] of Object.entries((body as Record<string, unknown> | null) ?? {})) {
    for (const item of Array.isArray(value) ? value : [value]) form.append(name, part(item));
  }
  return form;
}

/** openapi-fetch's per-call options for `inputs`; form and multipart bodies are encoded as such. */
export function clientInit(inputs: RequestInputs, headers: Record<string, string> = {}) {
  const isForm = inputs.bodyMediaType === formMediaType;
  const isMultipart = inputs.bodyMediaType === multipartMediaType;
  const bodyType =
    inputs.bodyMediaType !== undefined && !isMultipart && inputs.bodyMediaType !== 'application/json'
      ? { 'content-type': inputs.bodyMediaType }
      : {};
  return {
    params: { path: inputs.path, query: inputs.query, header: inputs.header },
    ...(inputs.body === undefined ? {} : { body: inputs.body }),
    // A multipart body sets its own content type, boundary included.
    headers: { ...bodyType, ...headers },
    ...(isForm ? { bodySerializer: (body: unknown) => new URLSearchParams(body as Record<string, string>).toString() } : {}),
    ...(isMultipart ? { bodySerializer: multipartBody } : {}),
  };
}

/**
 * How openapi-fetch reads an operation's success body, by the media types its 2xx responses
 * document: JSON as JSON, text as text, anything else (an image/png) as bytes, never JSON-parsed.
 */
export function parseAsOf(operation: Operation): 'json' | 'text' | 'blob' {
  const types = operation.responses
    .filter(([status]) => /^2/.test(status))
    .flatMap(([, response]) => Object.keys((response as { content?: object }).content ?? {}));
  const isJson = (type: string) => type === 'application/json' || type.endsWith('+json') || type === '*/*';
  if (types.length === 0 || types.some(isJson)) return 'json';
  return types.every((type) => type.startsWith('text/')) ? 'text' : 'blob';
}

/** Sends `inputs` through an openapi-fetch client. */
export function sendThroughClient(client: unknown, operation: Operation, inputs: RequestInputs, headers: Record<string, string> = {}) {
  const init = clientInit(inputs, headers);
  // The client is typed per API; the contract suite drives every API through one generic call.
  // biome-ignore lint/complexity/noBannedTypes: openapi-fetch's untyped paths map is Record<string, Record<string, {}>>
  return (client as Client<Record<string, Record<string, {}>>>).request(
    operation.method as never,
    operation.path as never,
    init as never,
  ) as Promise<{
    data?: unknown;
    error?: unknown;
    response: Response;
  }>;
}
