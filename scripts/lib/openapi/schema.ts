/**
 * What a JSON Schema (2020-12, as OpenAPI 3.1 uses it) allows: its types, whether it admits null,
 * and `allOf` members merged into one schema.
 *
 * The merge is our own, small one: json-schema-merge-allof (draft-06 keywords, the tuple form of
 * `items`, throws on schemas with no common value) and @fastify/merge-json-schemas (throws on a
 * conflict by default, follows no `$ref`) do not read 3.1 schemas as written here, and the diff
 * checker must compare schemas whatever they say.
 */
import { isRecord, type JsonSchema, type OpenApiDocument } from './document.ts';
import { resolveRef } from './refs.ts';

/** The types a schema's `type` keyword names; undefined when it names none (anything goes). */
export function declaredTypes(schema: unknown): string[] | undefined {
  if (!isRecord(schema)) return undefined;
  const declared = schema.type;
  if (typeof declared === 'string') return [declared];
  if (Array.isArray(declared)) return declared.filter((type): type is string => typeof type === 'string');
  return undefined;
}

/** The types a schema names, [] when none. */
export function typesOf(schema: unknown): string[] {
  return declaredTypes(schema) ?? [];
}

/** The types a schema names, else the one its keywords imply (`properties`/`required`: object, `items`: array). */
export function impliedTypes(schema: JsonSchema): string[] {
  const declared = declaredTypes(schema);
  if (declared) return declared;
  if (schema.properties || schema.required) return ['object'];
  if (schema.items) return ['array'];
  return [];
}

/**
 * Text from a URL or a header read as the type its schema names, so a validator can judge it: a
 * number when a number is allowed and the text is one, a boolean for `true`/`false`, else the text.
 */
export function textAsSchemaType(schema: unknown, text: string): unknown {
  const types = typesOf(schema);
  if ((types.includes('integer') || types.includes('number')) && /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(text)) return Number(text);
  if (types.includes('boolean') && (text === 'true' || text === 'false')) return text === 'true';
  return text;
}

/** Whether a value of `type` passes `types` (undefined: any type); an `integer` is a `number`. */
export function admitsType(types: ReadonlySet<string> | undefined, type: string): boolean {
  return types === undefined || types.has(type) || (type === 'integer' && types.has('number'));
}

/** A schema that admits null alone: `type: 'null'` or `type: ['null']`. */
export function isNullOnly(schema: unknown): boolean {
  const types = declaredTypes(schema);
  return types !== undefined && types.length === 1 && types[0] === 'null';
}

/**
 * The 3.1 nullable idiom `oneOf`/`anyOf: [{type: 'null'}, X]`: X, when `variants` is such a pair,
 * else undefined. `resolve` follows a `$ref` variant to what it names.
 */
export function nullableInner(variants: unknown, resolve: (variant: unknown) => unknown = (variant) => variant): unknown {
  if (!Array.isArray(variants) || variants.length !== 2) return undefined;
  const nullIndex = variants.findIndex((variant) => isNullOnly(resolve(variant)));
  return nullIndex === -1 ? undefined : variants[1 - nullIndex];
}

/** Subschema keywords: under `allOf` both members' subschemas apply. */
const subschemaKeywords = [
  'items',
  'additionalProperties',
  'unevaluatedProperties',
  'unevaluatedItems',
  'contains',
  'propertyNames',
  'contentSchema',
];

/** Numeric bounds, and whether each is an upper one (the lower of two wins) or a lower one. */
const bounds: ReadonlyArray<readonly [keyword: string, upper: boolean]> = [
  ['maxLength', true],
  ['minLength', false],
  ['maximum', true],
  ['minimum', false],
  ['exclusiveMaximum', true],
  ['exclusiveMinimum', false],
  ['maxItems', true],
  ['minItems', false],
  ['maxProperties', true],
  ['minProperties', false],
  ['maxContains', true],
  ['minContains', false],
];

const show = (value: unknown): string => JSON.stringify(value) ?? 'undefined';

const requiredOf = (schema: JsonSchema): string[] =>
  Array.isArray(schema.required) ? schema.required.filter((name): name is string => typeof name === 'string') : [];

/**
 * Two schemas that both apply, as one: subschemas and same-named properties combine under an
 * `allOf`, bounds take the tighter, enums and types intersect, required lists join; for any other
 * keyword both set, `a`'s wins.
 */
export function mergeSchemas(a: JsonSchema, b: JsonSchema): JsonSchema {
  const merged: JsonSchema = { ...b, ...a };
  for (const keyword of subschemaKeywords) {
    if (isRecord(a[keyword]) && isRecord(b[keyword]) && a[keyword] !== b[keyword]) merged[keyword] = { allOf: [a[keyword], b[keyword]] };
  }
  for (const [keyword, upper] of bounds) {
    const [x, y] = [a[keyword], b[keyword]];
    if (typeof x === 'number' && typeof y === 'number') merged[keyword] = upper ? Math.min(x, y) : Math.max(x, y);
  }
  if (Array.isArray(a.enum) && Array.isArray(b.enum)) {
    const other = new Set(b.enum.map(show));
    merged.enum = a.enum.filter((value) => other.has(show(value)));
  }
  if (isRecord(a.properties) || isRecord(b.properties)) {
    const properties: JsonSchema = { ...(isRecord(a.properties) ? a.properties : {}) };
    for (const [name, schema] of Object.entries(isRecord(b.properties) ? b.properties : {})) {
      properties[name] = name in properties ? { allOf: [properties[name], schema] } : schema;
    }
    merged.properties = properties;
  }
  const typesA = declaredTypes(a);
  const typesB = declaredTypes(b);
  if (typesA && typesB) {
    const setA = new Set(typesA);
    const setB = new Set(typesB);
    merged.type = [...new Set([...typesA.filter((type) => admitsType(setB, type)), ...typesB.filter((type) => admitsType(setA, type))])];
  }
  const required = [...new Set([...requiredOf(a), ...requiredOf(b)])];
  if (required.length > 0) merged.required = required;
  return merged;
}

/**
 * A schema with its `allOf` members merged in (the schema's own keywords first); `member` reads
 * each member as a flat schema (refs followed, its own `allOf` folded), so callers choose how
 * deep to go and what to cache.
 */
export function foldAllOf(schema: JsonSchema, member: (raw: unknown) => JsonSchema): JsonSchema {
  if (!Array.isArray(schema.allOf)) return schema;
  const { allOf, ...own } = schema;
  return (allOf as unknown[]).reduce<JsonSchema>((merged, raw) => mergeSchemas(merged, { ...member(raw) }), own);
}

/** `allOf` members followed while flattening one schema: deeper (a schema that is its own member) stops folding. */
const maxFlattenHops = 32;

/** A schema with its `$ref` followed and its `allOf` members merged in, each member flattened too. */
export function flattenSchema(document: OpenApiDocument, schemaOrRef: JsonSchema, hops = 0): JsonSchema {
  const schema = resolveRef<JsonSchema>(document, schemaOrRef);
  if (!Array.isArray(schema.allOf)) return schema;
  if (hops >= maxFlattenHops) {
    const { allOf: _allOf, ...rest } = schema;
    return rest;
  }
  return foldAllOf(schema, (member) => flattenSchema(document, member as JsonSchema, hops + 1));
}
