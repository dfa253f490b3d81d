/**
 * Schema edits that change no contract: each is compared in a request body, in a response body
 * and in a webhook, and must come out as `documentation-changed` only — a rule that fires here
 * would fail a release for nothing.
 */
import { describe, expect, it } from 'vitest';
import { compareDocuments } from '../scripts/lib/diff/index.ts';
import { diff, documentWith, object, summary, today } from './diff/helpers.ts';

const str = { type: 'string' };
const num = { type: 'number' };

const unchanged: Array<[string, Record<string, unknown>, Record<string, unknown>]> = [
  ['a pattern that matches anything (^, .*$) set', { type: 'string', pattern: '^' }, { type: 'string', pattern: '.*$' }],
  ['a pattern $ replaced by ^.*', { type: 'string', pattern: '$' }, { type: 'string', pattern: '^.*' }],
  ['a type list reordered', object({ a: { type: ['string', 'integer'] } }), object({ a: { type: ['integer', 'string'] } })],
  [
    'OpenAPI 3.0 exclusiveMinimum: false spelled out',
    { type: 'number', minimum: 1 },
    { type: 'number', minimum: 1, exclusiveMinimum: false },
  ],
  ['OpenAPI 3.0 exclusiveMaximum: true without a maximum', num, { type: 'number', exclusiveMaximum: true }],
  ['a bound that is no number', str, { type: 'string', maxLength: '5' }],
  ['a bound that is no number removed', { type: 'string', maxLength: '5' }, str],
  ['a format that is no string removed', { type: 'string', format: 1 }, str],
  ['a pattern that is no string', str, { type: 'string', pattern: 5 }],
  ['enum values reordered', { type: 'string', enum: ['a', 'b'] }, { type: 'string', enum: ['b', 'a'] }],
  ['required names that are no strings', object({ a: str }), { ...object({ a: str }), required: [1, null] }],
  ['additionalProperties: true spelled out', { type: 'object' }, { type: 'object', additionalProperties: true }],
  ['inline oneOf variants reordered', { oneOf: [str, { type: 'integer' }] }, { oneOf: [{ type: 'integer' }, str] }],
  [
    'inline variants of one shape reordered',
    {
      anyOf: [
        { type: 'string', enum: ['a'] },
        { type: 'string', enum: ['b'] },
      ],
    },
    {
      anyOf: [
        { type: 'string', enum: ['b'] },
        { type: 'string', enum: ['a'] },
      ],
    },
  ],
  [
    'the nullable idiom around a schema without a type (both admit anything)',
    object({ a: { oneOf: [{ type: 'null' }, { minLength: 1 }] } }),
    object({ a: { minLength: 1 } }),
  ],
  [
    'a format, contentMediaType or contentEncoding that is no string',
    str,
    { type: 'string', format: 1, contentMediaType: 2, contentEncoding: 3 },
  ],
  ['a deprecated: false spelled out', object({ a: str }), object({ a: { type: 'string', deprecated: false } })],
  [
    'a description, title and example beside a $ref',
    object({ a: { $ref: '#/components/schemas/Name' } }),
    object({ a: { $ref: '#/components/schemas/Name', description: 'd', title: 't', example: 'x', $comment: 'c' } }),
  ],
  ['a then without an if on either side', { type: 'object' }, { type: 'object', then: { required: ['a'] } }],
  ['prefixItems that is no list', { type: 'array' }, { type: 'array', prefixItems: 'x' }],
  ['contains that is no schema', { type: 'array' }, { type: 'array', contains: 'x' }],
  ['a summary set beside a $ref', { $ref: '#/components/schemas/Name' }, { $ref: '#/components/schemas/Name', summary: 's' }],
];

const webhook = (schema: unknown) => ({
  orderPaid: {
    post: {
      requestBody: { content: { 'application/json': { schema } } },
      responses: { '200': { description: 'ok', content: { 'application/json': { schema } } } },
    },
  },
});

describe.each(unchanged)('%s is no contract change', (_name, before, after) => {
  const schemas = { Name: str };
  it('in a request body', () => {
    expect(summary(diff({ schemas, request: before }, { schemas, request: after }))).toEqual(['documentation-changed:info']);
  });
  it('in a response body', () => {
    expect(summary(diff({ schemas, response: before }, { schemas, response: after }))).toEqual(['documentation-changed:info']);
  });
  it('in a webhook', () => {
    const changes = compareDocuments(
      documentWith({ schemas, webhooks: webhook(before) }),
      documentWith({ schemas, webhooks: webhook(after) }),
      { today },
    );
    expect(summary(changes)).toEqual(['documentation-changed:info']);
  });
});

describe('the nullable idiom around a $ref', () => {
  it('is known by its $ref whatever annotations sit beside it: a change in a shared schema is reported once', () => {
    const money = (currencies: string[]) => ({ Money: { type: 'object', properties: { currency: { type: 'string', enum: currencies } } } });
    const ref = { $ref: '#/components/schemas/Money' };
    const annotated = {
      description: 'd',
      title: 't',
      summary: 's',
      example: {},
      examples: [],
      $comment: 'c',
      oneOf: [{ type: 'null' }, ref],
    };
    const response = { type: 'object', properties: { total: ref, fee: annotated } };
    const changes = diff({ schemas: money(['EUR', 'USD']), response }, { schemas: money(['EUR']), response });
    expect(changes.map((change) => `${change.id} ${change.location.pointer.replace(/^.*\/schema/, '')}`)).toEqual([
      'response-enum-value-removed /properties/total/properties/currency/enum',
    ]);
  });
});

describe('each change once, none lost', () => {
  const money = (currencies: string[]) => ({ type: 'object', properties: { currency: { type: 'string', enum: currencies } } });
  const ref = { $ref: '#/components/schemas/Money' };
  const where = (changes: ReturnType<typeof diff>) =>
    changes.map((change) => `${change.id} ${change.location.pointer.replace(/^.*\/schema/, '')}`);

  it('the same change in two inline properties is two changes', () => {
    const response = (values: string[]) => object({ a: { type: 'string', enum: values }, b: { type: 'string', enum: values } });
    expect(where(diff({ response: response(['x', 'y']) }, { response: response(['x']) }))).toEqual([
      'response-enum-value-removed /properties/a/enum',
      'response-enum-value-removed /properties/b/enum',
    ]);
  });

  it('two changes inside one $ref schema are both reported', () => {
    const schemas = (values: string[], extra: Record<string, unknown>) => ({ Money: { ...money(values), ...extra } });
    expect(
      where(
        diff({ schemas: schemas(['EUR', 'USD'], {}), response: ref }, { schemas: schemas(['EUR'], { maxProperties: 3 }), response: ref }),
      ),
    ).toEqual(['response-max-properties-added /maxProperties', 'response-enum-value-removed /properties/currency/enum']);
  });

  it('a $ref wrapped in the nullable idiom on one side is still known by its $ref', () => {
    const before = object({ total: ref, fee: ref });
    const after = object({ total: ref, fee: { oneOf: [{ type: 'null' }, ref] } });
    expect(
      where(diff({ schemas: { Money: money(['EUR', 'USD']) }, response: before }, { schemas: { Money: money(['EUR']) }, response: after })),
    ).toEqual(['response-enum-value-removed /properties/total/properties/currency/enum', 'response-became-nullable /properties/fee/type']);
  });

  it('inline schemas replaced by one $ref are each compared with it', () => {
    const before = object({ total: money(['EUR', 'USD']), fee: { type: 'string' } });
    const after = object({ total: ref, fee: ref });
    expect(where(diff({ response: before }, { schemas: { Money: money(['EUR']) }, response: after }))).toEqual([
      'response-enum-value-removed /properties/total/properties/currency/enum',
      'response-type-changed /properties/fee/type',
      'response-property-added /properties/fee/properties/currency',
    ]);
  });
});

describe('the nullable idiom around a $ref, beside other keywords', () => {
  const money = (extra: Record<string, unknown> = {}, currencies = ['EUR', 'USD']) => ({
    Money: { type: 'object', properties: { currency: { type: 'string', enum: currencies } }, ...extra },
  });
  const ref = { $ref: '#/components/schemas/Money' };
  const where = (changes: ReturnType<typeof diff>) =>
    changes.map((change) => `${change.id} ${change.location.pointer.replace(/^.*\/schema/, '')}`);

  it('a keyword beside the idiom is compared', () => {
    const response = (max: number) => object({ fee: { oneOf: [{ type: 'null' }, ref], maxProperties: max } });
    expect(where(diff({ schemas: money(), response: response(3) }, { schemas: money(), response: response(2) }))).toEqual([
      'response-max-properties-tightened /properties/fee/maxProperties',
    ]);
  });

  it('null admitted both by the wrap and by the schema itself is one change', () => {
    const changes = diff(
      { schemas: money(), response: object({ fee: ref }) },
      { schemas: money({ type: ['object', 'null'] }), response: object({ fee: { oneOf: [{ type: 'null' }, ref] } }) },
    );
    expect(where(changes)).toEqual(['response-became-nullable /properties/fee/type']);
  });

  it('a wrap deprecated on both sides is no new deprecation', () => {
    const response = object({ fee: { deprecated: true, oneOf: [{ type: 'null' }, ref] } });
    expect(where(diff({ schemas: money(), response }, { schemas: money({}, ['EUR']), response }))).toEqual([
      'response-enum-value-removed /properties/fee/properties/currency/enum',
    ]);
  });

  it('the same change at two places inside one $ref schema is two changes', () => {
    const pair = (values: string[]) => ({
      Pair: object({ from: { type: 'string', enum: values }, to: { type: 'string', enum: values } }),
    });
    const response = { $ref: '#/components/schemas/Pair' };
    expect(where(diff({ schemas: pair(['a', 'b']), response }, { schemas: pair(['a']), response }))).toEqual([
      'response-enum-value-removed /properties/from/enum',
      'response-enum-value-removed /properties/to/enum',
    ]);
  });
});
