/**
 * One valid value for a schema, for a request the spec gives no example of: the schema's own
 * `example`, then `examples`, `default`, `enum`, `const`, and only then a value generated from its
 * type and bounds. readOnly properties are left out (a request does not send them), and integer
 * bounds are kept within the safe integer range.
 */
import { resolveRef, type JsonSchema, type OpenApiDocument } from './openapi.ts';

const maxDepth = 8;

function typesOf(schema: JsonSchema): string[] {
  return Array.isArray(schema.type) ? (schema.type as string[]) : typeof schema.type === 'string' ? [schema.type] : [];
}

const formatSamples: Record<string, string> = {
  'date-time': '2024-01-01T00:00:00Z',
  date: '2024-01-01',
  time: '00:00:00Z',
  email: 'user@example.com',
  uuid: '00000000-0000-4000-8000-000000000000',
  uri: 'https://example.com/',
  url: 'https://example.com/',
  hostname: 'example.com',
  ipv4: '192.0.2.1',
  ipv6: '2001:db8::1',
};

/** A number within the schema's bounds (clamped to the safe integer range), preferring 1. */
function numberSample(schema: JsonSchema, integer: boolean): number {
  const bound = (value: unknown) =>
    typeof value === 'number' && Number.isFinite(value)
      ? Math.max(Number.MIN_SAFE_INTEGER, Math.min(Number.MAX_SAFE_INTEGER, value))
      : undefined;
  const step = integer ? 1 : 0.5;
  const low = bound(schema.minimum) ?? (bound(schema.exclusiveMinimum) !== undefined ? bound(schema.exclusiveMinimum)! + step : undefined);
  const high = bound(schema.maximum) ?? (bound(schema.exclusiveMaximum) !== undefined ? bound(schema.exclusiveMaximum)! - step : undefined);
  let value = low !== undefined && low > 1 ? low : 1;
  if (high !== undefined && value > high) value = low ?? high;
  return integer ? Math.ceil(value) : value;
}

function generated(document: OpenApiDocument, schema: JsonSchema, depth: number): unknown {
  const type =
    typesOf(schema).find((candidate) => candidate !== 'null') ??
    (schema.properties ? 'object' : schema.items ? 'array' : typesOf(schema)[0]);
  switch (type) {
    case 'string': {
      const known = typeof schema.format === 'string' ? formatSamples[schema.format] : undefined;
      if (known) return known;
      const length = Math.max(1, typeof schema.minLength === 'number' ? schema.minLength : 1);
      return 'x'.repeat(typeof schema.maxLength === 'number' ? Math.min(length, schema.maxLength) : length);
    }
    case 'integer':
      return numberSample(schema, true);
    case 'number':
      return numberSample(schema, false);
    case 'boolean':
      return true;
    case 'null':
      return null;
    case 'array': {
      // One item at least, where allowed: an empty array says little, and in a multipart body it
      // is no part at all (a required field would be missing).
      const count = schema.maxItems === 0 ? 0 : Math.max(typeof schema.minItems === 'number' ? schema.minItems : 0, 1);
      return Array.from({ length: Math.min(count, 10) }, () => sampleValue(document, schema.items as JsonSchema | undefined, depth + 1));
    }
    case 'object': {
      const properties = (schema.properties as Record<string, JsonSchema> | undefined) ?? {};
      const value: Record<string, unknown> = {};
      for (const name of (schema.required as string[] | undefined) ?? []) {
        const property = properties[name] ? resolveRef<JsonSchema>(document, properties[name]) : undefined;
        if (property?.readOnly === true) continue;
        value[name] = sampleValue(document, property, depth + 1);
      }
      return value;
    }
    default:
      return 'x';
  }
}

/**
 * The first alternative of a `oneOf`/`anyOf` applied to the schema around it: an alternative may
 * only add constraints (`anyOf: [{required: [file_ids]}, {required: [files]}]` beside `type` and
 * `properties`), which alone would describe no value at all.
 */
function withAlternative(document: OpenApiDocument, schema: JsonSchema, alternative: JsonSchema): JsonSchema {
  const { oneOf: _oneOf, anyOf: _anyOf, ...outer } = schema;
  const inner = resolveRef<JsonSchema>(document, alternative);
  if (typesOf(outer).length === 0 && !outer.properties) return inner;
  const properties = { ...(outer.properties as object | undefined), ...(inner.properties as object | undefined) };
  const required = [...new Set([...((outer.required as string[] | undefined) ?? []), ...((inner.required as string[] | undefined) ?? [])])];
  return {
    ...outer,
    ...inner,
    type: inner.type ?? outer.type,
    ...(Object.keys(properties).length > 0 ? { properties } : {}),
    ...(required.length > 0 ? { required } : {}),
  };
}

/** One value `schemaOrRef` accepts: its own example, examples, default, enum, const, else a generated one. */
export function sampleValue(document: OpenApiDocument, schemaOrRef: JsonSchema | undefined, depth = 0): unknown {
  if (!schemaOrRef || depth > maxDepth) return 'x';
  const schema = resolveRef<JsonSchema>(document, schemaOrRef);
  if (schema.example !== undefined) return schema.example;
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  if (schema.default !== undefined) return schema.default;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  if (schema.const !== undefined) return schema.const;
  const alternatives = (schema.oneOf ?? schema.anyOf) as JsonSchema[] | undefined;
  if (Array.isArray(alternatives) && alternatives.length > 0)
    return sampleValue(document, withAlternative(document, schema, alternatives[0]!), depth + 1);
  if (Array.isArray(schema.allOf) && schema.allOf.length > 0) {
    const parts = (schema.allOf as JsonSchema[]).map((part) => sampleValue(document, part, depth + 1));
    const objects = parts.filter(
      (part): part is Record<string, unknown> => typeof part === 'object' && part !== null && !Array.isArray(part),
    );
    const own = typesOf(schema).length > 0 || schema.properties ? generated(document, schema, depth) : undefined;
    return objects.length > 0 ? Object.assign({}, ...objects, typeof own === 'object' ? own : {}) : parts[0];
  }
  return generated(document, schema, depth);
}
