/**
 * How the OpenAPI model (scripts/lib/openapi) walks a document: JSON pointers (RFC 6901 escapes, array indexes) and
 * `$ref` chains, with an error naming the ref when one cannot be followed.
 */
import { describe, expect, it } from 'vitest';
import { follow, followRecord } from '../scripts/lib/openapi/refs.ts';
import { nodeAt } from '../scripts/lib/openapi/pointer.ts';
import { isRecord, pointerToken, pointerTokens } from '../scripts/lib/diff/types.ts';

const document = {
  components: {
    schemas: {
      A: { $ref: '#/components/schemas/B' },
      B: { type: 'string' },
      'a/b~c': { type: 'integer' },
      Loop: { $ref: '#/components/schemas/Loop' },
      Text: 'x',
    },
  },
  list: [{ name: 'first' }, { name: 'second' }],
};

describe('pointers and refs', () => {
  it.each([
    ['', document],
    ['/list/1/name', 'second'],
    ['/list/0', { name: 'first' }],
    ['/components/schemas/a~1b~0c', { type: 'integer' }],
    ['/list/name', undefined],
    ['/components/schemas/B/type/deeper', undefined],
    ['/nothing/here', undefined],
  ])('the node at %j', (pointer, node) => {
    expect(nodeAt(document, pointer)).toEqual(node);
  });

  it('pointer tokens escape and unescape as RFC 6901 says', () => {
    expect(pointerTokens('')).toEqual([]);
    expect(pointerTokens('/')).toEqual(['']);
    expect(pointerTokens('/a~1b/c~0d/~01')).toEqual(['a/b', 'c~d', '~1']);
    expect(pointerToken('a/b~c')).toBe('a~1b~0c');
    expect(pointerToken('~1')).toBe('~01');
  });

  it('only a plain object is a record', () => {
    expect([isRecord({}), isRecord([]), isRecord(null), isRecord('x'), isRecord(1)]).toEqual([true, false, false, false, false]);
  });

  it('a ref chain is followed to its end', () => {
    expect(follow(document, { $ref: '#/components/schemas/A' })).toEqual({ type: 'string' });
    expect(follow(document, { type: 'boolean' })).toEqual({ type: 'boolean' });
    expect(follow(document, { $ref: 7 })).toEqual({ $ref: 7 });
    expect(followRecord(document, { $ref: '#/components/schemas/A' })).toEqual({ type: 'string' });
    expect(followRecord(document, { $ref: '#/components/schemas/Text' })).toEqual({});
    expect(followRecord(document, ['x'])).toEqual({});
  });

  it.each([
    [{ $ref: 'other.yaml#/B' }, '$ref other.yaml#/B: only refs inside the document can be followed (bundle it first)'],
    [{ $ref: '#/components/schemas/None' }, '$ref #/components/schemas/None: points at nothing in the document'],
    [{ $ref: '#/components/schemas/Loop' }, '$ref chain longer than 64 hops at {"$ref":"#/components/schemas/Loop"}'],
  ])('a ref that cannot be followed is named: %j', (value, message) => {
    expect(() => follow(document, value)).toThrow(message);
  });
});
