/**
 * One base/head pair per schema rule. Each pair runs in a request body and in a response body,
 * so it pins the rule's id and level on both sides: `request-*` for what the client sends,
 * `response-*` for what it reads.
 */
import { object } from './helpers.ts';

type Json = Record<string, unknown>;

export interface SchemaCase {
  readonly name: string;
  readonly before: Json;
  readonly after: Json;
  /** Expected `id:level` in a request body. */
  readonly request: string[];
  /** Expected `id:level` in a response body. */
  readonly response: string[];
  /** Components both documents carry (for `$ref` cases); the head's differ when `headSchemas` is given. */
  readonly schemas?: Record<string, unknown>;
  readonly headSchemas?: Record<string, unknown>;
}

const str: Json = { type: 'string' };

/** Three pairs per numeric bound: set, tightened, relaxed (here: removed or moved outwards). */
function boundCases(keyword: string, name: string, base: Json, upper: boolean, value: number): SchemaCase[] {
  const tighter = upper ? value - 1 : value + 1;
  const looser = upper ? value + 1 : value - 1;
  return [
    { name: `${keyword} set`, before: base, after: { ...base, [keyword]: value }, request: [`request-${name}-added:warning`], response: [`response-${name}-added:info`] },
    { name: `${keyword} tightened`, before: { ...base, [keyword]: value }, after: { ...base, [keyword]: tighter }, request: [`request-${name}-tightened:breaking`], response: [`response-${name}-tightened:info`] },
    { name: `${keyword} moved outwards`, before: { ...base, [keyword]: value }, after: { ...base, [keyword]: looser }, request: [`request-${name}-relaxed:info`], response: [`response-${name}-relaxed:warning`] },
    { name: `${keyword} removed`, before: { ...base, [keyword]: value }, after: base, request: [`request-${name}-relaxed:info`], response: [`response-${name}-relaxed:warning`] },
  ];
}

const num: Json = { type: 'number' };
const arr: Json = { type: 'array', items: str };
const obj: Json = { type: 'object' };

export const schemaCases: SchemaCase[] = [
  { name: 'type changed', before: object({ a: str }), after: object({ a: { type: 'boolean' } }), request: ['request-type-changed:breaking'], response: ['response-type-changed:breaking'] },
  { name: 'type narrowed', before: object({ a: num }), after: object({ a: { type: 'integer' } }), request: ['request-type-narrowed:breaking'], response: ['response-type-narrowed:info'] },
  { name: 'type widened', before: object({ a: { type: 'integer' } }), after: object({ a: num }), request: ['request-type-widened:info'], response: ['response-type-widened:breaking'] },
  { name: 'became nullable (3.1 type list)', before: object({ a: str }), after: object({ a: { type: ['string', 'null'] } }), request: ['request-became-nullable:info'], response: ['response-became-nullable:breaking'] },
  { name: 'became not nullable', before: object({ a: { type: ['string', 'null'] } }), after: object({ a: str }), request: ['request-became-not-nullable:breaking'], response: ['response-became-not-nullable:info'] },
  {
    name: 'a $ref wrapped in the 3.1 nullable idiom oneOf [null, X]',
    before: object({ a: { $ref: '#/components/schemas/Money' } }),
    after: object({ a: { oneOf: [{ type: 'null' }, { $ref: '#/components/schemas/Money' }] } }),
    schemas: { Money: object({ amount: { type: 'integer' } }) },
    request: ['request-became-nullable:info'],
    response: ['response-became-nullable:breaking'],
  },
  {
    name: 'a $ref unwrapped from anyOf [X, null]',
    before: object({ a: { anyOf: [{ $ref: '#/components/schemas/Money' }, { type: 'null' }] } }),
    after: object({ a: { $ref: '#/components/schemas/Money' } }),
    schemas: { Money: object({ amount: { type: 'integer' } }) },
    request: ['request-became-not-nullable:breaking'],
    response: ['response-became-not-nullable:info'],
  },
  { name: 'enum value added', before: { type: 'string', enum: ['a'] }, after: { type: 'string', enum: ['a', 'b'] }, request: ['request-enum-value-added:info'], response: ['response-enum-value-added:warning'] },
  { name: 'enum value removed', before: { type: 'string', enum: ['a', 'b'] }, after: { type: 'string', enum: ['a'] }, request: ['request-enum-value-removed:breaking'], response: ['response-enum-value-removed:info'] },
  { name: 'enum added', before: str, after: { type: 'string', enum: ['a'] }, request: ['request-enum-added:breaking'], response: ['response-enum-added:info'] },
  { name: 'enum removed', before: { type: 'string', enum: ['a'] }, after: str, request: ['request-enum-removed:info'], response: ['response-enum-removed:warning'] },
  { name: 'const added', before: str, after: { type: 'string', const: 'a' }, request: ['request-const-added:breaking'], response: ['response-const-added:info'] },
  { name: 'const removed', before: { type: 'string', const: 'a' }, after: str, request: ['request-const-removed:info'], response: ['response-const-removed:warning'] },
  { name: 'const changed', before: { type: 'string', const: 'a' }, after: { type: 'string', const: 'b' }, request: ['request-const-changed:breaking'], response: ['response-const-changed:breaking'] },
  ...boundCases('maxLength', 'max-length', str, true, 10),
  ...boundCases('minLength', 'min-length', str, false, 3),
  ...boundCases('maximum', 'maximum', num, true, 100),
  ...boundCases('minimum', 'minimum', num, false, 1),
  ...boundCases('exclusiveMaximum', 'exclusive-maximum', num, true, 100),
  ...boundCases('exclusiveMinimum', 'exclusive-minimum', num, false, 1),
  ...boundCases('maxItems', 'max-items', arr, true, 10),
  ...boundCases('minItems', 'min-items', arr, false, 2),
  ...boundCases('maxProperties', 'max-properties', obj, true, 10),
  ...boundCases('minProperties', 'min-properties', obj, false, 2),
  ...boundCases('maxContains', 'max-contains', { ...arr, contains: str }, true, 5),
  ...boundCases('minContains', 'min-contains', { ...arr, contains: str }, false, 2),
  {
    name: 'OpenAPI 3.0 boolean exclusiveMinimum turned on',
    before: { type: 'number', minimum: 1 },
    after: { type: 'number', minimum: 1, exclusiveMinimum: true },
    request: ['request-minimum-relaxed:info', 'request-exclusive-minimum-added:warning'],
    response: ['response-minimum-relaxed:warning', 'response-exclusive-minimum-added:info'],
  },
  { name: 'pattern set', before: str, after: { type: 'string', pattern: '^[a-z]+$' }, request: ['request-pattern-added:warning'], response: ['response-pattern-added:info'] },
  { name: 'pattern changed', before: { type: 'string', pattern: '^[a-z]+$' }, after: { type: 'string', pattern: '^[a-z0-9]+$' }, request: ['request-pattern-changed:warning'], response: ['response-pattern-changed:info'] },
  { name: 'pattern removed', before: { type: 'string', pattern: '^[a-z]+$' }, after: str, request: ['request-pattern-removed:info'], response: ['response-pattern-removed:warning'] },
  { name: 'pattern emptied', before: { type: 'string', pattern: '^[a-z]+$' }, after: { type: 'string', pattern: '' }, request: ['request-pattern-removed:info'], response: ['response-pattern-removed:warning'] },
  { name: 'pattern widened to .*', before: { type: 'string', pattern: '^[a-z]+$' }, after: { type: 'string', pattern: '.*' }, request: ['request-pattern-removed:info'], response: ['response-pattern-removed:warning'] },
  { name: 'format set', before: str, after: { type: 'string', format: 'email' }, request: ['request-format-added:warning'], response: ['response-format-added:info'] },
  { name: 'format changed', before: { type: 'string', format: 'email' }, after: { type: 'string', format: 'uri' }, request: ['request-format-changed:breaking'], response: ['response-format-changed:warning'] },
  { name: 'format removed', before: { type: 'string', format: 'email' }, after: str, request: ['request-format-removed:info'], response: ['response-format-removed:warning'] },
  { name: 'contentMediaType set', before: str, after: { type: 'string', contentMediaType: 'image/png' }, request: ['request-content-media-type-changed:breaking'], response: ['response-content-media-type-changed:breaking'] },
  { name: 'contentEncoding changed', before: { type: 'string', contentEncoding: 'base64' }, after: { type: 'string', contentEncoding: 'base32' }, request: ['request-content-encoding-changed:breaking'], response: ['response-content-encoding-changed:breaking'] },
  { name: 'optional property added', before: object({ a: str }), after: object({ a: str, b: str }), request: ['request-property-added:info'], response: ['response-property-added:info'] },
  { name: 'required property added', before: object({ a: str }), after: object({ a: str, b: str }, ['b']), request: ['request-property-added-required:breaking'], response: ['response-property-added-required:info'] },
  { name: 'optional property removed', before: object({ a: str, b: str }), after: object({ a: str }), request: ['request-property-removed:warning'], response: ['response-property-removed:warning'] },
  { name: 'required property removed', before: object({ a: str, b: str }, ['b']), after: object({ a: str }), request: ['request-required-property-removed:warning'], response: ['response-required-property-removed:breaking'] },
  {
    name: 'property removed from a closed object',
    before: { ...object({ a: str, b: str }), additionalProperties: false },
    after: { ...object({ a: str }), additionalProperties: false },
    request: ['request-property-removed-from-closed-object:breaking'],
    response: ['response-property-removed:warning'],
  },
  { name: 'property became required', before: object({ a: str }), after: object({ a: str }, ['a']), request: ['request-property-became-required:breaking'], response: ['response-property-became-required:info'] },
  { name: 'property became optional', before: object({ a: str }, ['a']), after: object({ a: str }), request: ['request-property-became-optional:info'], response: ['response-property-became-optional:breaking'] },
  {
    name: 'property became readOnly, and its type changed too',
    before: object({ a: str }),
    after: object({ a: { type: 'integer', readOnly: true } }),
    request: ['request-property-became-read-only:warning'],
    response: ['response-type-changed:breaking'],
  },
  {
    name: 'property became writeOnly',
    before: object({ a: str }),
    after: object({ a: { type: 'string', writeOnly: true } }),
    // Nothing changes for senders: the one change is reported on the response side.
    request: ['documentation-changed:info'],
    response: ['response-property-became-write-only:warning'],
  },
  { name: 'object closed by additionalProperties: false', before: obj, after: { type: 'object', additionalProperties: false }, request: ['request-object-closed:warning'], response: ['response-object-closed:info'] },
  { name: 'object opened', before: { type: 'object', additionalProperties: false }, after: obj, request: ['request-object-opened:info'], response: ['response-object-opened:info'] },
  { name: 'object closed by unevaluatedProperties: false', before: obj, after: { type: 'object', unevaluatedProperties: false }, request: ['request-object-closed:warning'], response: ['response-object-closed:info'] },
  { name: 'array closed by unevaluatedItems: false', before: { type: 'array' }, after: { type: 'array', unevaluatedItems: false }, request: ['request-array-closed:warning'], response: ['response-array-closed:info'] },
  { name: 'array opened', before: { type: 'array', items: false }, after: { type: 'array' }, request: ['request-array-opened:info'], response: ['response-array-opened:info'] },
  {
    name: 'a map value schema changed (additionalProperties: {…})',
    before: { type: 'object', additionalProperties: { type: 'string', enum: ['a', 'b'] } },
    after: { type: 'object', additionalProperties: { type: 'string', enum: ['a'] } },
    request: ['request-enum-value-removed:breaking'],
    response: ['response-enum-value-removed:info'],
  },
  { name: 'map value schema set', before: obj, after: { type: 'object', additionalProperties: str }, request: ['request-additional-properties-added:warning'], response: ['response-additional-properties-added:info'] },
  { name: 'map value schema removed', before: { type: 'object', additionalProperties: str }, after: obj, request: ['request-additional-properties-removed:info'], response: ['response-additional-properties-removed:warning'] },
  { name: 'unevaluatedProperties schema set', before: obj, after: { type: 'object', unevaluatedProperties: str }, request: ['request-unevaluated-properties-added:warning'], response: ['response-unevaluated-properties-added:info'] },
  { name: 'unevaluatedProperties schema removed', before: { type: 'object', unevaluatedProperties: str }, after: obj, request: ['request-unevaluated-properties-removed:info'], response: ['response-unevaluated-properties-removed:warning'] },
  { name: 'unevaluatedItems schema set', before: { type: 'array' }, after: { type: 'array', unevaluatedItems: str }, request: ['request-unevaluated-items-added:warning'], response: ['response-unevaluated-items-added:info'] },
  { name: 'unevaluatedItems schema removed', before: { type: 'array', unevaluatedItems: str }, after: { type: 'array' }, request: ['request-unevaluated-items-removed:info'], response: ['response-unevaluated-items-removed:warning'] },
  { name: 'items type changed', before: arr, after: { type: 'array', items: { type: 'integer' } }, request: ['request-type-changed:breaking'], response: ['response-type-changed:breaking'] },
  { name: 'contains set', before: arr, after: { ...arr, contains: { const: 'x' } }, request: ['request-contains-added:breaking'], response: ['response-contains-added:info'] },
  { name: 'contains removed', before: { ...arr, contains: { const: 'x' } }, after: arr, request: ['request-contains-removed:info'], response: ['response-contains-removed:warning'] },
  { name: 'contains narrowed inside', before: { ...arr, contains: { type: 'string', enum: ['x', 'y'] } }, after: { ...arr, contains: { type: 'string', enum: ['x'] } }, request: ['request-enum-value-removed:breaking'], response: ['response-enum-value-removed:info'] },
  { name: 'prefixItems entry added', before: { type: 'array', prefixItems: [str] }, after: { type: 'array', prefixItems: [str, num] }, request: ['request-prefix-items-added:breaking'], response: ['response-prefix-items-added:info'] },
  { name: 'prefixItems entry removed', before: { type: 'array', prefixItems: [str, num] }, after: { type: 'array', prefixItems: [str] }, request: ['request-prefix-items-removed:info'], response: ['response-prefix-items-removed:warning'] },
  { name: 'prefixItems entry changed inside', before: { type: 'array', prefixItems: [str] }, after: { type: 'array', prefixItems: [{ type: 'string', maxLength: 3 }] }, request: ['request-max-length-added:warning'], response: ['response-max-length-added:info'] },
  {
    name: 'dependentRequired entry added',
    before: object({ a: str, b: str }),
    after: { ...object({ a: str, b: str }), dependentRequired: { a: ['b'] } },
    request: ['request-dependent-required-added:breaking'],
    response: ['response-dependent-required-added:info'],
  },
  {
    name: 'dependentRequired name removed',
    before: { ...object({ a: str, b: str, c: str }), dependentRequired: { a: ['b', 'c'] } },
    after: { ...object({ a: str, b: str, c: str }), dependentRequired: { a: ['b'] } },
    request: ['request-dependent-required-removed:info'],
    response: ['response-dependent-required-removed:warning'],
  },
  {
    name: 'dependentSchemas entry added',
    before: object({ a: str }),
    after: { ...object({ a: str }), dependentSchemas: { a: { required: ['b'] } } },
    request: ['request-dependent-schemas-added:breaking'],
    response: ['response-dependent-schemas-added:info'],
  },
  {
    name: 'dependentSchemas entry removed',
    before: { ...object({ a: str }), dependentSchemas: { a: { required: ['b'] } } },
    after: object({ a: str }),
    request: ['request-dependent-schemas-removed:info'],
    response: ['response-dependent-schemas-removed:warning'],
  },
  { name: 'if/then added', before: obj, after: { ...obj, if: { required: ['a'] }, then: { required: ['b'] } }, request: ['request-if-added:breaking'], response: ['response-if-added:info'] },
  { name: 'if/then removed', before: { ...obj, if: { required: ['a'] }, then: { required: ['b'] } }, after: obj, request: ['request-if-removed:info'], response: ['response-if-removed:warning'] },
  {
    name: 'else changed inside',
    before: { ...obj, if: { required: ['a'] }, else: object({ b: { type: 'string', enum: ['x', 'y'] } }) },
    after: { ...obj, if: { required: ['a'] }, else: object({ b: { type: 'string', enum: ['x'] } }) },
    request: ['request-enum-value-removed:breaking'],
    response: ['response-enum-value-removed:info'],
  },
  { name: 'not added', before: str, after: { ...str, not: { const: 'x' } }, request: ['request-not-added:breaking'], response: ['response-not-added:info'] },
  { name: 'not removed', before: { ...str, not: { const: 'x' } }, after: str, request: ['request-not-removed:info'], response: ['response-not-removed:warning'] },
  { name: 'contentSchema set', before: { type: 'string', contentMediaType: 'application/json' }, after: { type: 'string', contentMediaType: 'application/json', contentSchema: obj }, request: ['request-content-schema-added:breaking'], response: ['response-content-schema-added:info'] },
  { name: 'contentSchema removed', before: { type: 'string', contentSchema: obj }, after: str, request: ['request-content-schema-removed:info'], response: ['response-content-schema-removed:warning'] },
  { name: 'propertyNames set', before: obj, after: { ...obj, propertyNames: { pattern: '^[a-z]+$' } }, request: ['request-property-names-added:warning'], response: ['response-property-names-added:info'] },
  { name: 'propertyNames removed', before: { ...obj, propertyNames: { maxLength: 3 } }, after: obj, request: ['request-property-names-removed:info'], response: ['response-property-names-removed:warning'] },
  { name: 'propertyNames narrowed inside', before: { ...obj, propertyNames: { maxLength: 5 } }, after: { ...obj, propertyNames: { maxLength: 3 } }, request: ['request-max-length-tightened:breaking'], response: ['response-max-length-tightened:info'] },
  { name: 'patternProperties entry added', before: obj, after: { ...obj, patternProperties: { '^x-': str } }, request: ['request-pattern-properties-added:warning'], response: ['response-pattern-properties-added:info'] },
  { name: 'patternProperties entry removed', before: { ...obj, patternProperties: { '^x-': str } }, after: obj, request: ['request-pattern-properties-removed:info'], response: ['response-pattern-properties-removed:warning'] },
  { name: 'patternProperties entry changed inside', before: { ...obj, patternProperties: { '^x-': str } }, after: { ...obj, patternProperties: { '^x-': num } }, request: ['request-type-changed:breaking'], response: ['response-type-changed:breaking'] },
  {
    name: 'oneOf variant added',
    before: { oneOf: [{ $ref: '#/components/schemas/Card' }] },
    after: { oneOf: [{ $ref: '#/components/schemas/Card' }, { $ref: '#/components/schemas/Bank' }] },
    schemas: { Card: object({ pan: str }), Bank: object({ iban: str }) },
    request: ['request-variant-added:info'],
    response: ['response-variant-added:warning'],
  },
  {
    name: 'anyOf variant removed',
    before: { anyOf: [object({ pan: str }), object({ iban: str })] },
    after: { anyOf: [object({ pan: str })] },
    request: ['request-variant-removed:breaking'],
    response: ['response-variant-removed:info'],
  },
  {
    name: 'a change inside a matched oneOf variant (inline, matched by its properties)',
    before: { oneOf: [object({ pan: str, brand: { type: 'string', enum: ['visa', 'amex'] } }), object({ iban: str })] },
    after: { oneOf: [object({ iban: str }), object({ pan: str, brand: { type: 'string', enum: ['visa'] } })] },
    request: ['request-enum-value-removed:breaking'],
    response: ['response-enum-value-removed:info'],
  },
  {
    name: 'a change inside a matched anyOf variant ($ref)',
    before: { anyOf: [{ $ref: '#/components/schemas/Card' }] },
    after: { anyOf: [{ $ref: '#/components/schemas/Card' }] },
    schemas: { Card: object({ pan: str }) },
    headSchemas: { Card: object({ pan: str }, ['pan']) },
    request: ['request-property-became-required:breaking'],
    response: ['response-property-became-required:info'],
  },
  {
    name: 'an inline variant with another type pairs up in order (integer → number widens)',
    before: { oneOf: [str, { type: 'integer' }] },
    after: { oneOf: [str, num] },
    request: ['request-type-widened:info'],
    response: ['response-type-widened:breaking'],
  },
  { name: 'oneOf added around the schema', before: obj, after: { type: 'object', oneOf: [object({ a: str }, ['a']), object({ b: str }, ['b'])] }, request: ['request-composition-added:breaking'], response: ['response-composition-added:info'] },
  { name: 'oneOf removed', before: { type: 'object', oneOf: [object({ a: str }, ['a']), object({ b: str }, ['b'])] }, after: obj, request: ['request-composition-removed:info'], response: ['response-composition-removed:warning'] },
  { name: 'property deprecated', before: object({ a: str }), after: object({ a: { type: 'string', deprecated: true } }), request: ['request-became-deprecated:info'], response: ['response-became-deprecated:info'] },
  {
    name: 'a $ref property deprecated beside its ref',
    before: object({ a: { $ref: '#/components/schemas/Name' } }),
    after: object({ a: { $ref: '#/components/schemas/Name', deprecated: true } }),
    schemas: { Name: str },
    request: ['request-became-deprecated:info'],
    response: ['response-became-deprecated:info'],
  },
  { name: 'default set', before: object({ a: str }), after: object({ a: { type: 'string', default: 'x' } }), request: ['request-default-added:info'], response: ['response-default-added:info'] },
  { name: 'default changed', before: object({ a: { type: 'string', default: 'x' } }), after: object({ a: { type: 'string', default: 'y' } }), request: ['request-default-changed:warning'], response: ['response-default-changed:info'] },
  { name: 'default removed', before: object({ a: { type: 'string', default: 'x' } }), after: object({ a: str }), request: ['request-default-removed:warning'], response: ['response-default-removed:info'] },
];
