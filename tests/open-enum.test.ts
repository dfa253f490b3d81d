/** Open sets (`anyOf` of known strings and any string) keep their known values in the generated types. */
import { astToString } from 'openapi-typescript';
import type ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { openEnumType } from '../scripts/codegen/open-enum.ts';

const printed = (node: ts.TypeNode | undefined) => (node ? astToString(node).trim() : undefined);
const open = (extra: Array<Record<string, unknown>> = []) => ({
  description: 'A code.',
  anyOf: [{ type: 'string', enum: ['A', 'B'], description: 'Known.' }, { type: 'string', description: 'Any other.' }, ...extra],
});

describe('open enum types', () => {
  it('lists the known values beside a string that does not swallow them', () => {
    expect(printed(openEnumType(open()))).toBe('"A" | "B" | (string & {})');
    expect(printed(openEnumType(open([{ type: 'null' }])))).toBe('"A" | "B" | (string & {}) | null');
  });

  it('leaves every other schema to openapi-typescript', () => {
    expect(openEnumType({ type: 'string', enum: ['A'] })).toBeUndefined();
    expect(
      openEnumType({
        anyOf: [
          { type: 'string', enum: ['A'] },
          { type: 'string', format: 'uuid' },
        ],
      }),
    ).toBeUndefined();
    expect(openEnumType({ anyOf: [{ type: 'string', enum: ['A'] }, { type: 'integer' }] })).toBeUndefined();
    expect(openEnumType({ oneOf: [{ type: 'string' }, { type: 'null' }] })).toBeUndefined();
  });
});
