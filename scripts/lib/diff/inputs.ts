/**
 * Loads one side of a comparison — a file in the working tree or a file at a git ref — as a
 * document plus a map back to its sources. A file without refs to other files is parsed as it is
 * (a large single-file description never meets the bundler); one with such refs is bundled.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix, relative, resolve, sep } from 'node:path';
import { bundleSpec } from '../bundle.ts';
import { UserError } from '../errors.ts';
import { extractAt, readAt, repositoryPath, repositoryRoot, resolveCommit } from './git.ts';
import { parseSourceText, SourceMap, type ParsedFile, type SourceReader } from './source.ts';
import { isRecord } from './types.ts';

export interface LoadedSpec {
  /** How the input is named in messages: a path, or `<ref>:<path>`. */
  readonly name: string;
  readonly document: unknown;
  readonly sources: SourceMap;
}

function parseText(name: string, text: string): ParsedFile {
  try {
    return parseSourceText(name, text);
  } catch (error) {
    const json = name.endsWith('.json') || /^\s*\{/.test(text);
    throw new UserError(`${name}: not valid ${json ? 'JSON' : 'YAML'}: ${(error as Error).message.split('\n')[0]}`);
  }
}

/** Whether any `$ref` points outside the document. */
export function hasExternalRefs(value: unknown): boolean {
  const stack = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) stack.push(...node);
    else if (isRecord(node)) {
      for (const [key, child] of Object.entries(node)) {
        if (key === '$ref' && typeof child === 'string' && !child.startsWith('#')) return true;
        if (typeof child === 'object' && child !== null) stack.push(child);
      }
    }
  }
  return false;
}

function checkOpenApi(name: string, document: unknown): void {
  if (!isRecord(document) || typeof document.openapi !== 'string' || !/^3\.[01]\.\d+/.test(document.openapi)) {
    const found =
      isRecord(document) && 'swagger' in document
        ? 'a Swagger 2.0 document'
        : isRecord(document)
          ? `openapi: ${JSON.stringify(document.openapi)}`
          : 'no mapping at the top';
    throw new UserError(`${name}: expected an OpenAPI 3.0 or 3.1 description ("openapi: 3.0.x" or "3.1.x"), found ${found}`);
  }
}

/** A spec file in the working tree; `labelRoot` makes the reported file names relative. */
export async function loadFile(file: string, labelRoot = process.cwd()): Promise<LoadedSpec> {
  const absolute = resolve(file);
  const name = relative(labelRoot, absolute).split(sep).join('/') || absolute;
  if (!existsSync(absolute) || !statSync(absolute).isFile()) throw new UserError(`${name}: no such file`);
  const parsed = parseText(name, readFileSync(absolute, 'utf8'));
  const value = parsed.value;
  checkOpenApi(name, value);
  const reader: SourceReader = {
    read: (path) => (existsSync(path) ? readFileSync(path, 'utf8') : undefined),
    label: (path) => relative(labelRoot, path).split(sep).join('/'),
  };
  const external = hasExternalRefs(value);
  const document = external ? await bundleSpec(absolute) : value;
  return { name, document, sources: new SourceMap(reader, absolute.split(sep).join('/'), parsed) };
}

/** A spec file as it is at a commit; `ref` is how the user named the commit. */
export async function loadAt(repo: string, ref: string, commit: string, path: string): Promise<LoadedSpec> {
  const name = `${ref}:${path}`;
  const text = readAt(repo, commit, path);
  if (text === undefined) throw new UserError(`${name}: no such file at ${ref}`);
  const parsed = parseText(name, text);
  const value = parsed.value;
  checkOpenApi(name, value);
  const reader: SourceReader = { read: (file) => readAt(repo, commit, file), label: (file) => `${ref}:${file}` };
  let document = value;
  if (hasExternalRefs(value)) {
    const scratch = mkdtempSync(join(tmpdir(), 'checkout-apis-diff-'));
    try {
      extractAt(repo, commit, posix.dirname(path), scratch);
      document = await bundleSpec(join(scratch, ...path.split('/')));
    } catch (error) {
      if (error instanceof UserError)
        throw new UserError(`${name}: ${error.message.replaceAll(`${scratch}${sep}`, '').replaceAll(scratch, '')}`);
      throw error;
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }
  return { name, document, sources: new SourceMap(reader, path, parsed) };
}

/**
 * A command-line spec argument: an existing file, else `<git-ref>:<path>` (path from the
 * repository's top, or `./path` from the current folder, as git reads it).
 */
export async function loadArgument(argument: string, cwd = process.cwd()): Promise<LoadedSpec> {
  if (existsSync(resolve(cwd, argument))) return loadFile(resolve(cwd, argument), cwd);
  const colon = argument.indexOf(':');
  if (colon <= 0) throw new UserError(`${argument}: no such file (expected a spec file or <git-ref>:<path>)`);
  const ref = argument.slice(0, colon);
  let path = argument.slice(colon + 1);
  const repo = repositoryRoot(cwd);
  const commit = resolveCommit(repo, ref);
  if (!commit) throw new UserError(`${argument}: ${ref} is not a commit, branch or tag of this repository`);
  if (path.startsWith('./') || path.startsWith('../')) path = posix.normalize(posix.join(repositoryPath(repo, cwd), path));
  return loadAt(repo, ref, commit, path);
}
