/**
 * Values a schema rejects but a client can still put on the wire: what a malformed request looks
 * like for the bad-input tests and the contract runner.
 */
import { resolveRef, typesOf, type JsonSchema, type OpenApiDocument, type Operation } from './openapi.ts';
import type { RequestInputs } from './requests.ts';

/** A string that fails the schema of a query, path or header parameter, if one can be found. */
export function invalidParameterText(document: OpenApiDocument, schemaOrRef: JsonSchema | undefined): string | undefined {
  if (!schemaOrRef) return undefined;
  const schema = resolveRef<JsonSchema>(document, schemaOrRef);
  const types = typesOf(schema);
  if (types.includes('string')) {
    if (schema.format === 'date-time' || schema.format === 'date') return 'not-a-date';
    if (schema.format === 'uuid') return 'not-a-uuid';
    if (Array.isArray(schema.enum)) return 'not-one-of-the-allowed-values';
    if (typeof schema.maxLength === 'number') return 'x'.repeat(schema.maxLength + 1);
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test('!')) return '!';
    return undefined;
  }
  if (types.includes('integer') || types.includes('number')) return 'abc';
  if (types.includes('boolean')) return 'maybe';
  return undefined;
}

/** A value of another JSON type than any the schema allows. */
export function wrongTypeValue(schema: JsonSchema): unknown {
  const types = typesOf(schema);
  if (!types.includes('integer') && !types.includes('number')) return 12345;
  if (!types.includes('string')) return 'not-a-number';
  return [];
}

/** A body the schema rejects: without its required fields, or with a field of the wrong type. */
export function invalidBody(
  document: OpenApiDocument,
  schemaOrRef: JsonSchema | undefined,
  valid: unknown,
): { body: unknown; field: string } | undefined {
  if (!schemaOrRef) return undefined;
  const schema = resolveRef<JsonSchema>(document, schemaOrRef);
  const properties = (schema.properties as Record<string, JsonSchema>) ?? {};
  // A readOnly field is the server's: a request without it, or with a wrong one, is not malformed.
  const writable = (name: string) => !properties[name] || resolveRef<JsonSchema>(document, properties[name]).readOnly !== true;
  const required = ((schema.required as string[] | undefined) ?? []).filter(writable);
  if (required.length > 0) {
    const rest = { ...(typeof valid === 'object' && valid !== null ? (valid as Record<string, unknown>) : {}) };
    delete rest[required[0]!];
    return { body: rest, field: required[0]! };
  }
  for (const [name, property] of Object.entries(properties)) {
    const resolved = resolveRef<JsonSchema>(document, property);
    if (resolved.readOnly !== true && typesOf(resolved).length > 0)
      return { body: { ...(valid as object), [name]: wrongTypeValue(resolved) }, field: name };
  }
  return undefined;
}

export interface MalformedRequest {
  readonly inputs: RequestInputs;
  /** The parameter or field at fault, as a validation message would name it. */
  readonly field: string;
}

/** The first way found to make a valid request for `operation` invalid; none when nothing it sends can be. */
export function malformedRequest(document: OpenApiDocument, operation: Operation, valid: RequestInputs): MalformedRequest | undefined {
  for (const parameter of operation.parameters) {
    if (parameter.in === 'cookie') continue;
    const text = invalidParameterText(document, parameter.schema);
    if (text !== undefined) {
      return { inputs: { ...valid, [parameter.in]: { ...valid[parameter.in], [parameter.name]: text } }, field: parameter.name };
    }
  }
  const [mediaType, media] = Object.entries(operation.requestBody?.content ?? {})[0] ?? [];
  const broken = media ? invalidBody(document, media.schema, valid.body) : undefined;
  if (mediaType && broken) return { inputs: { ...valid, body: broken.body, bodyMediaType: mediaType }, field: broken.field };
  // No parameter or field can be malformed: a body where the operation takes none — but never on a
  // GET, HEAD or DELETE, where a body is a request no client makes and servers ignore.
  if (!operation.requestBody && !['get', 'head', 'delete'].includes(operation.method)) {
    return { inputs: { ...valid, body: { unexpected: true }, bodyMediaType: 'application/json' }, field: 'body' };
  }
  return undefined;
}
