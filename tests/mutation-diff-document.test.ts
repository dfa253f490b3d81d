/**
 * The document comparison outside the rule tables: which inputs it accepts, what it says when
 * only documentation changed, and the project's level overrides applied to document rules.
 */
import { describe, expect, it } from 'vitest';
import { compareDocuments, levelOf } from '../scripts/lib/diff/index.ts';
import { documentWith, summary, today } from './diff/helpers.ts';

describe('inputs', () => {
  it.each([
    ['3.0.0', true],
    ['3.1.1', true],
    ['3.2.0', false],
    ['2.0', false],
    ['3.1', false],
    ['x3.1.0', false],
  ])('openapi %s accepted: %s', (version, accepted) => {
    const compare = () => compareDocuments(documentWith({}), { ...documentWith({}), openapi: version }, { today });
    if (accepted) expect(summary(compare())).toEqual(['documentation-changed:info']);
    else expect(compare).toThrow('head: expected an OpenAPI 3.0 or 3.1 document (an "openapi: 3.x.y" field at the top)');
  });

  it('rejects a base that is no mapping or has no openapi text', () => {
    expect(() => compareDocuments([documentWith({})], documentWith({}))).toThrow(/^base: expected an OpenAPI/);
    expect(() => compareDocuments({ ...documentWith({}), openapi: 3.1 }, documentWith({}))).toThrow(/^base: expected an OpenAPI/);
  });
});

describe('documentation-changed', () => {
  it('points at the first difference and names up to three', () => {
    const base = documentWith({});
    const head = documentWith({ operation: { summary: 's', description: 'd' } });
    head.info = { title: 'Renamed', version: '9.9.9' };
    const [change] = compareDocuments(base, head, { today });
    expect(change).toMatchObject({
      id: 'documentation-changed',
      level: 'info',
      location: { pointer: '/info/title', side: 'head' },
      message: 'no contract change; differs at /info/title, /paths/~1v1~1x/post/summary, /paths/~1v1~1x/post/description',
    });
    expect(change?.location.operation).toBeUndefined();
  });

  it('counts the rest, and says 50+ when it stopped counting', () => {
    const many = (count: number) =>
      documentWith({ operation: Object.fromEntries(Array.from({ length: count }, (_, i) => [`x-note-${i}`, i])) });
    expect(compareDocuments(documentWith({}), many(5), { today })[0]?.message).toMatch(/differs at [^,]+, [^,]+, [^,]+ and 2 more$/);
    expect(compareDocuments(documentWith({}), many(80), { today })[0]?.message).toMatch(/ and 47\+ more$/);
    expect(compareDocuments(documentWith({}), many(3), { today })[0]?.message).not.toContain('more');
  });

  it('is not reported beside a contract change', () => {
    const head = documentWith({ operation: { operationId: 'x_make', description: 'd' } });
    expect(summary(compareDocuments(documentWith({}), head, { today }))).toEqual(['operation-id-changed:warning']);
  });
});

describe('level overrides', () => {
  it('a rule the registry does not know is a programming error, named', () => {
    expect(() => levelOf('no-such-rule')).toThrow('no rule no-such-rule in the registry');
    expect(() => levelOf('no-such-rule', new Map([['no-such-rule', 'info']]))).toThrow('no rule no-such-rule in the registry');
  });

  it('apply to document rules and to documentation-changed', () => {
    const overrides = new Map([
      ['operation-id-changed', 'breaking' as const],
      ['documentation-changed', 'warning' as const],
    ]);
    expect(summary(compareDocuments(documentWith({}), documentWith({ operation: { operationId: 'y' } }), { today, overrides }))).toEqual([
      'operation-id-changed:breaking',
    ]);
    expect(summary(compareDocuments(documentWith({}), documentWith({ operation: { summary: 's' } }), { today, overrides }))).toEqual([
      'documentation-changed:warning',
    ]);
  });
});

describe('x-sunset dates', () => {
  const removed = (sunset: unknown, now: Date) =>
    summary(
      compareDocuments(
        documentWith({
          extraPaths: { '/v1/y': { get: { deprecated: true, 'x-sunset': sunset, responses: { '200': { description: 'ok' } } } } },
        }),
        documentWith({}),
        { today: now },
      ),
    );

  it('a date parsed from YAML counts like its text; a millisecond past is past', () => {
    expect(removed(new Date('2026-05-31T23:59:59.999Z'), today)).toEqual(['deprecated-operation-removed:info']);
    expect(removed('2026-06-01T00:00:00.001Z', new Date('2026-06-01T00:00:00.002Z'))).toEqual(['deprecated-operation-removed:info']);
    expect(removed('2026-06-01T00:00:00.001Z', new Date('2026-06-01T00:00:00.001Z'))).toEqual(['operation-removed:breaking']);
  });

  it('defaults to now', () => {
    const old = documentWith({ extraPaths: { '/v1/y': { get: { deprecated: true, 'x-sunset': '2000-01-01', responses: {} } } } });
    const future = documentWith({ extraPaths: { '/v1/y': { get: { deprecated: true, 'x-sunset': '2999-01-01', responses: {} } } } });
    expect(summary(compareDocuments(old, documentWith({})))).toEqual(['deprecated-operation-removed:info']);
    expect(summary(compareDocuments(future, documentWith({})))).toEqual(['operation-removed:breaking']);
  });
});

describe('one schema on both sides', () => {
  it('a $ref used by the request and the response is judged once per side', () => {
    const order = (required: string[]) => ({ Order: { type: 'object', properties: { note: { type: 'string' } }, required } });
    const ref = { $ref: '#/components/schemas/Order' };
    const changes = compareDocuments(
      documentWith({ schemas: order([]), request: ref, response: ref }),
      documentWith({ schemas: order(['note']), request: ref, response: ref }),
      { today },
    );
    expect(summary(changes).sort()).toEqual(['request-property-became-required:breaking', 'response-property-became-required:info']);
  });
});
