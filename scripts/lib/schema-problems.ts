/**
 * Where a schema the validator cannot compile sits: its JSON pointer and, when the root file holds
 * that node, file:line — so a spec problem (`nullable` without `type`, a boolean
 * `exclusiveMinimum` left over from OpenAPI 3.0) is reported once, as the spec's, not as a stack trace.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { isMap, isSeq, LineCounter, parseDocument, type Node } from 'yaml';

/** `file:line` of the node at `pointer` in `file` (YAML or JSON), else the file alone. */
export function locatePointer(file: string, pointer: string, root: string = process.cwd()): string {
  const name = relative(root, file) || file;
  try {
    const lineCounter = new LineCounter();
    const document = parseDocument(readFileSync(file, 'utf8'), { lineCounter, keepSourceTokens: false, uniqueKeys: false });
    let node: unknown = document.contents;
    // The line of the key that names the node (a mapping's value starts on the line after it).
    let at: Node | undefined;
    for (const raw of pointer.split('/').slice(1)) {
      const token = raw.replaceAll('~1', '/').replaceAll('~0', '~');
      if (isMap(node)) {
        const pair = node.items.find((item) => (item.key as { value?: unknown } | null)?.value === token);
        if (!pair) return name;
        at = pair.key as Node;
        node = pair.value;
      } else if (isSeq(node)) {
        node = node.get(Number(token), true);
        at = node as Node | undefined;
      } else return name;
    }
    const offset = at?.range?.[0];
    return offset === undefined ? name : `${name}:${lineCounter.linePos(offset).line}`;
  } catch {
    return name;
  }
}
