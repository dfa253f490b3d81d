/**
 * Every schema rule on both sides: a request breaks clients when it narrows what they may send,
 * a response when it widens (or removes) what they read; inside a webhook the sides swap.
 */
import { describe, expect, it } from 'vitest';
import { compareDocuments } from '../../scripts/lib/diff/index.ts';
import { diff, documentWith, summary, today } from './helpers.ts';
import { schemaCases } from './schema-cases.ts';

const sorted = (list: string[]) => [...list].sort();

/** One webhook whose request body is the schema and whose 200 answer carries it back. */
const webhook = (schema: unknown) => ({
  orderPaid: {
    post: {
      requestBody: { content: { 'application/json': { schema } } },
      responses: { '200': { description: 'ok', content: { 'application/json': { schema } } } },
    },
  },
});

describe.each(schemaCases)('$name', (rule) => {
  const before = { schemas: rule.schemas };
  const after = { schemas: rule.headSchemas ?? rule.schemas };

  it('in a request body', () => {
    expect(sorted(summary(diff({ ...before, request: rule.before }, { ...after, request: rule.after })))).toEqual(sorted(rule.request));
  });

  it('in a response body', () => {
    expect(sorted(summary(diff({ ...before, response: rule.before }, { ...after, response: rule.after })))).toEqual(sorted(rule.response));
  });

  it('in a webhook, with the sides swapped', () => {
    const changes = compareDocuments(
      documentWith({ ...before, webhooks: webhook(rule.before) }),
      documentWith({ ...after, webhooks: webhook(rule.after) }),
      { today },
    );
    const expected = [...rule.request, ...rule.response].filter((id) => id !== 'documentation-changed:info');
    expect(sorted(summary(changes))).toEqual(sorted(expected.length > 0 ? expected : ['documentation-changed:info']));
    for (const change of changes) expect(change.location.operation).toBe('webhook orderPaid POST');
  });
});

describe('schema comparison details', () => {
  it('reports the JSON pointer of a change and which side it is read on', () => {
    const [removed] = diff(
      { response: { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] } },
      { response: { type: 'object' } },
    );
    expect(removed).toMatchObject({
      id: 'response-required-property-removed',
      location: {
        operation: 'POST /v1/x',
        pointer: '/paths/~1v1~1x/post/responses/200/content/application~1json/schema/properties/a',
        side: 'base',
      },
      message: 'required property a removed',
    });
  });

  it('a parameter schema is on the request side, with its default', () => {
    const parameter = (schema: Record<string, unknown>) => ({ name: 'limit', in: 'query', schema });
    const changes = diff(
      { parameters: [parameter({ type: 'integer', default: 10, maximum: 100 })] },
      { parameters: [parameter({ type: 'integer', default: 20, maximum: 50 })] },
    );
    expect(sorted(summary(changes))).toEqual(['request-default-changed:warning', 'request-maximum-tightened:breaking']);
  });

  it('a readOnly property that changes type later is no request change', () => {
    const readOnly = (type: string) => ({ type: 'object', properties: { id: { type, readOnly: true } } });
    expect(summary(diff({ request: readOnly('string') }, { request: readOnly('integer') }))).toEqual(['documentation-changed:info']);
    expect(summary(diff({ response: readOnly('string') }, { response: readOnly('integer') }))).toEqual(['response-type-changed:breaking']);
  });

  it('a recursive schema is compared once per $ref pair and ends', () => {
    const node = (enumValues: string[]) => ({
      Node: {
        type: 'object',
        properties: {
          kind: { type: 'string', enum: enumValues },
          children: { type: 'array', items: { $ref: '#/components/schemas/Node' } },
        },
      },
    });
    const changes = diff(
      { schemas: node(['a', 'b']), response: { $ref: '#/components/schemas/Node' } },
      { schemas: node(['a']), response: { $ref: '#/components/schemas/Node' } },
    );
    expect(summary(changes)).toEqual(['response-enum-value-removed:info']);
  });

  it('a change in a shared schema is reported once per body, at the first place it is met, however it is reached', () => {
    const money = (currencies: string[]) => ({ Money: { type: 'object', properties: { currency: { type: 'string', enum: currencies } } } });
    const response = {
      type: 'object',
      properties: {
        total: { $ref: '#/components/schemas/Money' },
        fee: { oneOf: [{ type: 'null' }, { $ref: '#/components/schemas/Money' }] },
        items: { type: 'array', items: { $ref: '#/components/schemas/Money' } },
      },
    };
    const changes = diff({ schemas: money(['EUR', 'USD']), response }, { schemas: money(['EUR']), response });
    expect(changes.map((change) => `${change.id} ${change.location.pointer.replace(/^.*\/schema/, '')}`)).toEqual([
      'response-enum-value-removed /properties/total/properties/currency/enum',
    ]);
  });

  it('keywords beside a $ref (3.1) apply: a maxLength added next to it is seen', () => {
    const schemas = { Name: { type: 'string' } };
    expect(
      summary(
        diff(
          { schemas, request: { $ref: '#/components/schemas/Name' } },
          { schemas, request: { $ref: '#/components/schemas/Name', maxLength: 5 } },
        ),
      ),
    ).toEqual(['request-max-length-added:warning']);
  });

  it('allOf members merge: a property required through allOf is seen', () => {
    const schemas = { Base: { type: 'object', properties: { a: { type: 'string' } } } };
    const changes = diff(
      { schemas, request: { allOf: [{ $ref: '#/components/schemas/Base' }] } },
      { schemas, request: { allOf: [{ $ref: '#/components/schemas/Base' }, { required: ['a'] }] } },
    );
    expect(summary(changes)).toEqual(['request-property-became-required:breaking']);
  });

  it('allOf members that both describe a property: a change in either one is seen (no member hides the other)', () => {
    const wrapper = { type: 'object', properties: { data: { type: 'array', items: { type: 'object' } } } };
    const station = (required: string[]) => ({
      type: 'object',
      properties: { name: { type: 'string' }, address: { type: 'string' } },
      required,
    });
    const response = {
      allOf: [
        { $ref: '#/components/schemas/Wrapper' },
        { properties: { data: { type: 'array', items: { $ref: '#/components/schemas/Station' } } } },
      ],
    };
    const changes = diff(
      { schemas: { Wrapper: wrapper, Station: station(['name', 'address']) }, response },
      { schemas: { Wrapper: wrapper, Station: station(['name']) }, response },
    );
    expect(summary(changes)).toEqual(['response-property-became-optional:breaking']);
  });

  it('allOf members with bounds and enums: the tighter bound and the common values apply', () => {
    const schema = (max: number) => ({
      allOf: [
        { type: 'string', maxLength: 10, enum: ['a', 'b', 'c'] },
        { maxLength: max, enum: ['a', 'b'] },
      ],
    });
    expect(summary(diff({ request: schema(20) }, { request: schema(5) }))).toEqual(['request-max-length-tightened:breaking']);
    expect(summary(diff({ request: schema(20) }, { request: schema(15) }))).toEqual(['documentation-changed:info']);
  });

  it('OpenAPI 3.0 nullable: true reads as admitting null', () => {
    const changes = diff(
      { openapi: '3.0.3', response: { type: 'string' } },
      { openapi: '3.0.3', response: { type: 'string', nullable: true } },
    );
    expect(summary(changes)).toEqual(['response-became-nullable:breaking']);
  });
});
