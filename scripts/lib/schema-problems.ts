/**
 * Where a schema the validator cannot compile is written: from its JSON pointer in the bundle to
 * `file:line` in the hand-written source files — so a spec problem (`nullable` without `type`, a
 * boolean `exclusiveMinimum` left over from OpenAPI 3.0) is reported once, as the spec's, not as
 * a stack trace. The walk starts at the root file and follows `$ref`s into other files; a
 * component the bundler made from another file (`#/components/schemas/Station` for
 * `./schemas/Station.yaml`) is found by the name the bundler gives it.
 */
import { readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, relative, resolve } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { pointerTokens } from './openapi.ts';

interface SourceFile {
  readonly contents: unknown;
  readonly lineCounter: LineCounter;
}

/** Parsed files by path and modification time: a large description is parsed once per run, not once per problem. */
const parsed = new Map<string, { readonly mtimeMs: number; readonly source: SourceFile | undefined }>();

function sourceOf(file: string): SourceFile | undefined {
  let mtimeMs: number;
  try {
    mtimeMs = statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
  const cached = parsed.get(file);
  if (cached?.mtimeMs === mtimeMs) return cached.source;
  let source: SourceFile | undefined;
  try {
    const lineCounter = new LineCounter();
    const document = parseDocument(readFileSync(file, 'utf8'), { lineCounter, keepSourceTokens: false, uniqueKeys: false });
    source = { contents: document.contents, lineCounter };
  } catch {
    source = undefined;
  }
  parsed.set(file, { mtimeMs, source });
  return source;
}

/** A node of a source file, and the key node that names it (for its line). */
interface Place {
  readonly file: string;
  readonly node: unknown;
  readonly key?: Node;
}

function childOf(node: unknown, token: string): { node: unknown; key: Node | undefined } | undefined {
  if (isMap(node)) {
    const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === token);
    return pair ? { node: pair.value, key: pair.key as Node } : undefined;
  }
  if (isSeq(node)) {
    const item = node.items[Number(token)];
    return item === undefined ? undefined : { node: item, key: item as Node };
  }
  return undefined;
}

function refIn(node: unknown): string | undefined {
  if (!isMap(node)) return undefined;
  const ref = node.items.find((item) => isScalar(item.key) && item.key.value === '$ref')?.value;
  return isScalar(ref) && typeof ref.value === 'string' ? ref.value : undefined;
}

/** Where `ref`, written in `file`, leads: a file and a pointer in it (refs are already confined by the bundler). */
function refTarget(file: string, ref: string): { file: string; pointer: string } {
  const hash = ref.indexOf('#');
  const path = hash === -1 ? ref : ref.slice(0, hash);
  return { file: path === '' ? file : resolve(dirname(file), decodeURI(path)), pointer: hash === -1 ? '' : ref.slice(hash + 1) };
}

function placeAt(file: string, pointer: string): Place | undefined {
  let place: Place | undefined = { file, node: sourceOf(file)?.contents };
  for (const token of pointerTokens(pointer)) {
    place = place && step(place, token);
    if (!place) return undefined;
  }
  return place;
}

/** Follows the refs of `place` (local or into other files) to the node they name. */
function followRefs(place: Place): Place | undefined {
  let at: Place | undefined = place;
  for (let hops = 0; at && hops < 64; hops += 1) {
    const ref = refIn(at.node);
    if (ref === undefined) return at;
    const target = refTarget(at.file, ref);
    at = placeAt(target.file, target.pointer);
  }
  return at;
}

function step(place: Place, token: string): Place | undefined {
  const from = followRefs(place);
  const child = from && childOf(from.node, token);
  return child && { file: from.file, node: child.node, key: child.key };
}

/**
 * The bundler names a component it makes from another file after the ref's last pointer token,
 * else the file's name (`./schemas/Station.yaml` → `Station`), adding `-2`, `-3` … when two
 * different targets share a name. Every ref into another file, in document order, by that name.
 */
function externalComponents(rootFile: string): Map<string, Array<{ file: string; pointer: string }>> {
  const byName = new Map<string, Array<{ file: string; pointer: string }>>();
  const visited = new Set<string>();
  const visit = (file: string, node: unknown): void => {
    if (isMap(node)) {
      const ref = refIn(node);
      if (ref !== undefined && !ref.startsWith('#')) {
        const target = refTarget(file, ref);
        const id = `${target.file}#${target.pointer}`;
        if (!visited.has(id)) {
          visited.add(id);
          const tokens = pointerTokens(target.pointer);
          const name = tokens.at(-1) ?? basename(target.file, extname(target.file));
          byName.set(name, [...(byName.get(name) ?? []), target]);
          const reached = placeAt(target.file, target.pointer);
          if (reached) visit(target.file, reached.node);
        }
      }
      for (const item of node.items) visit(file, item.value);
    } else if (isSeq(node)) for (const item of node.items) visit(file, item);
  };
  visit(rootFile, sourceOf(rootFile)?.contents);
  return byName;
}

/** The source place of a component the bundler added, from its name (`Station`, `Station-2`). */
function bundledComponent(rootFile: string, name: string): Place | undefined {
  const components = externalComponents(rootFile);
  const serial = /^(.*)-(\d+)$/.exec(name);
  const target = components.get(name)?.[0] ?? (serial ? components.get(serial[1]!)?.[Number(serial[2]) - 1] : undefined);
  return target && placeAt(target.file, target.pointer);
}

function lineOf(place: Place): number | undefined {
  const offset = place.key?.range?.[0] ?? (place.node as Node | undefined)?.range?.[0];
  const lineCounter = sourceOf(place.file)?.lineCounter;
  return offset === undefined || !lineCounter ? undefined : lineCounter.linePos(offset).line;
}

/**
 * `file:line` of the node at `pointer` — a pointer into the bundle of the description whose root
 * file is `file` — in the source file that holds it (a node that is a `$ref` is where it leads);
 * else the file the walk got to, alone.
 */
export function locatePointer(file: string, pointer: string, root: string = process.cwd()): string {
  const name = (path: string) => relative(root, path) || path;
  try {
    const tokens = pointerTokens(pointer);
    let place: Place = { file, node: sourceOf(file)?.contents };
    for (let index = 0; index < tokens.length; index += 1) {
      let next = step(place, tokens[index]!);
      // `/components/<kind>/<name>` the root file does not hold: a component the bundler made.
      if (!next && tokens[0] === 'components' && index <= 2 && tokens.length > 2) {
        next = bundledComponent(file, tokens[2]!);
        index = 2;
      }
      if (!next) return name(place.file);
      place = next;
    }
    const target = followRefs(place) ?? place;
    const line = lineOf(target);
    return line === undefined ? name(target.file) : `${name(target.file)}:${line}`;
  } catch {
    return name(file);
  }
}
