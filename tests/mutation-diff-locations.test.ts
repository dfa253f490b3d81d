/**
 * Where each change is reported: for every document and schema case of the rule tests, each
 * change's rule, level, operation, side and JSON pointer — what a reviewer follows from the report
 * to the place in the spec (the report turns the pointer into file:line). Pinned in a snapshot
 * file, reviewed when written; a moved or missing location fails here. Messages are not pinned.
 */
import { describe, expect, it } from 'vitest';
import type { Change } from '../scripts/lib/diff/index.ts';
import { documentCases } from './diff/document-cases.ts';
import { diff } from './diff/helpers.ts';
import { schemaCases } from './diff/schema-cases.ts';

const located = (changes: readonly Change[]) =>
  changes
    .map(
      (change) =>
        `${change.id} ${change.level} ${change.location.side} ${change.location.operation ?? '(whole API)'} ${change.location.pointer || '/'}`,
    )
    .sort();

describe('where each change is reported', () => {
  it.each(documentCases.map((rule) => [rule.name, rule] as const))('%s', (_name, rule) => {
    expect(located(diff(rule.before, rule.after))).toMatchSnapshot();
  });

  it.each(schemaCases.map((rule) => [rule.name, rule] as const))('%s, in a request and a response body', (_name, rule) => {
    const before = { schemas: rule.schemas };
    const after = { schemas: rule.headSchemas ?? rule.schemas };
    expect({
      request: located(diff({ ...before, request: rule.before }, { ...after, request: rule.after })),
      response: located(diff({ ...before, response: rule.before }, { ...after, response: rule.after })),
    }).toMatchSnapshot();
  });
});
