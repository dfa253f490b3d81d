/** Every document rule, each from a base/head pair of its own; and every rule of the registry is covered. */
import { describe, expect, it } from 'vitest';
import { compareDocuments, levelOf, rules } from '../../scripts/lib/diff/index.ts';
import { documentCases } from './document-cases.ts';
import { diff, documentWith, summary, today } from './helpers.ts';
import { schemaCases } from './schema-cases.ts';

const sorted = (list: string[]) => [...list].sort();

describe.each(documentCases)('$name', (rule) => {
  it('is reported with its id and level', () => {
    expect(sorted(summary(diff(rule.before, rule.after)))).toEqual(sorted(rule.expected));
  });
});

describe('the rule registry', () => {
  it('every rule has a base/head pair in these tests that expects it', () => {
    const expected = new Set(
      [...documentCases.flatMap((c) => c.expected), ...schemaCases.flatMap((c) => [...c.request, ...c.response])].map(
        (entry) => entry.split(':')[0],
      ),
    );
    expect(rules.filter((rule) => !expected.has(rule.id)).map((rule) => rule.id)).toEqual([]);
  });

  it('every expected level is the registry level of its rule', () => {
    const pairs = [...documentCases.flatMap((c) => c.expected), ...schemaCases.flatMap((c) => [...c.request, ...c.response])];
    for (const pair of pairs) {
      const [id] = pair.split(':');
      expect(`${id}:${levelOf(id!)}`).toBe(pair);
    }
  });

  it('ids are unique and levels valid', () => {
    expect(new Set(rules.map((rule) => rule.id)).size).toBe(rules.length);
    for (const rule of rules) expect(['breaking', 'warning', 'info']).toContain(rule.level);
  });

  it('an override changes a rule’s level in the findings', () => {
    const before = documentWith({ response: { type: 'string', enum: ['a'] } });
    const after = documentWith({ response: { type: 'string', enum: ['a', 'b'] } });
    const overrides = new Map([['response-enum-value-added', 'breaking' as const]]);
    expect(summary(compareDocuments(before, after, { overrides, today }))).toEqual(['response-enum-value-added:breaking']);
    expect(summary(compareDocuments(before, after, { today }))).toEqual(['response-enum-value-added:warning']);
  });

  it('a path parameter rename keeps comparing the operation: a later change inside it is still seen', () => {
    const item = (name: string, max: number) => ({
      [`/v1/y/{${name}}`]: {
        get: {
          operationId: 'y_get',
          parameters: [{ name, in: 'path', required: true, schema: { type: 'string', maxLength: max } }],
          responses: { '200': { description: 'ok' } },
        },
      },
    });
    expect(summary(diff({ extraPaths: item('id', 10) }, { extraPaths: item('yId', 5) }))).toEqual([
      'request-max-length-tightened:breaking',
    ]);
  });

  it('rejects what is not an OpenAPI 3.0/3.1 document', () => {
    expect(() => compareDocuments({ swagger: '2.0' }, documentWith({}))).toThrow('base: expected an OpenAPI 3.0 or 3.1 document');
  });
});
