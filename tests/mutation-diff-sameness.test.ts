/**
 * The comparison's shortcut: two subtrees are "the same" (and skipped) only when they are deeply
 * equal and every local `$ref` in them names a target that is the same on both sides. A wrong
 * "same" would hide a change from the report; a wrong "different" only costs time.
 */
import { describe, expect, it } from 'vitest';
import { Sameness } from '../scripts/lib/diff/equal.ts';

const sides = (baseItem: unknown, headItem: unknown) =>
  new Sameness({ components: { schemas: { Item: baseItem } } }, { components: { schemas: { Item: headItem } } });
const ref = { $ref: '#/components/schemas/Item' };

describe('sameness', () => {
  const plain = new Sameness({}, {});

  it.each([
    [1, 1, true],
    ['a', 'a', true],
    [null, null, true],
    [1, 2, false],
    [1, '1', false],
    [null, {}, false],
    [{}, null, false],
    [1, {}, false],
    [{}, [], false],
    [[], {}, false],
    [[1, 2], [1, 2], true],
    [[1, 2], [2, 1], false],
    [[1], [1, 1], false],
    [{ a: 1, b: [true] }, { b: [true], a: 1 }, true],
    [{ a: 1 }, { a: 2 }, false],
    [{ a: 1 }, { a: 1, b: 2 }, false],
    [{ a: 1, b: 2 }, { a: 1 }, false],
    [{ a: undefined }, { b: undefined }, false],
    [{ a: { b: { c: 1 } } }, { a: { b: { c: 2 } } }, false],
    [{ a: [{ b: 1 }] }, { a: [{ b: 2 }] }, false],
  ])('%j and %j: %s', (a, b, same) => {
    expect(plain.same(a, b)).toBe(same);
  });

  it('a ref is the same only when its target is the same on both sides', () => {
    expect(sides({ type: 'string' }, { type: 'string' }).same(ref, ref)).toBe(true);
    expect(sides({ type: 'string' }, { type: 'integer' }).same(ref, ref)).toBe(false);
    expect(sides({ type: 'string' }, { type: 'integer' }).same({ properties: { a: ref } }, { properties: { a: ref } })).toBe(false);
    expect(sides({ type: 'string' }, { type: 'string' }).same(ref, { $ref: '#/components/schemas/Other' })).toBe(false);
  });

  it('the same object still has its refs checked', () => {
    const shared = { items: ref };
    expect(sides({ type: 'string' }, { type: 'integer' }).same(shared, shared)).toBe(false);
    expect(sides({ type: 'string' }, { type: 'string' }).same(shared, shared)).toBe(true);
  });

  it('a ref to another file is never assumed the same', () => {
    const external = { $ref: 'other.yaml#/Item' };
    expect(plain.same(external, external)).toBe(false);
  });

  it('a $ref key that is no string is compared as data', () => {
    expect(plain.same({ $ref: 1 }, { $ref: 1 })).toBe(true);
    expect(plain.same({ $ref: 1 }, { $ref: 2 })).toBe(false);
  });

  it('a recursive schema is decided, and remembered', () => {
    const tree = { type: 'object', properties: { children: { type: 'array', items: ref } } };
    const same = sides(tree, structuredClone(tree));
    expect(same.same(ref, ref)).toBe(true);
    expect(same.same(ref, ref)).toBe(true);
    const changed = sides(tree, { ...tree, required: ['children'] });
    expect(changed.same(ref, ref)).toBe(false);
    expect(changed.same({ a: ref }, { a: ref })).toBe(false);
  });

  it('a ref whose target is missing on one side differs', () => {
    expect(new Sameness({ components: { schemas: { Item: { type: 'string' } } } }, { components: { schemas: {} } }).same(ref, ref)).toBe(
      false,
    );
  });
});
