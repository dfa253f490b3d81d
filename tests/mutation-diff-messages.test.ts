/**
 * What each change says: the one line a reviewer reads in every report format (the rule id and
 * level say what kind of change it is; the message says which value, property or bound moved, and
 * how). Pinned for every document and schema case of the rule tables, in a snapshot file reviewed
 * when written: a message that loses its value, its name or its arrow fails here.
 */
import { describe, expect, it } from 'vitest';
import type { Change } from '../scripts/lib/diff/index.ts';
import { documentCases } from './diff/document-cases.ts';
import { diff } from './diff/helpers.ts';
import { schemaCases } from './diff/schema-cases.ts';

const said = (changes: readonly Change[]) => changes.map((change) => `${change.id}: ${change.message}`).sort();

describe('what each change says', () => {
  it.each(documentCases.map((rule) => [rule.name, rule] as const))('%s', (_name, rule) => {
    expect(said(diff(rule.before, rule.after))).toMatchSnapshot();
  });

  it.each(schemaCases.map((rule) => [rule.name, rule] as const))('%s, in a request and a response body', (_name, rule) => {
    const before = { schemas: rule.schemas };
    const after = { schemas: rule.headSchemas ?? rule.schemas };
    expect({
      request: said(diff({ ...before, request: rule.before }, { ...after, request: rule.after })),
      response: said(diff({ ...before, response: rule.before }, { ...after, response: rule.after })),
    }).toMatchSnapshot();
  });
});
