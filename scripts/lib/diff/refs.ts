/** Local `$ref` resolution over a parsed document, with errors that name the ref, not a stack. */
import { UserError } from '../errors.ts';
import { isRecord, pointerTokens } from './types.ts';

/** The node a JSON pointer names, or undefined. */
export function nodeAt(document: unknown, pointer: string): unknown {
  let node = document;
  for (const token of pointerTokens(pointer)) {
    if (Array.isArray(node)) node = node[Number(token)];
    else if (isRecord(node)) node = node[token];
    else return undefined;
  }
  return node;
}

/** Follows `$ref` chains (`#/…` only, as a bundle holds) to the first node without one. */
export function follow(document: unknown, value: unknown): unknown {
  let current = value;
  for (let hops = 0; hops < 64; hops += 1) {
    if (!isRecord(current) || typeof current.$ref !== 'string') return current;
    const ref = current.$ref;
    if (!ref.startsWith('#')) throw new UserError(`$ref ${ref}: only refs inside the document can be compared (bundle it first)`);
    const target = nodeAt(document, ref.slice(1));
    if (target === undefined) throw new UserError(`$ref ${ref}: points at nothing in the document`);
    current = target;
  }
  throw new UserError(`$ref chain longer than 64 hops at ${JSON.stringify(value)}`);
}

/** Follows refs and returns a record ({} for anything else). */
export function followRecord(document: unknown, value: unknown): Record<string, unknown> {
  const target = follow(document, value);
  return isRecord(target) ? target : {};
}
