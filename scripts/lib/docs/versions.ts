/**
 * The released versions of an API, read from git: every distinct `info.version` its root file has
 * held in the history of HEAD, oldest first, each with the newest commit that held it. The working
 * tree counts as the newest state: it refreshes its own version's content, or adds its version as
 * not yet released.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix, relative, sep } from 'node:path';
import { parse } from 'yaml';
import { bundleSpec } from '../bundle.ts';
import { UserError } from '../errors.ts';
import type { OpenApiDocument } from '../openapi.ts';
import type { ApiEntry } from '../registry.ts';
import { extractFolderAt } from './diff-adapter.ts';

export interface Release {
  readonly version: string;
  /** The newest commit holding this version; undefined when the page comes from the working tree. */
  readonly commit: string | undefined;
  /** False for a version only the working tree has. */
  readonly released: boolean;
  readonly document: OpenApiDocument;
}

function git(repo: string, args: readonly string[]): string {
  const result = spawnSync('git', ['-C', repo, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (result.error) throw new UserError(`cannot run git: ${result.error.message}`);
  if (result.status !== 0) throw new UserError(`git ${args.join(' ')}: ${result.stderr.trim()}`);
  return result.stdout;
}

/** The repository's top folder, or undefined outside a repository (then only the working tree counts). */
export function repositoryOf(dir: string): string | undefined {
  const result = spawnSync('git', ['-C', dir, 'rev-parse', '--show-toplevel'], { encoding: 'utf8' });
  return result.status === 0 ? realpathSync(result.stdout.trim()) : undefined;
}

function versionOf(document: unknown): string | undefined {
  const version = (document as { info?: { version?: unknown } } | null)?.info?.version;
  return typeof version === 'string' || typeof version === 'number' ? String(version) : undefined;
}

/** Commit → info.version of the root file, newest commit first, for commits that touch the API's folder. */
function versionHistory(repo: string, rootPath: string): Array<{ commit: string; version: string }> {
  const commits = git(repo, ['log', '--format=%H', 'HEAD', '--', posix.dirname(rootPath)])
    .split('\n')
    .filter(Boolean);
  const history: Array<{ commit: string; version: string }> = [];
  for (const commit of commits) {
    const shown = spawnSync('git', ['-C', repo, 'show', `${commit}:${rootPath}`], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (shown.status !== 0) continue; // the root file did not exist yet, or was elsewhere
    let version: string | undefined;
    try {
      version = versionOf(parse(shown.stdout));
    } catch {
      version = undefined; // an unparsable historic file names no release
    }
    if (version !== undefined) history.push({ commit, version });
  }
  return history;
}

async function bundleAtCommit(repo: string, commit: string, rootPath: string): Promise<OpenApiDocument> {
  const scratch = mkdtempSync(join(tmpdir(), 'checkout-apis-docs-'));
  try {
    extractFolderAt(repo, commit, posix.dirname(rootPath), scratch);
    return await bundleSpec(join(scratch, ...rootPath.split('/')));
  } catch (error) {
    if (error instanceof UserError) throw new UserError(`at ${commit.slice(0, 12)}: ${error.message.replaceAll(scratch, '')}`);
    throw error;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** The working tree as the one version there is, when no history is read. */
export function workingTreeOnly(current: OpenApiDocument): Release[] {
  return [{ version: versionOf(current) ?? '', commit: undefined, released: false, document: current }];
}

/**
 * The versions of `api`, oldest first. `current` is the working tree's bundle; `repo` the
 * repository to read history from (none: the working tree is the only, unreleased, version).
 */
export async function releasesOf(api: ApiEntry, current: OpenApiDocument, repo: string | undefined): Promise<Release[]> {
  const currentVersion = versionOf(current) ?? '';
  if (repo === undefined) return workingTreeOnly(current);
  const rootPath = relative(repo, realpathSync(api.root)).split(sep).join('/');
  const newestFirst = versionHistory(repo, rootPath);
  const newestCommitOf = new Map<string, string>();
  for (const { commit, version } of newestFirst) if (!newestCommitOf.has(version)) newestCommitOf.set(version, commit);
  // Oldest first, each version where it first appeared.
  const order = [...new Set([...newestFirst].reverse().map((entry) => entry.version))];
  const releases: Release[] = [];
  for (const version of order) {
    if (version === currentVersion) {
      releases.push({ version, commit: undefined, released: true, document: current });
    } else {
      const commit = newestCommitOf.get(version)!;
      releases.push({ version, commit, released: true, document: await bundleAtCommit(repo, commit, rootPath) });
    }
  }
  if (!newestCommitOf.has(currentVersion))
    releases.push({ version: currentVersion, commit: undefined, released: false, document: current });
  return releases;
}
