/**
 * Compares two bundled documents operation by operation: what a client may send (parameters,
 * request bodies, security) and what it may get back (statuses, media types, headers, bodies).
 */
import {
  listOperations,
  resolveRef,
  type JsonSchema,
  type OpenApiDocument,
  type Operation,
  type ParameterObject,
  type ResponseObject,
  type SecurityRequirement,
} from '../openapi.ts';
import { compareSchemas, type SchemaContext } from './schema.ts';
import { at, type Change, type Direction } from './types.ts';

/** Method and path with parameter names blanked: renaming `{id}` to `{sessionId}` is the same operation. */
function operationKey(operation: Operation): string {
  return `${operation.method.toUpperCase()} ${operation.path.replace(/\{[^}]*\}/g, '{}')}`;
}

function operationLabel(operation: Operation): string {
  return `${operation.method.toUpperCase()} ${operation.path}`;
}

function parameterKey(parameter: ParameterObject): string {
  return `${parameter.in}:${parameter.in === 'header' ? parameter.name.toLowerCase() : parameter.name}`;
}

function parameterSchema(parameter: ParameterObject): JsonSchema | undefined {
  if (parameter.schema) return parameter.schema;
  const content = (parameter as { content?: Record<string, { schema?: JsonSchema }> }).content;
  return content ? Object.values(content)[0]?.schema : undefined;
}

function isRequired(parameter: ParameterObject): boolean {
  return parameter.in === 'path' || parameter.required === true;
}

class Comparison {
  readonly changes: Change[] = [];

  constructor(
    readonly base: OpenApiDocument,
    readonly head: OpenApiDocument,
  ) {}

  add(kind: string, breaking: boolean, where: string, what: string): void {
    this.changes.push({ kind, breaking, where, what });
  }

  schemas(direction: Direction, where: string, base: unknown, head: unknown): void {
    const context: SchemaContext = { base: this.base, head: this.head, direction, where, changes: this.changes };
    compareSchemas(context, base, head);
  }

  parameters(label: string, base: Operation, head: Operation): void {
    const before = new Map(base.parameters.map((p) => [parameterKey(p), p]));
    const after = new Map(head.parameters.map((p) => [parameterKey(p), p]));
    for (const [key, parameter] of before) {
      const where = at(label, `${parameter.in} parameter ${parameter.name}`);
      const next = after.get(key);
      if (!next) {
        this.add('parameter-removed', true, where, `parameter ${parameter.name} removed`);
        continue;
      }
      if (!isRequired(parameter) && isRequired(next)) this.add('parameter-required', true, where, `parameter ${parameter.name} became required`);
      if (isRequired(parameter) && !isRequired(next)) this.add('parameter-optional', false, where, `parameter ${parameter.name} no longer required`);
      this.schemas('request', where, parameterSchema(parameter), parameterSchema(next));
    }
    for (const [key, parameter] of after) {
      if (before.has(key)) continue;
      const where = at(label, `${parameter.in} parameter ${parameter.name}`);
      const required = isRequired(parameter);
      this.add(required ? 'parameter-added-required' : 'parameter-added', required, where, `${required ? 'required' : 'optional'} parameter ${parameter.name} added`);
    }
  }

  requestBody(label: string, base: Operation, head: Operation): void {
    const before = base.requestBody;
    const after = head.requestBody;
    const where = at(label, 'request');
    if (!before && !after) return;
    if (!before) {
      const required = after!.required === true;
      this.add(required ? 'request-body-added-required' : 'request-body-added', required, where, `${required ? 'required' : 'optional'} request body added`);
      return;
    }
    if (!after) {
      this.add('request-body-removed', true, where, 'request body removed');
      return;
    }
    if (before.required !== true && after.required === true) this.add('request-body-required', true, where, 'request body became required');
    if (before.required === true && after.required !== true) this.add('request-body-optional', false, where, 'request body no longer required');
    this.media('request', where, before.content ?? {}, after.content ?? {});
  }

  /** Media types: a request type removed is refused, a response type removed is no longer served. */
  media(direction: Direction, where: string, before: Record<string, { schema?: unknown }>, after: Record<string, { schema?: unknown }>): void {
    for (const [type, media] of Object.entries(before)) {
      const next = after[type];
      if (!next) this.add('media-type-removed', true, `${where} ${type}`, `media type ${type} removed`);
      else this.schemas(direction, `${where} ${type}`, media.schema, next.schema);
    }
    for (const type of Object.keys(after)) {
      if (!(type in before)) this.add('media-type-added', false, `${where} ${type}`, `media type ${type} added`);
    }
  }

  responses(label: string, base: Operation, head: Operation): void {
    const before = new Map(base.responses);
    const after = new Map(head.responses);
    for (const [status, response] of before) {
      const where = at(label, status);
      const next = after.get(status);
      if (!next) {
        this.add('status-removed', true, where, `response ${status} removed`);
        continue;
      }
      this.media('response', where, response.content ?? {}, next.content ?? {});
      this.headers(where, response, next);
    }
    for (const status of after.keys()) {
      if (!before.has(status)) this.add('status-added', false, at(label, status), `response ${status} added`);
    }
  }

  headers(where: string, base: ResponseObject, head: ResponseObject): void {
    const lower = (document: OpenApiDocument, headers: ResponseObject['headers']) =>
      new Map(Object.entries(headers ?? {}).map(([name, header]) => [name.toLowerCase(), { name, header: resolveRef(document, header) }]));
    const before = lower(this.base, base.headers);
    const after = lower(this.head, head.headers);
    for (const [key, { name, header }] of before) {
      const next = after.get(key);
      const location = at(where, `header ${name}`);
      if (!next) this.add('response-header-removed', true, location, `response header ${name} removed`);
      else this.schemas('response', location, header.schema, next.header.schema);
    }
    for (const [key, { name }] of after) {
      if (!before.has(key)) this.add('response-header-added', false, at(where, `header ${name}`), `response header ${name} added`);
    }
  }

  security(label: string, base: Operation, head: Operation): void {
    const before = securityAlternatives(base.security);
    const after = securityAlternatives(head.security);
    const where = at(label, 'security');
    if (before.size === 0) {
      if (after.size > 0) this.add('security-added', true, where, `security required: ${[...after].join(' or ')}`);
      return;
    }
    if (after.size === 0) {
      this.add('security-removed', false, where, 'no security required any more');
      return;
    }
    for (const alternative of before) {
      if (!after.has(alternative)) this.add('security-changed', true, where, `security requirement ${alternative} removed or changed`);
    }
    for (const alternative of after) {
      if (!before.has(alternative)) this.add('security-alternative-added', false, where, `security alternative ${alternative} added`);
    }
  }

  securitySchemes(): void {
    const before = this.base.components?.securitySchemes ?? {};
    const after = this.head.components?.securitySchemes ?? {};
    for (const [name, scheme] of Object.entries(before)) {
      const where = `components/securitySchemes/${name}`;
      const next = after[name];
      if (!next) this.add('security-scheme-removed', true, where, `security scheme ${name} removed`);
      else if (schemeShape(this.base, scheme) !== schemeShape(this.head, next)) {
        this.add('security-scheme-changed', true, where, `security scheme ${name} changed how credentials are sent`);
      }
    }
    for (const name of Object.keys(after)) {
      if (!(name in before)) this.add('security-scheme-added', false, `components/securitySchemes/${name}`, `security scheme ${name} added`);
    }
  }
}

/** Each alternative as `SchemeA + SchemeB[scope1,scope2]`; `{}` (anonymous allowed) as `(anonymous)`. */
function securityAlternatives(requirements: SecurityRequirement[]): Set<string> {
  return new Set(
    requirements.map(
      (requirement) =>
        Object.entries(requirement)
          .map(([name, scopes]) => (scopes.length > 0 ? `${name}[${[...scopes].sort().join(',')}]` : name))
          .sort()
          .join(' + ') || '(anonymous)',
    ),
  );
}

/** The parts of a security scheme a client's code depends on (not its description). */
function schemeShape(document: OpenApiDocument, raw: unknown): string {
  const scheme = resolveRef(document, raw as Record<string, unknown>);
  const { type, in: location, name, scheme: httpScheme, bearerFormat, flows, openIdConnectUrl } = scheme as Record<string, unknown>;
  return JSON.stringify({ type, location, name, httpScheme, bearerFormat, flows, openIdConnectUrl });
}

/** JSON pointers of the places two values differ, at most `limit` of them. */
export function differingPointers(base: unknown, head: unknown, pointer = '', found: string[] = [], limit = 50): string[] {
  if (found.length >= limit) return found;
  if (typeof base !== 'object' || typeof head !== 'object' || base === null || head === null || Array.isArray(base) !== Array.isArray(head)) {
    if (!Object.is(base, head)) found.push(pointer || '/');
    return found;
  }
  const keys = new Set([...Object.keys(base), ...Object.keys(head)]);
  for (const key of keys) {
    const token = key.replaceAll('~', '~0').replaceAll('/', '~1');
    differingPointers((base as Record<string, unknown>)[key], (head as Record<string, unknown>)[key], `${pointer}/${token}`, found, limit);
  }
  return found;
}

function withoutVersion(document: OpenApiDocument): unknown {
  return { ...document, info: { ...document.info, version: undefined } };
}

/** Every change from `base` to `head`. Text-only edits (descriptions, examples) show as one `other` change. */
export function compareDocuments(base: OpenApiDocument, head: OpenApiDocument): Change[] {
  const comparison = new Comparison(base, head);
  const before = new Map(listOperations(base).map((operation) => [operationKey(operation), operation]));
  const after = new Map(listOperations(head).map((operation) => [operationKey(operation), operation]));
  for (const [key, operation] of before) {
    if (!after.has(key)) comparison.add('operation-removed', true, operationLabel(operation), `operation ${operation.operationId} removed`);
  }
  for (const [key, operation] of after) {
    const previous = before.get(key);
    const label = operationLabel(operation);
    if (!previous) {
      comparison.add('operation-added', false, label, `operation ${operation.operationId} added`);
      continue;
    }
    comparison.parameters(label, previous, operation);
    comparison.requestBody(label, previous, operation);
    comparison.responses(label, previous, operation);
    comparison.security(label, previous, operation);
  }
  comparison.securitySchemes();
  if (comparison.changes.length === 0) {
    const pointers = differingPointers(withoutVersion(base), withoutVersion(head));
    if (pointers.length > 0) {
      const shown = pointers.slice(0, 3).join(', ');
      const more = pointers.length > 3 ? ` and ${pointers.length - 3}${pointers.length >= 50 ? '+' : ''} more` : '';
      comparison.add('other', false, '(document)', `no contract change; text, examples or metadata differ at ${shown}${more}`);
    }
  }
  return comparison.changes;
}
