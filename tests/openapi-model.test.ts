/** The document model's small functions: pointers, refs, schema types and merging, operations, examples. */
import { describe, expect, it } from 'vitest';
import { UserError } from '../scripts/lib/errors.ts';
import {
  admitsType,
  canonicalPointer,
  declaredTypes,
  escapePointerToken,
  examplesOf,
  flattenSchema,
  foldAllOf,
  follow,
  followRecord,
  impliedTypes,
  isNullOnly,
  listOperations,
  localRefTokens,
  mergeSchemas,
  nodeAt,
  nodeAtPointer,
  nullableInner,
  parameterSchemaPointers,
  requestSchemaPointer,
  responseHeaderSchemaTokens,
  responseSchemaPointer,
  pathItemOperations,
  pointerOf,
  pointerTokens,
  refOf,
  resolveRef,
  textAsSchemaType,
  typesOf,
  unescapePointerToken,
  type JsonSchema,
  type OpenApiDocument,
} from '../scripts/lib/openapi.ts';

const document = {
  openapi: '3.1.0',
  info: { title: 'Model', version: '1.0.0' },
  security: [{ key: [] }],
  paths: {
    '/items/{id}': {
      parameters: [
        { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
        { name: 'trace', in: 'header', schema: { type: 'string' } },
      ],
      get: {
        operationId: 'getItem',
        parameters: [{ $ref: '#/components/parameters/Trace' }],
        responses: { '200': { $ref: '#/components/responses/Item' } },
      },
      delete: { responses: { '204': { description: 'Gone.' } }, security: [] },
    },
  },
  components: {
    parameters: { Trace: { name: 'trace', in: 'header', required: true, schema: { type: 'integer' } } },
    responses: {
      Item: { description: 'An item.', content: { 'application/json': { schema: { $ref: '#/components/schemas/Item' } } } },
    },
    schemas: {
      Item: { type: 'object', properties: { 'a/b~c': { $ref: '#/components/schemas/Alias' } } },
      Alias: { $ref: '#/components/schemas/Name' },
      Name: { type: 'string' },
      Loop: { $ref: '#/components/schemas/Loop' },
    },
    examples: { One: { value: 1 } },
  },
} as unknown as OpenApiDocument;

describe('pointers', () => {
  it('escapes ~ before / and unescapes in the reverse order', () => {
    expect(escapePointerToken('a/b~c')).toBe('a~1b~0c');
    expect(unescapePointerToken('a~1b~0c')).toBe('a/b~c');
    // `~01` is an escaped `~` followed by `1`, not an escaped `/`.
    expect(unescapePointerToken('~01')).toBe('~1');
  });

  it('parses and formats pointers, the empty one naming the root', () => {
    expect(pointerTokens('')).toEqual([]);
    expect(pointerTokens('/paths/~1items~1{id}/get')).toEqual(['paths', '/items/{id}', 'get']);
    expect(pointerOf('paths', '/items/{id}', 'get')).toBe('/paths/~1items~1{id}/get');
    expect(pointerTokens(pointerOf('x/y', '~', ''))).toEqual(['x/y', '~', '']);
  });

  it('reads nodes through objects and arrays, undefined past a leaf', () => {
    expect(nodeAt(document, '/paths/~1items~1{id}/parameters/1/name')).toBe('trace');
    expect(nodeAt(document, '')).toBe(document);
    expect(nodeAt(document, '/info/title/0')).toBeUndefined();
    expect(nodeAt(document, '/nothing/here')).toBeUndefined();
    expect(nodeAtPointer(document, '/info/version')).toBe('1.0.0');
  });
});

describe('refs', () => {
  it('follows chains of local refs to the first node without one', () => {
    expect(refOf({ $ref: '#/a' })).toBe('#/a');
    expect(refOf({ type: 'string' })).toBeUndefined();
    expect(localRefTokens('#/components/schemas/a~1b')).toEqual(['components', 'schemas', 'a/b']);
    expect(localRefTokens('other.yaml#/x')).toBeUndefined();
    expect(follow(document, { $ref: '#/components/schemas/Alias' })).toEqual({ type: 'string' });
    expect(resolveRef<JsonSchema>(document, { type: 'number' })).toEqual({ type: 'number' });
    expect(followRecord(document, { $ref: '#/info/title' })).toEqual({});
  });

  it('refuses refs into other files, refs to nothing and cycles with a UserError naming the ref', () => {
    expect(() => follow(document, { $ref: 'other.yaml#/x' })).toThrow(UserError);
    expect(() => follow(document, { $ref: 'other.yaml#/x' })).toThrow(/other\.yaml#\/x/);
    expect(() => follow(document, { $ref: '#/components/schemas/Missing' })).toThrow(/#\/components\/schemas\/Missing: points at nothing/);
    expect(() => follow(document, { $ref: '#/components/schemas/Loop' })).toThrow(/chain longer than/);
  });

  it('gives the canonical pointer of a path, through the refs met on the way', () => {
    const tokens = ['paths', '/items/{id}', 'get', 'responses', '200', 'content', 'application/json', 'schema', 'properties', 'a/b~c'];
    expect(canonicalPointer(document, tokens)).toBe('/components/schemas/Item/properties/a~1b~0c');
    expect(canonicalPointer(document, ['paths', '/items/{id}', 'get', 'parameters', '0', 'schema'])).toBe(
      '/components/parameters/Trace/schema',
    );
  });
});

describe('schema types', () => {
  it('reads the type keyword, string or list, undefined when absent', () => {
    expect(declaredTypes({ type: 'string' })).toEqual(['string']);
    expect(declaredTypes({ type: ['string', 'null', 3] })).toEqual(['string', 'null']);
    expect(declaredTypes({})).toBeUndefined();
    expect(declaredTypes(true)).toBeUndefined();
    expect(typesOf({})).toEqual([]);
    expect(typesOf(undefined)).toEqual([]);
  });

  it('implies object from properties or required, array from items', () => {
    expect(impliedTypes({ properties: {} })).toEqual(['object']);
    expect(impliedTypes({ required: ['a'] })).toEqual(['object']);
    expect(impliedTypes({ items: {} })).toEqual(['array']);
    expect(impliedTypes({ type: 'string', items: {} })).toEqual(['string']);
    expect(impliedTypes({})).toEqual([]);
  });

  it('admits an integer where a number is allowed, anything where no type is named', () => {
    expect(admitsType(new Set(['number']), 'integer')).toBe(true);
    expect(admitsType(new Set(['integer']), 'number')).toBe(false);
    expect(admitsType(undefined, 'null')).toBe(true);
  });

  it('recognises null-only schemas and the 3.1 nullable idiom', () => {
    expect(isNullOnly({ type: 'null' })).toBe(true);
    expect(isNullOnly({ type: ['null'] })).toBe(true);
    expect(isNullOnly({ type: ['null', 'string'] })).toBe(false);
    const inner = { $ref: '#/components/schemas/Name' };
    expect(nullableInner([{ type: 'null' }, inner])).toBe(inner);
    expect(nullableInner([inner, { type: 'null' }])).toBe(inner);
    expect(nullableInner([inner, { type: 'string' }])).toBeUndefined();
    expect(nullableInner([{ type: 'null' }, inner, inner])).toBeUndefined();
    const nullRef = { $ref: '#/null' };
    expect(nullableInner([nullRef, inner], (variant) => (variant === nullRef ? { type: 'null' } : variant))).toBe(inner);
  });
});

describe('allOf merging', () => {
  it('intersects types and enums, keeps the tighter bound, joins required, combines clashing properties', () => {
    const merged = mergeSchemas(
      { type: ['number', 'null'], enum: [1, 2, 3], maximum: 10, minLength: 1, required: ['a'], properties: { a: { type: 'string' } } },
      { type: 'integer', enum: [2, 3, 4], maximum: 5, minLength: 3, required: ['b', 'a'], properties: { a: { maxLength: 3 }, b: {} } },
    );
    expect(merged.type).toEqual(['integer']);
    expect(merged.enum).toEqual([2, 3]);
    expect(merged.maximum).toBe(5);
    expect(merged.minLength).toBe(3);
    expect(merged.required).toEqual(['a', 'b']);
    expect(merged.properties).toEqual({ a: { allOf: [{ type: 'string' }, { maxLength: 3 }] }, b: {} });
  });

  it('lets the first schema win on other keywords and combines subschemas under allOf', () => {
    const merged = mergeSchemas({ format: 'date', items: { type: 'string' } }, { format: 'uuid', items: { maxLength: 2 }, title: 'T' });
    expect(merged).toEqual({ format: 'date', items: { allOf: [{ type: 'string' }, { maxLength: 2 }] }, title: 'T' });
  });

  it("folds members in order after the schema's own keywords, reading each member as the caller says", () => {
    const folded = foldAllOf({ description: 'own', allOf: [{ $ref: '#/components/schemas/Item' }, { required: ['a/b~c'] }] }, (raw) =>
      followRecord(document, raw),
    );
    expect(folded).toEqual({
      description: 'own',
      type: 'object',
      properties: { 'a/b~c': { $ref: '#/components/schemas/Alias' } },
      required: ['a/b~c'],
    });
    const plain = { type: 'string' };
    expect(foldAllOf(plain, () => ({}))).toBe(plain);
  });
});

describe('flattening', () => {
  it('follows the ref and merges allOf members recursively, their refs followed', () => {
    const flat = flattenSchema(document, { allOf: [{ $ref: '#/components/schemas/Item' }, { allOf: [{ required: ['x'] }] }] });
    expect(flat).toEqual({ type: 'object', properties: { 'a/b~c': { $ref: '#/components/schemas/Alias' } }, required: ['x'] });
    expect(flattenSchema(document, { $ref: '#/components/schemas/Alias' })).toEqual({ type: 'string' });
  });

  it('stops folding a schema that is its own allOf member', () => {
    const cyclic = {
      openapi: '3.1.0',
      info: { title: 'c', version: '1' },
      paths: {},
      components: { schemas: { Self: { type: 'object', allOf: [{ $ref: '#/components/schemas/Self' }] } } },
    } as unknown as OpenApiDocument;
    expect(flattenSchema(cyclic, { $ref: '#/components/schemas/Self' })).toEqual({ type: ['object'] });
  });
});

describe('operations and examples', () => {
  it('lists operations with path parameters merged, refs resolved and security inherited', () => {
    const [get, remove] = listOperations(document);
    expect(get!.operationId).toBe('getItem');
    expect(get!.parameters.map((parameter) => `${parameter.in}:${parameter.name}:${parameter.schema?.type}`)).toEqual([
      'path:id:string',
      'header:trace:integer',
    ]);
    expect(get!.parameterLocations).toEqual([
      ['paths', '/items/{id}', 'parameters', '0'],
      ['paths', '/items/{id}', 'get', 'parameters', '0'],
    ]);
    expect(get!.responses.map(([status, response]) => [status, response.description])).toEqual([['200', 'An item.']]);
    expect(get!.security).toEqual([{ key: [] }]);
    expect(remove!.operationId).toBe('delete /items/{id}');
    expect(remove!.security).toEqual([]);
  });

  it("takes a path item's operations in method order, skipping parameters and other keys", () => {
    const get = { responses: {} };
    const post = { responses: {} };
    expect(pathItemOperations({ summary: 's', parameters: [], post, get, trace: 'not an operation' })).toEqual([
      ['get', get],
      ['post', post],
    ]);
    expect(pathItemOperations(undefined)).toEqual([]);
  });

  it('locates request, response, header and parameter schemas through refs', () => {
    const [get] = listOperations(document);
    expect(responseSchemaPointer(document, get!, '200', 'application/json')).toBe(
      '/components/responses/Item/content/application~1json/schema',
    );
    expect(requestSchemaPointer(document, get!, 'application/json')).toBe(
      '/paths/~1items~1{id}/get/requestBody/content/application~1json/schema',
    );
    expect(responseHeaderSchemaTokens(get!, '200', 'X-Rate')).toEqual([
      'paths',
      '/items/{id}',
      'get',
      'responses',
      '200',
      'headers',
      'X-Rate',
      'schema',
    ]);
    const pointers = parameterSchemaPointers(document, get!);
    expect(pointers).toEqual(['/paths/~1items~1{id}/parameters/0/schema', '/components/parameters/Trace/schema']);
    expect(parameterSchemaPointers(document, get!)).toBe(pointers);
  });

  it('reads named examples through refs, a lone example as default', () => {
    expect(examplesOf(document, { examples: { a: { value: 'x' }, b: { $ref: '#/components/examples/One' } } })).toEqual([
      ['a', 'x'],
      ['b', 1],
    ]);
    expect(examplesOf(document, { example: 0 })).toEqual([['default', 0]]);
    expect(examplesOf(document, {})).toEqual([]);
  });
});

describe('text read as its schema type', () => {
  it('turns numeric text into a number only where a number is allowed, true/false into booleans', () => {
    expect(textAsSchemaType({ type: 'integer' }, '42')).toBe(42);
    expect(textAsSchemaType({ type: ['number', 'null'] }, '-1.5e3')).toBe(-1500);
    expect(textAsSchemaType({ type: 'integer' }, '0x10')).toBe('0x10');
    expect(textAsSchemaType({ type: 'integer' }, '')).toBe('');
    expect(textAsSchemaType({ type: 'string' }, '42')).toBe('42');
    expect(textAsSchemaType({ type: 'boolean' }, 'false')).toBe(false);
    expect(textAsSchemaType({ type: 'boolean' }, 'yes')).toBe('yes');
    expect(textAsSchemaType(undefined, 'true')).toBe('true');
  });
});
