/**
 * A faithful implementation of ANY API of the registry, for testing the contract runner: it routes
 * by the spec's paths, enforces its security schemes, validates requests against its schemas, and
 * answers from its examples — the documented 401, the documented 422 (else 400), the status asked
 * for with `Prefer: code=`, else the first 2xx. `defect` breaks the contract in one known way.
 * For the runner's own safety and bounds tests, `received` records every request it got.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { documentedStatuses, validationStatus, type ContractApi } from '../../scripts/lib/contract/api.ts';
import {
  examplesOf,
  parameterSchemaPointers,
  requestSchemaPointer,
  resolveRef,
  textAsSchemaType,
  type JsonSchema,
  type Operation,
  type ParameterObject,
} from '../../scripts/lib/openapi.ts';
import { breakBody, documentedDefectStatus, successResponse, type Defect } from './defects.ts';

export interface TargetServer {
  readonly url: string;
  /** Every request received, in order, body as text: what a test asserts about safety. */
  readonly received: Array<{ readonly method: string; readonly path: string; readonly body: string }>;
  close(): Promise<void>;
}

export interface TargetOptions {
  readonly defect?: Defect;
  readonly port?: number;
}

interface Route {
  readonly operation: Operation;
  readonly pattern: RegExp;
  readonly names: string[];
}

interface Answer {
  readonly status: number;
  readonly contentType?: string;
  readonly body?: unknown;
}

function routesOf(loaded: ContractApi): Route[] {
  return loaded.operations.map((operation) => {
    const names: string[] = [];
    const source = operation.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{([^}]+)\\?\}/g, (_match, name: string) => {
      names.push(name);
      return '([^/]+)';
    });
    return { operation, pattern: new RegExp(`^${source}$`), names };
  });
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function exampleAnswer(loaded: ContractApi, operation: Operation, status: string): Answer {
  const response = resolveRef(loaded.document, operation.operation.responses[status]!);
  const [mediaType, media] = Object.entries(response.content ?? {})[0] ?? [];
  if (!mediaType || !media) return { status: Number(status) };
  return { status: Number(status), contentType: mediaType, body: examplesOf(loaded.document, media)[0]?.[1] };
}

function credentialsPresent(loaded: ContractApi, operation: Operation, request: IncomingMessage, url: URL): boolean {
  const requirement = operation.security[0];
  if (!requirement) return true;
  return Object.keys(requirement).every((name) => {
    const scheme = loaded.document.components?.securitySchemes?.[name];
    if (!scheme) return false;
    if (scheme.type === 'apiKey') {
      if (scheme.in === 'query') return Boolean(url.searchParams.get(scheme.name!));
      if (scheme.in === 'cookie') return (request.headers.cookie ?? '').includes(`${scheme.name}=`);
      return Boolean(request.headers[scheme.name!.toLowerCase()]);
    }
    const authorization = request.headers.authorization ?? '';
    if (scheme.type === 'http' && scheme.scheme?.toLowerCase() === 'basic') return /^Basic \S+/.test(authorization);
    return /^Bearer \S+/.test(authorization);
  });
}

function parameterValue(
  parameter: ParameterObject,
  url: URL,
  request: IncomingMessage,
  pathValues: Record<string, string>,
): string | undefined {
  if (parameter.in === 'path') return pathValues[parameter.name];
  if (parameter.in === 'query') return url.searchParams.get(parameter.name) ?? undefined;
  if (parameter.in === 'header') {
    const value = request.headers[parameter.name.toLowerCase()];
    return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}

/** True when the request breaks the spec: a parameter or the body fails its schema. */
function invalidRequest(
  loaded: ContractApi,
  operation: Operation,
  url: URL,
  request: IncomingMessage,
  pathValues: Record<string, string>,
  text: string,
): boolean {
  for (const [index, parameter] of operation.parameters.entries()) {
    const value = parameterValue(parameter, url, request, pathValues);
    if (value === undefined) {
      if (parameter.required) return true;
      continue;
    }
    const resolved = parameter.schema ? resolveRef<JsonSchema>(loaded.document, parameter.schema) : undefined;
    const pointer = parameterSchemaPointers(loaded.document, operation)[index]!;
    if (loaded.validator.validate(pointer, textAsSchemaType(resolved, value)).length > 0) return true;
  }
  const mediaType = (request.headers['content-type'] ?? '').split(';')[0]!.trim();
  if (!operation.requestBody) return text !== '';
  if (text === '') return Boolean(operation.requestBody.required);
  const documented = Object.keys(operation.requestBody.content);
  if (!documented.includes(mediaType)) return true;
  let body: unknown;
  if (mediaType === 'application/x-www-form-urlencoded') {
    body = Object.fromEntries(new URLSearchParams(text));
  } else {
    try {
      body = JSON.parse(text);
    } catch {
      return true;
    }
  }
  return loaded.validator.validate(requestSchemaPointer(loaded.document, operation, mediaType), body).length > 0;
}

/** Every string the request carries: path, query, headers of the spec, body values. */
function inputStrings(url: URL, pathValues: Record<string, string>, text: string): string[] {
  const strings = [...Object.values(pathValues), ...url.searchParams.values()];
  try {
    JSON.stringify(JSON.parse(text), (_key, value: unknown) => {
      if (typeof value === 'string') strings.push(value);
      return value;
    });
  } catch {
    strings.push(...new URLSearchParams(text).values());
  }
  return strings;
}

/** The answer a faithful server gives, with the defect applied where it bites. */
function answer(
  loaded: ContractApi,
  defect: Defect | undefined,
  route: Route,
  request: IncomingMessage,
  url: URL,
  pathValues: Record<string, string>,
  text: string,
): Answer {
  const { operation } = route;
  // Fuzzing finds what examples never send: this server falls over on any non-ASCII input.
  if (defect === 'fuzz-5xx' && inputStrings(url, pathValues, text).some((value) => /[^\x20-\x7e]/.test(value))) {
    return { status: 500, contentType: 'text/plain', body: 'internal error' };
  }
  if (defect !== 'no-auth-check' && !credentialsPresent(loaded, operation, request, url)) {
    return documentedStatuses(operation).includes('401') ? exampleAnswer(loaded, operation, '401') : { status: 401 };
  }
  if (invalidRequest(loaded, operation, url, request, pathValues, text)) {
    const status = validationStatus(operation);
    if (!status) return { status: 400 };
    if (defect === 'wrong-error-body')
      return { status: Number(status), contentType: 'application/json', body: { problem: 'invalid request' } };
    return exampleAnswer(loaded, operation, status);
  }
  const documentedInstead = documentedDefectStatus(defect);
  if (documentedInstead !== undefined && documentedStatuses(operation).includes(documentedInstead))
    return exampleAnswer(loaded, operation, documentedInstead);
  if (defect === 'undocumented-status') {
    const status = [418, 299, 207].find((candidate) => !documentedStatuses(operation).includes(String(candidate)))!;
    return { status, contentType: 'application/json', body: {} };
  }
  const preferred = /code=(\d{3})/.exec(String(request.headers.prefer ?? ''))?.[1];
  const status =
    preferred && documentedStatuses(operation).includes(preferred) ? preferred : successResponse(loaded.document, operation)?.status;
  if (!status) return { status: 204 };
  const plain = exampleAnswer(loaded, operation, status);
  // The body and content-type defects show on every success, asked for or not.
  if (!/^2/.test(status) || plain.body === undefined || !defect) return plain;
  if (defect === 'wrong-content-type') return { ...plain, contentType: 'text/plain' };
  const response = resolveRef(loaded.document, operation.operation.responses[status]!);
  const [media] = Object.values(response.content ?? {});
  const broken = breakBody(loaded.document, defect, media?.schema, plain.body);
  return broken ? { ...plain, body: broken.body } : plain;
}

function send(response: ServerResponse, result: Answer): void {
  const text = result.body === undefined ? '' : typeof result.body === 'string' ? result.body : JSON.stringify(result.body);
  response.writeHead(result.status, result.contentType && text !== '' ? { 'content-type': result.contentType } : {});
  response.end(text);
}

export async function startContractTarget(loaded: ContractApi, options: TargetOptions = {}): Promise<TargetServer> {
  const routes = routesOf(loaded);
  const received: Array<{ method: string; path: string; body: string }> = [];
  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://target.invalid');
    const method = (request.method ?? 'GET').toLowerCase();
    const text = await readBody(request);
    received.push({ method, path: url.pathname, body: text });
    for (const route of routes) {
      if (route.operation.method !== method) continue;
      const match = route.pattern.exec(url.pathname);
      if (!match) continue;
      const pathValues = Object.fromEntries(route.names.map((name, index) => [name, decodeURIComponent(match[index + 1]!)]));
      send(response, answer(loaded, options.defect, route, request, url, pathValues, text));
      return;
    }
    send(response, { status: 404, contentType: 'text/plain', body: `no operation ${method.toUpperCase()} ${url.pathname}` });
  });
  await new Promise<void>((listening, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', listening);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise((closed) => {
        server.closeAllConnections();
        server.close(() => closed());
      }),
  };
}

/** A contract target for the length of `use`: closed afterwards, whether `use` passes or throws. */
export async function withContractTarget<T>(
  loaded: ContractApi,
  options: TargetOptions,
  use: (server: TargetServer) => Promise<T>,
): Promise<T> {
  const server = await startContractTarget(loaded, options);
  try {
    return await use(server);
  } finally {
    await server.close();
  }
}
