/**
 * The breaking-change checker behind `npm run diff`.
 *
 * Why our own and not a library (checked on the npm registry): `oasdiff` and
 * `@pb33f/openapi-changes` are Go programs whose npm wrappers download a binary at install time;
 * `openapi-diff` stops at OpenAPI 3.0; `@useoptic/openapi-utilities` belongs to an archived CLI.
 * The checker is built like oasdiff's `checker/`: a registry of rules (`rules.ts`), each an id, a
 * level and one small check (`schema.ts` for schemas, `document.ts` for operations, security and
 * servers), findings as data (`types.ts`), rendered by `report.ts`.
 *
 * Modules: `inputs.ts` (files and git refs in), `source.ts` (pointer → file:line), `equal.ts`
 * (unchanged subtrees skipped), `version.ts` (the gate), `config.ts` (level overrides), `git.ts`
 * (base commit and files at it). Pointers, `$ref`s and `allOf` merging are the document model's
 * (`../openapi/`).
 */
import { UserError } from '../errors.ts';
import { compareDocuments, type CompareOptions } from './document.ts';
import { existsAt, repositoryPath, repositoryRoot, resolveBase, type BaseRef } from './git.ts';
import { loadAt, loadFile, type LoadedSpec } from './inputs.ts';
import type { ApiDiff, Change } from './types.ts';
import { gate, isFatal } from './version.ts';

export { compareDocuments } from './document.ts';
export { loadOverrides, overridesFrom } from './config.ts';
export { loadArgument, loadFile } from './inputs.ts';
export { gate, isFatal, parseSemver } from './version.ts';
export {
  formats,
  render,
  renderChangelog,
  renderJson,
  renderMarkdown,
  renderRules,
  renderRulesMarkdown,
  renderText,
  type Format,
  type Report,
} from './report.ts';
export { levelOf, ruleById, rules } from './rules.ts';
export { NoBaseError, resolveBase, type BaseRef } from './git.ts';
export type { ApiDiff, Change, Direction, Level, LevelOverrides, Verdict } from './types.ts';

/** At most this many changes get a `file:line` (each costs a walk through the sources). */
const sourceLookups = 2000;

function version(document: unknown): string {
  const info = (document as { info?: { version?: unknown } }).info;
  return String(info?.version ?? '');
}

/** Compares two loaded specs and fills in where each change sits in the sources. */
export function compareLoaded(base: LoadedSpec, head: LoadedSpec, options: CompareOptions = {}): Change[] {
  const changes = compareDocuments(base.document, head.document, options);
  return changes.map((change, index) => {
    if (index >= sourceLookups) return change;
    const sources = change.location.side === 'base' ? base.sources : head.sources;
    const source = sources.locate(change.location.pointer);
    return source ? { ...change, location: { ...change.location, source } } : change;
  });
}

export interface FilesOptions extends CompareOptions {
  readonly failOnWarning?: boolean;
}

/** Two specs, no version gate: the result is ok when nothing is breaking (or a warning, with the flag). */
export function diffSpecs(base: LoadedSpec, head: LoadedSpec, options: FilesOptions = {}): ApiDiff {
  const changes = compareLoaded(base, head, options);
  const fatal = changes.filter((change) => isFatal(change, options.failOnWarning)).length;
  const headVersion = version(head.document);
  return {
    api: head.name,
    status: 'compared',
    baseVersion: version(base.document),
    headVersion,
    changes,
    verdict: {
      ok: fatal === 0,
      needed: fatal > 0 ? 'major' : changes.length > 0 ? 'minor or patch' : 'none',
      message:
        fatal === 0
          ? `${head.name}: nothing breaking (${changes.length} change(s))`
          : `${head.name}: ${fatal} ${options.failOnWarning ? 'breaking change(s) or warning(s)' : 'breaking change(s)'}`,
    },
  };
}

/** One API to check: its name and the absolute path of its root file in the working tree. */
export interface ApiSource {
  readonly name: string;
  readonly root: string;
}

/** Compares one API's working tree with the base commit and judges its version. */
export async function diffApi(repo: string, base: BaseRef, api: ApiSource, options: FilesOptions = {}): Promise<ApiDiff> {
  const path = repositoryPath(repo, api.root);
  if (path.startsWith('..')) throw new UserError(`${api.name}: ${api.root} is outside the repository`);
  const head = await loadFile(api.root, repo);
  const headVersion = version(head.document);
  if (!existsAt(repo, base.commit, path)) {
    return {
      api: api.name,
      status: 'new',
      baseVersion: undefined,
      headVersion,
      changes: [],
      verdict: gate(api.name, undefined, headVersion, []),
    };
  }
  // Source lines at the base read `<ref>:<path>:<line>`; a computed base is named by its commit.
  const before = await loadAt(repo, base.label.includes(' ') ? base.commit.slice(0, 12) : base.label, base.commit, path);
  const baseVersion = version(before.document);
  const changes = compareLoaded(before, head, options);
  return {
    api: api.name,
    status: 'compared',
    baseVersion,
    headVersion,
    changes,
    verdict: gate(api.name, baseVersion, headVersion, changes, options.failOnWarning),
  };
}

export interface DiffOptions extends FilesOptions {
  /** Any folder inside the repository. */
  readonly cwd: string;
  readonly apis: readonly ApiSource[];
  /** A git ref; default: the merge-base of HEAD and main, else HEAD. */
  readonly base?: string;
}

export async function diffApis(options: DiffOptions): Promise<{ base: BaseRef; results: ApiDiff[] }> {
  const repo = repositoryRoot(options.cwd);
  const base = resolveBase(repo, options.base);
  const results: ApiDiff[] = [];
  for (const api of options.apis) results.push(await diffApi(repo, base, api, options));
  return { base, results };
}
