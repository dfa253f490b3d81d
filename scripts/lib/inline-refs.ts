/**
 * Refs Redocly's bundler leaves as written: a `$ref` where the OpenAPI types know no ref (inside
 * an `x-` extension, such as `x-topics: [{content: {$ref: ./docs/intro.md}}]`) stays relative,
 * and a bundle moved elsewhere (dist/, Prism, the docs) no longer finds its file. Each such ref
 * is read through the API's confined resolver and inlined: a Markdown or text file as its text, a
 * YAML or JSON file as its parsed value. Refs are taken relative to the root file (the bundle no
 * longer knows which file a node came from).
 */
import { ResolveError } from '@redocly/openapi-core';
import { UserError } from './errors.ts';
import type { ConfinedResolver } from './spec-resolver.ts';

function isLocalFileRef(node: unknown): node is { $ref: string } {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return false;
  const ref = (node as { $ref?: unknown }).$ref;
  return typeof ref === 'string' && !ref.startsWith('#') && Object.keys(node).length === 1;
}

/** Replaces, in place, every ref to another file left in `document`; returns how many it inlined. */
export async function inlineFileRefs(document: object, rootFile: string, resolver: ConfinedResolver): Promise<number> {
  let inlined = 0;
  const visit = async (node: unknown, depth: number): Promise<unknown> => {
    if (isLocalFileRef(node)) {
      const [file, pointer] = node.$ref.split('#');
      if (pointer)
        throw new UserError(`${rootFile}: $ref "${node.$ref}": a ref the bundler left (inside an x- extension) may name a whole file only`);
      const resolved = await resolver.resolveDocument(rootFile, file!, false).catch((error: unknown) => error as Error);
      if (resolved instanceof ResolveError || resolved instanceof Error) {
        throw new UserError(`${rootFile}: $ref "${node.$ref}": ${(resolved as Error).message}`);
      }
      inlined++;
      return resolved.parsed;
    }
    if (typeof node !== 'object' || node === null || depth > 200) return node;
    for (const [key, value] of Object.entries(node)) {
      const replaced = await visit(value, depth + 1);
      if (replaced !== value) (node as Record<string, unknown>)[key] = replaced;
    }
    return node;
  };
  await visit(document, 0);
  return inlined;
}
