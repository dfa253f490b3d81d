/** JSON pointers (RFC 6901): escaping, parsing, and reading the node one names. */
import { isRecord } from './document.ts';

export function escapePointerToken(token: string): string {
  return token.replaceAll('~', '~0').replaceAll('/', '~1');
}

export function unescapePointerToken(token: string): string {
  return token.replaceAll('~1', '/').replaceAll('~0', '~');
}

/** `/a~1b/0` → `['a/b', '0']`; the empty pointer names the root. */
export function pointerTokens(pointer: string): string[] {
  return pointer === '' ? [] : pointer.split('/').slice(1).map(unescapePointerToken);
}

/** `('a/b', '0')` → `/a~1b/0`. */
export function pointerOf(...tokens: readonly string[]): string {
  return tokens.map((token) => `/${escapePointerToken(token)}`).join('');
}

/** The node `tokens` reach from `root` through objects and arrays, or undefined. */
export function nodeAtTokens(root: unknown, tokens: readonly string[]): unknown {
  let node = root;
  for (const token of tokens) {
    if (Array.isArray(node)) node = node[Number(token)];
    else if (isRecord(node)) node = node[token];
    else return undefined;
  }
  return node;
}

/** The node a JSON pointer names in `root`, or undefined. */
export function nodeAt(root: unknown, pointer: string): unknown {
  return nodeAtTokens(root, pointerTokens(pointer));
}
