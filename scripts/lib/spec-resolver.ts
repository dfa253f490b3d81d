/**
 * Which files a spec may pull in, and the Redocly resolver that enforces it.
 *
 * A `$ref` resolves only to a file inside the API's own folder (the root file's folder), judged
 * after real-path resolution so a symlink cannot lead out; hidden files and folders (`.git/`,
 * `.env`) are never read; remote refs (any URL scheme) are refused before anything is fetched,
 * so a host that never answers cannot hang a build. Otherwise `$ref: /etc/passwd` would be
 * inlined into dist/, generated/ and the docs.
 */
import { realpathSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { BaseResolver, ResolveError, Source, isSupportedExtension, type Document } from '@redocly/openapi-core';
import { checkSpecSize, checkSpecText, specFileLimits } from './spec-yaml.ts';

/** `http:`, `https:`, `file:`, `data:` … — anything with a scheme is remote for us. */
const schemePattern = /^[a-z][a-z0-9+.-]*:/i;

/** The real path of `path`, or of its nearest existing ancestor joined with the rest. */
function realPathOf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    const parent = dirname(path);
    return parent === path ? path : resolve(realPathOf(parent), relative(parent, path));
  }
}

/** Why `ref`, written in `fromFile` (absent for the root), may not be read; undefined when it may. */
export function refRefusal(folder: string, fromFile: string | null, ref: string): string | undefined {
  const where = fromFile === null ? `root file ${ref}` : `$ref "${ref}" in ${fromFile}`;
  if (schemePattern.test(ref) && !/^[a-z]:[\\/]/i.test(ref)) {
    return `${where}: remote refs are refused; copy the file into the API's folder and refer to it by a relative path`;
  }
  if (fromFile !== null && schemePattern.test(fromFile)) return `${where}: refs inside a remote document are refused`;
  const target = resolve(fromFile === null ? process.cwd() : dirname(fromFile), ref);
  const inside = relative(folder, realPathOf(target));
  if (inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) {
    return `${where}: resolves outside the API's folder ${folder}; a spec may only refer to files inside its own folder`;
  }
  if (inside.split(sep).some((segment) => segment.startsWith('.'))) {
    return `${where}: refers to a hidden file or folder (${inside}); those are never read`;
  }
  return undefined;
}

/**
 * Redocly's resolver (its public `BaseResolver`), confined to one API's folder and to bounded
 * files: every document Redocly loads — root, `$ref`, discriminator mapping, `externalValue` —
 * comes through `resolveDocument` and `loadExternalRef`.
 */
export class ConfinedResolver extends BaseResolver {
  /** Every refusal, in the order met, for callers that report them apart from other problems. */
  readonly refusals: string[] = [];
  /** Bytes read so far, against specFileLimits.maxTotalBytes. */
  private bytesRead = 0;

  constructor(readonly folder: string) {
    super({ http: { headers: [] } });
    this.folder = realPathOf(folder);
  }

  /** A resolver for the API whose root file is `rootFile`. */
  static forRoot(rootFile: string): ConfinedResolver {
    return new ConfinedResolver(dirname(resolve(rootFile)));
  }

  override resolveDocument<T = unknown>(base: string | null, ref: string, isRoot = false): Promise<Document<T> | ResolveError> {
    const refusal = refRefusal(this.folder, base, ref);
    if (refusal !== undefined) {
      this.refusals.push(refusal);
      return Promise.reject(new ResolveError(new Error(refusal)));
    }
    return super.resolveDocument<T>(base, ref, isRoot) as Promise<Document<T> | ResolveError>;
  }

  override async loadExternalRef(absoluteRef: string): Promise<Source> {
    try {
      // Read through the real path that refRefusal judged, and only regular files (a FIFO or a
      // device would block or never end).
      let real: string;
      try {
        real = realpathSync(absoluteRef);
      } catch {
        throw new Error(`no such file: ${absoluteRef}`);
      }
      const stats = statSync(real);
      if (!stats.isFile()) throw new Error(`${absoluteRef}: not a regular file`);
      checkSpecSize(absoluteRef, stats.size);
      this.bytesRead += stats.size;
      if (this.bytesRead > specFileLimits.maxTotalBytes) {
        throw new Error(`${absoluteRef}: the description's files add up to more than ${specFileLimits.maxTotalBytes / 1024 / 1024} MiB`);
      }
      const text = await readFile(real, 'utf8');
      return new Source(absoluteRef, text.replace(/\r\n/g, '\n'));
    } catch (error) {
      throw error instanceof ResolveError ? error : new ResolveError(error as Error);
    }
  }

  override parseDocument(source: Source, isRoot = false): Document {
    // Redocly parses the root and any .yaml/.yml/.json file; other files stay plain text.
    if (isRoot || isSupportedExtension(source.absoluteRef)) {
      try {
        checkSpecText(source.absoluteRef, source.body);
      } catch (error) {
        this.refusals.push((error as Error).message);
        throw new ResolveError(error as Error);
      }
    }
    return super.parseDocument(source, isRoot);
  }
}
