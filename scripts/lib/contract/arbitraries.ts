/**
 * fast-check arbitraries derived from an operation's parameter and body schemas: valid requests
 * (types, enums, consts, formats, bounds, lengths, required, nullable, anyOf/oneOf/allOf) and
 * deliberately invalid ones (one thing broken each, named in `invalid`).
 */
import fc from 'fast-check';
import {
  flattenSchema,
  impliedTypes as typesOf,
  mergeSchemas,
  parameterSchemaPointers,
  requestSchemaPointer,
  type JsonSchema,
  type OpenApiDocument,
  type Operation,
  type ParameterObject,
} from '../openapi.ts';
import { formMediaType, type RequestInputs } from '../requests.ts';
import { isSecured, type ContractApi } from './api.ts';

/** Where a value travels: text on the URL or in a header, or JSON (or form) in the body. */
export type Carrier = 'path' | 'query' | 'header' | 'body';

export interface GeneratedRequest {
  readonly operation: Operation;
  readonly inputs: RequestInputs;
  readonly authenticated: boolean;
  /** What was broken on purpose; undefined for a request meant to be valid. */
  readonly invalid: string | undefined;
}

const maxDepth = 5;
/**
 * Past this depth a schema is not followed any further, whatever it says: a schema that requires
 * itself (an array whose items are the array, an object with a required field of its own type)
 * yields a value the request check labels invalid, instead of a stack overflow.
 */
const hardDepth = 12;
const defaultStringMax = 24;
/** Path segments stay routable: no `/`, no dot segments, never empty. */
const pathChars = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_~'];
/** Header values must be visible ASCII for fetch to send them. */
const headerChars = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:/=+ '];

/** The document model's flattening (refs followed, `allOf` merged), under the name this engine's callers use. */
export const flatten = flattenSchema;

/** The alternatives of an anyOf/oneOf, each merged with what the schema says around it. */
function alternatives(document: OpenApiDocument, schema: JsonSchema): JsonSchema[] | undefined {
  const list = (schema.oneOf ?? schema.anyOf) as JsonSchema[] | undefined;
  if (!Array.isArray(list)) return undefined;
  const { oneOf: _oneOf, anyOf: _anyOf, ...rest } = schema;
  return list.map((alternative) => mergeSchemas(flatten(document, alternative), rest));
}

function charsFor(carrier: Carrier): fc.Arbitrary<string> | 'grapheme' {
  if (carrier === 'path') return fc.constantFrom(...pathChars);
  if (carrier === 'header') return fc.constantFrom(...headerChars);
  return 'grapheme';
}

function textArbitrary(carrier: Carrier, minLength = 0, maxLength = defaultStringMax): fc.Arbitrary<string> {
  const min = carrier === 'path' ? Math.max(1, minLength) : minLength;
  return fc.string({ unit: charsFor(carrier), minLength: min, maxLength: Math.max(min, maxLength) });
}

function isoDate(): fc.Arbitrary<Date> {
  return fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2090-01-01T00:00:00Z'), noInvalidDate: true });
}

function stringArbitrary(schema: JsonSchema, carrier: Carrier): fc.Arbitrary<string> {
  const minLength = (schema.minLength as number | undefined) ?? 0;
  const maxLength = Math.min((schema.maxLength as number | undefined) ?? defaultStringMax, Math.max(defaultStringMax, minLength));
  const fits = (text: string) => text.length >= minLength && text.length <= ((schema.maxLength as number | undefined) ?? Infinity);
  if (typeof schema.pattern === 'string') return fc.stringMatching(new RegExp(schema.pattern, 'u')).filter(fits);
  switch (schema.format) {
    case 'date-time':
      return isoDate().map((date) => date.toISOString());
    case 'date':
      return isoDate().map((date) => date.toISOString().slice(0, 10));
    case 'uuid':
      return fc.uuid();
    case 'email':
      return fc.emailAddress().filter(fits);
    case 'uri':
      return fc.webUrl().filter(fits);
    default:
      return textArbitrary(carrier, minLength, maxLength);
  }
}

function numberArbitrary(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const exclusiveMin = typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum : undefined;
  const exclusiveMax = typeof schema.exclusiveMaximum === 'number' ? schema.exclusiveMaximum : undefined;
  const min = (schema.minimum as number | undefined) ?? (exclusiveMin !== undefined ? exclusiveMin + (integer ? 1 : 1e-6) : -1_000_000);
  const max =
    (schema.maximum as number | undefined) ?? (exclusiveMax !== undefined ? exclusiveMax - (integer ? 1 : 1e-6) : min + 2_000_000);
  if (integer) {
    // int64 bounds (±9.2e18) lie beyond what fast-check's integer() and a JS number hold exactly: clamp to the safe range.
    const low = Math.max(Number.MIN_SAFE_INTEGER, Math.ceil(min));
    const high = Math.min(Number.MAX_SAFE_INTEGER, Math.floor(max));
    return fc.integer({ min: low, max: Math.max(low, high) });
  }
  const low = Math.max(Number.MIN_SAFE_INTEGER, Math.ceil(min));
  const high = Math.min(Number.MAX_SAFE_INTEGER, Math.floor(max));
  return low <= high
    ? fc.oneof(fc.integer({ min: low, max: high }), fc.double({ min, max, noNaN: true, noDefaultInfinity: true }))
    : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
}

/** Values the schema accepts. */
export function validArbitrary(
  document: OpenApiDocument,
  schemaOrRef: JsonSchema | undefined,
  carrier: Carrier,
  depth = 0,
): fc.Arbitrary<unknown> {
  if (!schemaOrRef) return fc.string();
  if (depth > hardDepth) return fc.constant(null);
  const schema = flatten(document, schemaOrRef);
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  const choices = alternatives(document, schema);
  if (choices) return fc.oneof(...choices.map((choice) => validArbitrary(document, choice, carrier, depth + 1)));
  const types = typesOf(schema);
  if (types.length > 1) return fc.oneof(...types.map((type) => validArbitrary(document, { ...schema, type }, carrier, depth + 1)));
  switch (types[0]) {
    case 'null':
      return fc.constant(null);
    case 'string':
      return stringArbitrary(schema, carrier);
    case 'integer':
      return numberArbitrary(schema, true);
    case 'number':
      return numberArbitrary(schema, false);
    case 'boolean':
      return fc.boolean();
    case 'array': {
      const minLength = (schema.minItems as number | undefined) ?? 0;
      const maxLength = Math.max(minLength, Math.min((schema.maxItems as number | undefined) ?? 3, 3));
      // Deep enough: an empty list, without building (or recursing into) the items' arbitrary.
      if (depth >= maxDepth) return fc.constant([]);
      return fc.array(validArbitrary(document, schema.items as JsonSchema | undefined, carrier, depth + 1), { minLength, maxLength });
    }
    case 'object':
      return objectArbitrary(document, schema, carrier, depth);
    default:
      return fc.oneof(fc.string(), fc.integer(), fc.boolean());
  }
}

function objectArbitrary(document: OpenApiDocument, schema: JsonSchema, carrier: Carrier, depth: number): fc.Arbitrary<unknown> {
  const required = (schema.required as string[] | undefined) ?? [];
  const properties = Object.entries((schema.properties as Record<string, JsonSchema> | undefined) ?? {}).filter(
    ([name]) => depth < maxDepth || required.includes(name),
  );
  const shape = Object.fromEntries(properties.map(([name, property]) => [name, validArbitrary(document, property, carrier, depth + 1)]));
  return fc.record(shape, { requiredKeys: required.filter((name) => name in shape) });
}

export interface InvalidValue {
  readonly arbitrary: fc.Arbitrary<unknown>;
  /** What makes it invalid, e.g. `not a uuid`. */
  readonly reason: string;
}

/** Ways to break a value of this schema; text carriers get only what can be written as text. */
export function invalidValues(document: OpenApiDocument, schemaOrRef: JsonSchema | undefined, carrier: Carrier): InvalidValue[] {
  if (!schemaOrRef) return [];
  const schema = flatten(document, schemaOrRef);
  const types = typesOf(schema);
  const text = carrier !== 'body';
  const out: InvalidValue[] = [];
  const someText = textArbitrary(carrier === 'body' ? 'query' : carrier, 1, 12);
  if ('const' in schema)
    out.push({ arbitrary: someText.filter((value) => value !== schema.const), reason: `not ${JSON.stringify(schema.const)}` });
  if (Array.isArray(schema.enum))
    out.push({ arbitrary: someText.filter((value) => !(schema.enum as unknown[]).includes(value)), reason: 'not one of the enum' });
  if (types.includes('string') && !('const' in schema) && !Array.isArray(schema.enum)) {
    const format = schema.format as string | undefined;
    const formatBreakers: Record<string, RegExp> = {
      'date-time': /^\d{4}-\d\d-\d\dT/,
      date: /^\d{4}-\d\d-\d\d$/,
      uuid: /^[0-9a-f-]{36}$/i,
      email: /@/,
      uri: /^[a-z][a-z0-9+.-]*:/i,
    };
    const breaker = format ? formatBreakers[format] : undefined;
    if (breaker && !Array.isArray(schema.anyOf))
      out.push({ arbitrary: someText.filter((value) => !breaker.test(value)), reason: `not a ${format}` });
    if (typeof schema.maxLength === 'number') {
      const limit = schema.maxLength;
      out.push({ arbitrary: textArbitrary(carrier === 'body' ? 'query' : carrier, limit + 1, limit + 8), reason: `longer than ${limit}` });
    }
    if (typeof schema.minLength === 'number' && schema.minLength > 1 && carrier !== 'path') {
      out.push({ arbitrary: fc.constant('x'.repeat(schema.minLength - 1)), reason: `shorter than ${schema.minLength}` });
    }
    if (typeof schema.pattern === 'string') {
      const pattern = new RegExp(schema.pattern, 'u');
      out.push({ arbitrary: someText.filter((value) => !pattern.test(value)), reason: `not matching ${schema.pattern}` });
    }
  }
  if (types.includes('integer') || types.includes('number')) {
    if (!types.includes('string'))
      out.push({
        arbitrary: text ? fc.constantFrom('abc', 'one', '1,5', 'NaN-ish') : fc.constantFrom('12', 'abc', true),
        reason: 'not a number',
      });
    if (types.includes('integer') && !types.includes('number'))
      out.push({ arbitrary: fc.constantFrom(1.5, 2.25), reason: 'not an integer' });
    if (typeof schema.minimum === 'number')
      out.push({
        arbitrary: fc.integer({ min: 1, max: 1000 }).map((below) => (schema.minimum as number) - below),
        reason: `below ${schema.minimum}`,
      });
    if (typeof schema.maximum === 'number')
      out.push({
        arbitrary: fc.integer({ min: 1, max: 1000 }).map((above) => (schema.maximum as number) + above),
        reason: `above ${schema.maximum}`,
      });
  }
  if (types.includes('boolean') && !types.includes('string'))
    out.push({ arbitrary: text ? fc.constantFrom('maybe', 'yes', '2') : fc.constantFrom('true', 1, 'no'), reason: 'not a boolean' });
  if (!text && types.length > 0) {
    // Another JSON type than any allowed: null, a number, a string, a list or an object.
    const others: Array<[string, fc.Arbitrary<unknown>]> = [
      ['null', fc.constant(null)],
      ['number', fc.integer({ min: -99, max: 99 })],
      ['string', fc.string({ maxLength: 8 })],
      ['array', fc.constant(['unexpected'])],
      ['object', fc.constant({ unexpected: true })],
    ];
    const allowed = new Set(types.includes('number') ? [...types, 'integer'] : types.includes('integer') ? [...types, 'number'] : types);
    const wrong = others.filter(([type]) => !allowed.has(type) && !(type === 'number' && allowed.has('integer')));
    if (wrong.length > 0 && !('const' in schema))
      out.push({
        arbitrary: fc.oneof(...wrong.map(([, arbitrary]) => arbitrary)),
        reason: `of type ${wrong.map(([type]) => type).join('/')}`,
      });
  }
  return out;
}

// Kept under this name for the modules that import it from here.
export { parameterSchemaPointers } from '../openapi.ts';

interface Mutation {
  readonly arbitrary: fc.Arbitrary<(inputs: RequestInputs) => RequestInputs>;
  readonly reason: string;
}

function withParameter(parameter: ParameterObject, value: unknown) {
  return (inputs: RequestInputs): RequestInputs => ({
    ...inputs,
    [parameter.in]: { ...inputs[parameter.in as 'path' | 'query' | 'header'], [parameter.name]: value },
  });
}

function withoutParameter(parameter: ParameterObject) {
  return (inputs: RequestInputs): RequestInputs => {
    const { [parameter.name]: _dropped, ...rest } = inputs[parameter.in as 'query' | 'header'];
    return { ...inputs, [parameter.in]: rest };
  };
}

function bodyMutations(loaded: ContractApi, schemaOrRef: JsonSchema, isForm: boolean): Mutation[] {
  const schema = flatten(loaded.document, schemaOrRef);
  const mutations: Mutation[] = [];
  const edit = (change: (body: Record<string, unknown>) => Record<string, unknown> | unknown) => (inputs: RequestInputs) => ({
    ...inputs,
    body: change({ ...((inputs.body as Record<string, unknown>) ?? {}) }),
  });
  for (const name of (schema.required as string[] | undefined) ?? []) {
    mutations.push({
      arbitrary: fc.constant(
        edit((body) => {
          delete (body as Record<string, unknown>)[name];
          return body;
        }),
      ),
      reason: `body without required ${name}`,
    });
  }
  for (const [name, property] of Object.entries((schema.properties as Record<string, JsonSchema> | undefined) ?? {})) {
    for (const broken of invalidValues(loaded.document, property, isForm ? 'query' : 'body')) {
      mutations.push({
        arbitrary: broken.arbitrary.map((value) => edit((body) => ({ ...body, [name]: isForm ? String(value) : value }))),
        reason: `body ${name} ${broken.reason}`,
      });
    }
  }
  if (schema.additionalProperties === false) {
    mutations.push({
      arbitrary: fc.constant(edit((body) => ({ ...body, unexpectedField: 'x' }))),
      reason: 'body with an undocumented field',
    });
  }
  if (!isForm)
    mutations.push({
      arbitrary: fc.constantFrom<unknown>([], 'text', 42).map((value) => edit(() => value)),
      reason: 'body of the wrong type',
    });
  return mutations;
}

/** Valid and invalid requests for one operation; `fixed` pins named values (ids given by the user). */
export function requestArbitrary(
  loaded: ContractApi,
  operation: Operation,
  fixed: Readonly<Record<string, string>> = {},
): fc.Arbitrary<GeneratedRequest> {
  const { document } = loaded;
  const shapes: Record<'path' | 'query' | 'header', Record<string, fc.Arbitrary<unknown>>> = { path: {}, query: {}, header: {} };
  const requiredKeys: Record<'path' | 'query' | 'header', string[]> = { path: [], query: [], header: [] };
  const mutations: Mutation[] = [];
  operation.parameters.forEach((parameter) => {
    if (parameter.in === 'cookie') return;
    const carrier = parameter.in;
    const pinned = fixed[parameter.name];
    shapes[carrier][parameter.name] = pinned !== undefined ? fc.constant(pinned) : validArbitrary(document, parameter.schema, carrier);
    if (parameter.required || carrier === 'path') requiredKeys[carrier].push(parameter.name);
    for (const broken of invalidValues(document, parameter.schema, carrier)) {
      mutations.push({
        arbitrary: broken.arbitrary.map((value) => withParameter(parameter, carrier === 'path' ? String(value) : value)),
        reason: `${carrier} ${parameter.name} ${broken.reason}`,
      });
    }
    if (parameter.required && carrier !== 'path')
      mutations.push({ arbitrary: fc.constant(withoutParameter(parameter)), reason: `without required ${carrier} ${parameter.name}` });
  });
  const [mediaType, media] = Object.entries(operation.requestBody?.content ?? {})[0] ?? [];
  const isForm = mediaType === formMediaType;
  let body: fc.Arbitrary<unknown> = fc.constant(undefined);
  if (mediaType && media?.schema) {
    const bodySchema = flatten(document, media.schema);
    const pinnedFields = Object.entries(fixed).filter(([name]) => name in ((bodySchema.properties as object | undefined) ?? {}));
    body = validArbitrary(document, media.schema, isForm ? 'query' : 'body').map((value) =>
      typeof value === 'object' && value !== null && !Array.isArray(value) ? { ...value, ...Object.fromEntries(pinnedFields) } : value,
    );
    if (isForm)
      body = body.map((value) =>
        typeof value === 'object' && value !== null
          ? Object.fromEntries(Object.entries(value).map(([key, field]) => [key, String(field)]))
          : value,
      );
    mutations.push(...bodyMutations(loaded, media.schema, isForm));
  }
  const valid = fc
    .record({
      path: fc.record(shapes.path, { requiredKeys: requiredKeys.path }),
      query: fc.record(shapes.query, { requiredKeys: requiredKeys.query }),
      header: fc.record(shapes.header, { requiredKeys: requiredKeys.header }),
      body,
    })
    .map(
      ({ body: value, ...params }): RequestInputs => ({
        ...params,
        ...(value === undefined ? {} : { body: value, bodyMediaType: mediaType }),
      }),
    );
  const validRequest = valid.map(
    (inputs): GeneratedRequest => ({ operation, inputs, authenticated: true, invalid: verify(loaded, operation, inputs) }),
  );
  const variants: Array<fc.Arbitrary<GeneratedRequest>> = mutations.map((mutation) =>
    fc
      .tuple(valid, mutation.arbitrary)
      .map(([inputs, apply]): GeneratedRequest => ({ operation, inputs: apply(inputs), authenticated: true, invalid: mutation.reason })),
  );
  if (!operation.requestBody && operation.method !== 'get' && operation.method !== 'head') {
    variants.push(
      valid.map(
        (inputs): GeneratedRequest => ({
          operation,
          inputs: { ...inputs, body: { unexpected: true }, bodyMediaType: 'application/json' },
          authenticated: true,
          invalid: 'a body where none is documented',
        }),
      ),
    );
  }
  if (isSecured(operation))
    variants.push(valid.map((inputs): GeneratedRequest => ({ operation, inputs, authenticated: false, invalid: 'without credentials' })));
  return variants.length === 0 ? validRequest : fc.oneof(validRequest, fc.oneof(...variants));
}

/**
 * A generated "valid" request checked against the spec itself: a value the generator got wrong is
 * labelled invalid rather than trusted (only labels depend on it, never the verdict).
 */
function verify(loaded: ContractApi, operation: Operation, inputs: RequestInputs): string | undefined {
  try {
    return firstIssue(loaded, operation, inputs);
  } catch (error) {
    // A schema that refers to itself without end (`allOf: [itself]`) overflows the validator: no label can be trusted.
    return `not verifiable against the spec (${(error as Error).name})`;
  }
}

function firstIssue(loaded: ContractApi, operation: Operation, inputs: RequestInputs): string | undefined {
  for (const [index, parameter] of operation.parameters.entries()) {
    if (parameter.in === 'cookie') continue;
    const value = inputs[parameter.in][parameter.name];
    if (value === undefined) continue;
    const issues = loaded.validator.validate(parameterSchemaPointers(loaded.document, operation)[index]!, value);
    if (issues.length > 0) return `${parameter.in} ${parameter.name} ${issues[0]!.message}`;
  }
  if (inputs.body !== undefined && inputs.bodyMediaType) {
    const issues = loaded.validator.validate(requestSchemaPointer(loaded.document, operation, inputs.bodyMediaType), inputs.body);
    if (issues.length > 0) return `body ${issues[0]!.pointer} ${issues[0]!.message}`;
  }
  return undefined;
}
