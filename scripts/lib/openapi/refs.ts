/**
 * Local `$ref` resolution over a bundled document (a bundle holds `#/…` refs only), with errors
 * that name the ref rather than a stack.
 */
import { UserError } from '../errors.ts';
import { isRecord, type OpenApiDocument } from './document.ts';
import { nodeAtTokens, pointerOf, pointerTokens } from './pointer.ts';

/** Longer chains are taken for a cycle. */
const maxHops = 64;

/** The `$ref` of a node, when it is a reference. */
export function refOf(node: unknown): string | undefined {
  return isRecord(node) && typeof node.$ref === 'string' ? node.$ref : undefined;
}

/** The pointer tokens of a local ref (`#/a/b` → `['a', 'b']`); undefined for a ref into another file. */
export function localRefTokens(ref: string): string[] | undefined {
  return ref.startsWith('#') ? pointerTokens(ref.slice(1)) : undefined;
}

/** Follows `$ref` chains to the first node without one. */
export function follow(document: unknown, value: unknown): unknown {
  let current = value;
  for (let hops = 0; hops < maxHops; hops += 1) {
    const ref = refOf(current);
    if (ref === undefined) return current;
    const tokens = localRefTokens(ref);
    if (!tokens) throw new UserError(`$ref ${ref}: only refs inside the document can be followed (bundle it first)`);
    current = nodeAtTokens(document, tokens);
    if (current === undefined) throw new UserError(`$ref ${ref}: points at nothing in the document`);
  }
  throw new UserError(`$ref chain longer than ${maxHops} hops at ${JSON.stringify(value)}`);
}

/** Follows refs and returns a record ({} for anything else). */
export function followRecord(document: unknown, value: unknown): Record<string, unknown> {
  const target = follow(document, value);
  return isRecord(target) ? target : {};
}

/** Follows a local ref (the only kind a bundle holds) to its target, typed as the caller expects. */
export function resolveRef<T>(document: OpenApiDocument, value: T | { $ref: string }): T {
  return follow(document, value) as T;
}

/**
 * The pointer of the node that `tokens` reach from the document root, following every `$ref` met
 * on the way (a response or request body held in components is reached through its ref).
 */
export function canonicalPointer(document: OpenApiDocument, tokens: readonly string[]): string {
  let at: string[] = [];
  let node: unknown = document;
  const followRefs = () => {
    for (let hops = 0, ref = refOf(node); ref !== undefined && hops < maxHops; hops += 1, ref = refOf(node)) {
      at = localRefTokens(ref) ?? [];
      node = nodeAtTokens(document, at);
    }
  };
  for (const token of tokens) {
    followRefs();
    at.push(token);
    node = nodeAtTokens(node, [token]);
  }
  return pointerOf(...at);
}
