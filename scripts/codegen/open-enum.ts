/**
 * Types for the specs' open sets: `anyOf: [{ type: string, enum: [known…] }, { type: string }]`
 * (optionally with `{ type: 'null' }`). openapi-typescript would print `"a" | "b" | string`, which
 * TypeScript collapses to `string`, losing the known values in editors; `"a" | "b" | (string & {})`
 * keeps them offered while any string still type-checks.
 */
import { NULL, STRING, tsIntersection, tsLiteral, tsUnion } from 'openapi-typescript';
import ts from 'typescript';

type Schema = Record<string, unknown>;

const isPlainString = (branch: Schema): boolean =>
  branch.type === 'string' && Object.keys(branch).every((key) => key === 'type' || key === 'description');
const isKnownStrings = (branch: Schema): boolean =>
  branch.type === 'string' && Array.isArray(branch.enum) && branch.enum.every((value) => typeof value === 'string');

/** The TypeScript type of an open set, or undefined for any other schema (openapi-typescript's own rendering). */
export function openEnumType(schema: Schema): ts.TypeNode | undefined {
  const branches = schema.anyOf;
  if (!Array.isArray(branches) || 'type' in schema || 'enum' in schema) return undefined;
  const known = (branches as Schema[]).filter(isKnownStrings);
  const open = (branches as Schema[]).filter(isPlainString);
  const nulls = (branches as Schema[]).filter((branch) => branch.type === 'null');
  if (known.length !== 1 || open.length !== 1 || known.length + open.length + nulls.length !== branches.length) return undefined;
  const anyString = tsIntersection([STRING, ts.factory.createTypeLiteralNode([])]);
  return tsUnion([...(known[0]!.enum as string[]).map((value) => tsLiteral(value)), anyString, ...(nulls.length > 0 ? [NULL] : [])]);
}
