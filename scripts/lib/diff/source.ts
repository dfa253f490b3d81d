/**
 * From a change's JSON pointer to `file:line` in the hand-written sources. The pointer is logical
 * (it runs through `$ref`s as the comparison followed them), so the walk follows refs too — local
 * ones and ones into other files — and looks into `allOf`/`oneOf`/`anyOf` members for a name the
 * node itself lacks. YAML lines come from the `yaml` package's LineCounter; JSON files (which can
 * be large) from a scanner that skips what it does not need.
 */
import { posix } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { nodeAtTokens, refOf } from '../openapi.ts';
import { isRecord, pointerTokens } from './types.ts';

/** How to read the files of one side: from the working tree or from a commit. */
export interface SourceReader {
  /** The text of a file (paths as the reader names them, POSIX), or undefined when missing. */
  read(file: string): string | undefined;
  /** How the file is named in a report, e.g. `openapi/x/openapi.yaml` or `main:openapi/x/openapi.yaml`. */
  label(file: string): string;
}

export interface ParsedFile {
  readonly value: unknown;
  line(tokens: readonly string[]): number;
}

/** Line starts of a text, for offset → line by binary search. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function lineAt(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return low + 1;
}

const whitespace = new Set([' ', '\n', '\r', '\t']);

function skipSpace(text: string, i: number): number {
  while (i < text.length && whitespace.has(text[i]!)) i += 1;
  return i;
}

/** The index just past the string starting at `i` (a `"`). */
function skipString(text: string, i: number): number {
  for (let j = i + 1; j < text.length; j += 1) {
    const c = text[j];
    if (c === '\\') j += 1;
    else if (c === '"') return j + 1;
  }
  return text.length;
}

/** The index just past the value starting at `i`. */
function skipValue(text: string, i: number): number {
  const c = text[i];
  if (c === '"') return skipString(text, i);
  if (c === '{' || c === '[') {
    let depth = 0;
    for (let j = i; j < text.length; j += 1) {
      const d = text[j];
      if (d === '"') j = skipString(text, j) - 1;
      else if (d === '{' || d === '[') depth += 1;
      else if (d === '}' || d === ']') {
        depth -= 1;
        if (depth === 0) return j + 1;
      }
    }
    return text.length;
  }
  let j = i;
  while (j < text.length && !',}]'.includes(text[j]!) && !whitespace.has(text[j]!)) j += 1;
  return j;
}

/** Offset of the member (its key) or item the pointer names in JSON text; the deepest one found. */
export function jsonOffset(text: string, tokens: readonly string[]): number {
  let i = skipSpace(text, 0);
  let found = i;
  for (const token of tokens) {
    if (text[i] === '{') {
      i = skipSpace(text, i + 1);
      let matched = false;
      while (i < text.length && text[i] === '"') {
        const keyStart = i;
        const keyEnd = skipString(text, i);
        const raw = text.slice(i + 1, keyEnd - 1);
        const key = raw.includes('\\') ? (JSON.parse(text.slice(i, keyEnd)) as string) : raw;
        i = skipSpace(text, keyEnd);
        i = skipSpace(text, i + 1);
        if (key === token) {
          found = keyStart;
          matched = true;
          break;
        }
        i = skipSpace(text, skipValue(text, i));
        if (text[i] === ',') i = skipSpace(text, i + 1);
      }
      if (!matched) return found;
    } else if (text[i] === '[') {
      const index = Number(token);
      if (!Number.isInteger(index) || index < 0) return found;
      i = skipSpace(text, i + 1);
      for (let k = 0; k < index; k += 1) {
        if (text[i] === ']') return found;
        i = skipSpace(text, skipValue(text, i));
        if (text[i] !== ',') return found;
        i = skipSpace(text, i + 1);
      }
      if (text[i] === ']') return found;
      found = i;
    } else return found;
  }
  return found;
}

function parseJsonFile(text: string): ParsedFile {
  let starts: number[] | undefined;
  return {
    value: JSON.parse(text),
    line(tokens) {
      starts ??= lineStarts(text);
      return lineAt(starts, jsonOffset(text, tokens));
    },
  };
}

function yamlLine(document: Document, counter: LineCounter, tokens: readonly string[]): number {
  let node: unknown = document.contents;
  let offset = (document.contents as { range?: number[] } | null)?.range?.[0] ?? 0;
  for (const token of tokens) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === token);
      if (!pair) break;
      offset = (pair.key as { range?: number[] }).range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node)) {
      const item = node.items[Number(token)];
      if (item === undefined) break;
      offset = (item as { range?: number[] }).range?.[0] ?? offset;
      node = item;
    } else break;
  }
  return counter.linePos(offset).line;
}

function parseYamlFile(text: string): ParsedFile {
  const counter = new LineCounter();
  const document = parseDocument(text, { lineCounter: counter });
  if (document.errors.length > 0) throw document.errors[0]!;
  return { value: document.toJS({ maxAliasCount: -1 }), line: (tokens) => yamlLine(document, counter, tokens) };
}

/** Parses a source file once, for both its value and its lines (JSON by name or by its first character). */
export function parseSourceText(file: string, text: string): ParsedFile {
  return file.endsWith('.json') || /^\s*\{/.test(text) ? parseJsonFile(text) : parseYamlFile(text);
}

interface Cursor {
  readonly file: string;
  readonly node: unknown;
  readonly tokens: string[];
}

/** Maps logical pointers of one side to `file:line`. */
export class SourceMap {
  private readonly files = new Map<string, ParsedFile | null>();

  constructor(
    private readonly reader: SourceReader,
    private readonly root: string,
    /** The root as the caller already parsed it: each file is parsed once. */
    parsedRoot?: ParsedFile,
  ) {
    if (parsedRoot) this.files.set(root, parsedRoot);
  }

  private file(path: string): ParsedFile | undefined {
    if (!this.files.has(path)) {
      const text = this.reader.read(path);
      let parsed: ParsedFile | null = null;
      try {
        parsed = text === undefined ? null : parseSourceText(path, text);
      } catch {
        parsed = null;
      }
      this.files.set(path, parsed);
    }
    return this.files.get(path) ?? undefined;
  }

  private follow(cursor: Cursor): Cursor | undefined {
    const ref = refOf(cursor.node);
    if (ref === undefined) return undefined;
    const [filePart = '', fragment = ''] = ref.split('#', 2) as [string, string?];
    const file = filePart === '' ? cursor.file : posix.normalize(posix.join(posix.dirname(cursor.file), decodeURI(filePart)));
    const parsed = this.file(file);
    if (!parsed) return undefined;
    const tokens = pointerTokens(fragment);
    const node = nodeAtTokens(parsed.value, tokens);
    return node === undefined ? undefined : { file, node, tokens };
  }

  /**
   * Walks `tokens` from `cursor` as far as the sources go: a name is looked up in the node (after
   * following its refs), else in its `allOf`/`oneOf`/`anyOf` members; the member that leads
   * deepest wins, so a property merged from `allOf` is found in the member that declares it.
   */
  private walk(cursor: Cursor, tokens: readonly string[], index: number, budget: { steps: number }): { cursor: Cursor; depth: number } {
    let best = { cursor, depth: index };
    if (index === tokens.length || budget.steps <= 0) return best;
    budget.steps -= 1;
    const token = tokens[index]!;
    let current: Cursor | undefined = cursor;
    const visited: Cursor[] = [];
    for (let hops = 0; current && hops < 32; hops += 1) {
      visited.push(current);
      const node = current.node;
      if ((isRecord(node) || Array.isArray(node)) && Object.hasOwn(node, token)) {
        const child = { file: current.file, node: (node as Record<string, unknown>)[token], tokens: [...current.tokens, token] };
        const found = this.walk(child, tokens, index + 1, budget);
        if (found.depth > best.depth) best = found;
        if (best.depth === tokens.length) return best;
        break;
      }
      current = this.follow(current);
    }
    for (const at of visited) {
      if (!isRecord(at.node)) continue;
      for (const keyword of ['allOf', 'oneOf', 'anyOf']) {
        const members = at.node[keyword];
        if (!Array.isArray(members)) continue;
        for (const [position, member] of members.entries()) {
          const found = this.walk(
            { file: at.file, node: member, tokens: [...at.tokens, keyword, String(position)] },
            tokens,
            index,
            budget,
          );
          if (found.depth > best.depth) best = found;
          if (best.depth === tokens.length) return best;
        }
      }
    }
    return best;
  }

  private readonly lines = new Map<string, number>();

  /** `file:line` of the deepest place of `pointer` the sources hold. */
  locate(pointer: string): string | undefined {
    const root = this.file(this.root);
    if (!root) return undefined;
    const { cursor } = this.walk({ file: this.root, node: root.value, tokens: [] }, pointerTokens(pointer), 0, { steps: 10_000 });
    const parsed = this.file(cursor.file);
    if (!parsed) return undefined;
    // Many logical pointers (one per operation using a shared schema) end at the same place.
    const key = `${cursor.file}#${cursor.tokens.join('/')}`;
    let line = this.lines.get(key);
    if (line === undefined) {
      line = parsed.line(cursor.tokens);
      this.lines.set(key, line);
    }
    return `${this.reader.label(cursor.file)}:${line}`;
  }
}
