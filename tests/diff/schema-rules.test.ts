/**
 * One test per schema rule, on both sides: a request breaks clients when it narrows what they may
 * send, a response when it widens (or removes) what they read.
 */
import { describe, expect, it } from 'vitest';
import type { JsonSchema } from '../../scripts/lib/openapi.ts';
import { object, onRequest, onResponse, summary } from './helpers.ts';

const str: JsonSchema = { type: 'string' };

interface Rule {
  readonly name: string;
  readonly before: JsonSchema;
  readonly after: JsonSchema;
  /** Expected `kind:breaking|ok` in a request body. */
  readonly request: string[];
  /** Expected `kind:breaking|ok` in a response body. */
  readonly response: string[];
}

const rules: Rule[] = [
  {
    name: 'a required property added',
    before: object({ a: str }),
    after: object({ a: str, b: str }, ['b']),
    request: ['property-added-required:breaking'],
    response: ['property-added:ok'],
  },
  {
    name: 'an optional property added',
    before: object({ a: str }),
    after: object({ a: str, b: str }),
    request: ['property-added:ok'],
    response: ['property-added:ok'],
  },
  {
    name: 'a property becoming required',
    before: object({ a: str }),
    after: object({ a: str }, ['a']),
    request: ['property-required:breaking'],
    response: ['property-required:ok'],
  },
  {
    name: 'a property no longer required',
    before: object({ a: str }, ['a']),
    after: object({ a: str }),
    request: ['property-optional:ok'],
    response: ['property-optional:breaking'],
  },
  {
    name: 'a property removed',
    before: object({ a: str, b: str }),
    after: object({ a: str }),
    request: ['property-removed:breaking'],
    response: ['property-removed:breaking'],
  },
  {
    name: 'an enum value removed',
    before: object({ status: { type: 'string', enum: ['open', 'paid'] } }),
    after: object({ status: { type: 'string', enum: ['open'] } }),
    request: ['enum-value-removed:breaking'],
    response: ['enum-value-removed:ok'],
  },
  {
    name: 'an enum value added',
    before: object({ status: { type: 'string', enum: ['open'] } }),
    after: object({ status: { type: 'string', enum: ['open', 'paid'] } }),
    request: ['enum-value-added:ok'],
    response: ['enum-value-added:breaking'],
  },
  {
    name: 'an enum added to a free value',
    before: object({ status: str }),
    after: object({ status: { type: 'string', enum: ['open'] } }),
    request: ['enum-added:breaking'],
    response: ['enum-added:ok'],
  },
  {
    name: 'a type narrowed',
    before: object({ amount: { type: ['string', 'integer'] } }),
    after: object({ amount: { type: 'integer' } }),
    request: ['type-changed:breaking'],
    response: ['type-changed:ok'],
  },
  {
    name: 'a type becoming nullable',
    before: object({ note: str }),
    after: object({ note: { type: ['string', 'null'] } }),
    request: ['type-changed:ok'],
    response: ['type-changed:breaking'],
  },
  {
    name: 'a type changed outright',
    before: object({ amount: { type: 'string' } }),
    after: object({ amount: { type: 'integer' } }),
    request: ['type-changed:breaking'],
    response: ['type-changed:breaking'],
  },
  {
    name: 'integer widened to number',
    before: object({ amount: { type: 'integer' } }),
    after: object({ amount: { type: 'number' } }),
    request: ['type-changed:ok'],
    response: ['type-changed:breaking'],
  },
  {
    name: 'maxLength lowered',
    before: object({ a: { type: 'string', maxLength: 50 } }),
    after: object({ a: { type: 'string', maxLength: 40 } }),
    request: ['bound-tightened:breaking'],
    response: ['bound-tightened:ok'],
  },
  {
    name: 'maxLength raised',
    before: object({ a: { type: 'string', maxLength: 40 } }),
    after: object({ a: { type: 'string', maxLength: 50 } }),
    request: ['bound-relaxed:ok'],
    response: ['bound-relaxed:breaking'],
  },
  {
    name: 'minLength raised',
    before: object({ a: { type: 'string', minLength: 1 } }),
    after: object({ a: { type: 'string', minLength: 3 } }),
    request: ['bound-tightened:breaking'],
    response: ['bound-tightened:ok'],
  },
  {
    name: 'maximum lowered',
    before: object({ n: { type: 'integer', maximum: 100 } }),
    after: object({ n: { type: 'integer', maximum: 10 } }),
    request: ['bound-tightened:breaking'],
    response: ['bound-tightened:ok'],
  },
  {
    name: 'minimum raised',
    before: object({ n: { type: 'integer', minimum: 0 } }),
    after: object({ n: { type: 'integer', minimum: 1 } }),
    request: ['bound-tightened:breaking'],
    response: ['bound-tightened:ok'],
  },
  {
    name: 'minimum lowered (relaxed)',
    before: object({ n: { type: 'integer', minimum: 1 } }),
    after: object({ n: { type: 'integer', minimum: 0 } }),
    request: ['bound-relaxed:ok'],
    response: ['bound-relaxed:breaking'],
  },
  {
    name: 'a pattern added',
    before: object({ a: str }),
    after: object({ a: { type: 'string', pattern: '^[a-z]+$' } }),
    request: ['pattern-changed:breaking'],
    response: ['pattern-changed:ok'],
  },
  {
    name: 'a pattern changed',
    before: object({ a: { type: 'string', pattern: '^[a-z]+$' } }),
    after: object({ a: { type: 'string', pattern: '^[a-z]{2}$' } }),
    request: ['pattern-changed:breaking'],
    response: ['pattern-changed:breaking'],
  },
  {
    name: 'a closed object opened',
    before: { ...object({ a: str }), additionalProperties: false },
    after: object({ a: str }),
    request: ['additional-properties-changed:ok'],
    response: ['additional-properties-changed:breaking'],
  },
  {
    name: 'a change inside array items',
    before: { type: 'array', items: object({ s: { type: 'string', enum: ['a', 'b'] } }) },
    after: { type: 'array', items: object({ s: { type: 'string', enum: ['a'] } }) },
    request: ['enum-value-removed:breaking'],
    response: ['enum-value-removed:ok'],
  },
  {
    name: 'a property removed from an allOf member',
    before: { allOf: [object({ a: str }), object({ b: str }, ['b'])] },
    after: { allOf: [object({ a: str })] },
    request: ['property-removed:breaking'],
    response: ['property-removed:breaking'],
  },
  {
    name: 'a oneOf variant added',
    before: { oneOf: [object({ card: str }, ['card'])] },
    after: { oneOf: [object({ card: str }, ['card']), object({ pix: str }, ['pix'])] },
    request: ['variant-added:ok'],
    response: ['variant-added:breaking'],
  },
  {
    name: 'a oneOf variant removed',
    before: { oneOf: [object({ card: str }, ['card']), object({ pix: str }, ['pix'])] },
    after: { oneOf: [object({ card: str }, ['card'])] },
    request: ['variant-removed:breaking'],
    response: ['variant-removed:ok'],
  },
  {
    name: 'a description edited (no contract change)',
    before: object({ a: { type: 'string', description: 'old' } }),
    after: object({ a: { type: 'string', description: 'new' } }),
    request: ['other:ok'],
    response: ['other:ok'],
  },
];

describe('schema rules, direction-aware', () => {
  for (const rule of rules) {
    it(`${rule.name}: request ${rule.request.join(', ')}`, () => {
      expect(summary(onRequest(rule.before, rule.after))).toEqual(rule.request);
    });
    it(`${rule.name}: response ${rule.response.join(', ')}`, () => {
      expect(summary(onResponse(rule.before, rule.after))).toEqual(rule.response);
    });
  }

  it('finds nothing between identical schemas', () => {
    const schema = object({ a: { type: ['string', 'null'], enum: ['x', null], maxLength: 3 } }, ['a']);
    expect(onRequest(schema, structuredClone(schema))).toEqual([]);
    expect(onResponse(schema, structuredClone(schema))).toEqual([]);
  });

  it('locates a change with a JSON-pointer-ish path under the operation, status and media type', () => {
    const [change] = onResponse(object({ status: { type: 'string', enum: ['open'] } }), object({ status: { type: 'string', enum: ['open', 'expired'] } }));
    expect(change).toEqual({
      kind: 'enum-value-added',
      breaking: true,
      where: 'POST /v1/x → 200 application/json → /properties/status',
      what: 'enum value "expired" added',
    });
  });

  it('says a type became nullable', () => {
    const [change] = onResponse(object({ note: str }), object({ note: { type: ['string', 'null'] } }));
    expect(change?.what).toBe('type widened: string → string | null (now nullable)');
  });

  it('ignores readOnly properties on the request side', () => {
    const before = object({ id: { type: 'string', readOnly: true }, a: str });
    const after = object({ a: str });
    expect(summary(onRequest(before, after))).toEqual(['other:ok']);
    expect(summary(onResponse(before, after))).toEqual(['property-removed:breaking']);
  });
});
