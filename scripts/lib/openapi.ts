/**
 * The parts of an OpenAPI 3.1 document this toolchain reads, and the walk from a document to its
 * operations. Kept loose (records) where the tools only pass values through.
 */
export type JsonSchema = Record<string, unknown>;

export interface ExampleObject {
  summary?: string;
  description?: string;
  value?: unknown;
}

export interface MediaTypeObject {
  schema?: JsonSchema;
  example?: unknown;
  examples?: Record<string, ExampleObject | { $ref: string }>;
}

export interface ResponseObject {
  description: string;
  headers?: Record<string, { schema?: JsonSchema; required?: boolean; description?: string } | { $ref: string }>;
  content?: Record<string, MediaTypeObject>;
}

export interface ParameterObject {
  name: string;
  in: 'query' | 'header' | 'path' | 'cookie';
  required?: boolean;
  description?: string;
  schema?: JsonSchema;
  example?: unknown;
  examples?: Record<string, ExampleObject | { $ref: string }>;
}

export interface RequestBodyObject {
  required?: boolean;
  description?: string;
  content: Record<string, MediaTypeObject>;
}

export type SecurityRequirement = Record<string, string[]>;

export interface OperationObject {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: Array<ParameterObject | { $ref: string }>;
  requestBody?: RequestBodyObject | { $ref: string };
  responses: Record<string, ResponseObject | { $ref: string }>;
  security?: SecurityRequirement[];
  [extension: `x-${string}`]: unknown;
}

export interface SecuritySchemeObject {
  type: 'apiKey' | 'http' | 'oauth2' | 'openIdConnect' | 'mutualTLS';
  description?: string;
  name?: string;
  in?: 'query' | 'header' | 'cookie';
  scheme?: string;
  flows?: { clientCredentials?: { tokenUrl: string; scopes: Record<string, string> } };
  'x-client-option'?: string;
}

export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; description?: string; [key: string]: unknown };
  servers?: Array<{ url: string; description?: string }>;
  security?: SecurityRequirement[];
  tags?: Array<{ name: string; description?: string }>;
  paths: Record<string, Record<string, unknown>>;
  components?: {
    schemas?: Record<string, JsonSchema>;
    securitySchemes?: Record<string, SecuritySchemeObject>;
    [kind: string]: Record<string, unknown> | undefined;
  };
  [key: string]: unknown;
}

export const httpMethods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
export type HttpMethod = (typeof httpMethods)[number];

export interface Operation {
  readonly method: HttpMethod;
  readonly path: string;
  readonly operationId: string;
  readonly operation: OperationObject;
  /** Path-level and operation-level parameters, refs resolved, operation winning on a clash. */
  readonly parameters: ParameterObject[];
  /** Where each of `parameters` is written, as pointer tokens from the document root. */
  readonly parameterLocations: string[][];
  readonly requestBody: RequestBodyObject | undefined;
  /** Documented statuses in spec order, refs resolved. */
  readonly responses: ReadonlyArray<readonly [status: string, response: ResponseObject]>;
  /** The requirements in force: the operation's own, else the document's. */
  readonly security: SecurityRequirement[];
}

/** Follows a local `#/…` ref (the only kind a bundle holds) to its target. */
export function resolveRef<T>(document: OpenApiDocument, value: T | { $ref: string }): T {
  let current: unknown = value;
  for (let hops = 0; hops < 32; hops += 1) {
    if (typeof current !== 'object' || current === null || !('$ref' in current)) return current as T;
    const ref = (current as { $ref: string }).$ref;
    if (!ref.startsWith('#/')) throw new Error(`only local refs can be followed, got ${ref}`);
    current = ref
      .slice(2)
      .split('/')
      .map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'))
      .reduce<unknown>((node, token) => (node as Record<string, unknown> | undefined)?.[token], document);
    if (current === undefined) throw new Error(`unresolvable ref ${ref}`);
  }
  throw new Error('ref chain too long');
}

/** Every operation of a document, in path then method order. */
export function listOperations(document: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const [path, pathItem] of Object.entries(document.paths ?? {})) {
    const located = (list: Array<ParameterObject | { $ref: string }> | undefined, at: string[]) =>
      (list ?? []).map((parameter, index) => ({ parameter: resolveRef(document, parameter), location: [...at, 'parameters', String(index)] }));
    const shared = located(pathItem.parameters as Array<ParameterObject | { $ref: string }>, ['paths', path]);
    for (const method of httpMethods) {
      const operation = pathItem[method] as OperationObject | undefined;
      if (!operation) continue;
      const own = located(operation.parameters, ['paths', path, method]);
      const all = [
        ...shared.filter((s) => !own.some((o) => o.parameter.name === s.parameter.name && o.parameter.in === s.parameter.in)),
        ...own,
      ];
      operations.push({
        method,
        path,
        operationId: operation.operationId ?? `${method} ${path}`,
        operation,
        parameters: all.map((entry) => entry.parameter),
        parameterLocations: all.map((entry) => entry.location),
        requestBody: operation.requestBody ? resolveRef(document, operation.requestBody) : undefined,
        responses: Object.entries(operation.responses ?? {}).map(([status, response]) => [status, resolveRef(document, response)] as const),
        security: operation.security ?? document.security ?? [],
      });
    }
  }
  return operations;
}

/** The examples of a media type, as name → value (a lone `example` is named `default`). */
export function examplesOf(document: OpenApiDocument, media: MediaTypeObject | ParameterObject): Array<[string, unknown]> {
  if (media.examples) {
    return Object.entries(media.examples).map(([name, example]) => [name, resolveRef(document, example).value]);
  }
  return 'example' in media && media.example !== undefined ? [['default', media.example]] : [];
}

/** The node a JSON pointer names in the document (undefined when there is none). */
export function nodeAtPointer(document: OpenApiDocument, pointer: string): unknown {
  return pointer
    .split('/')
    .slice(1)
    .map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce<unknown>((node, token) => (node as Record<string, unknown> | undefined)?.[token], document);
}
