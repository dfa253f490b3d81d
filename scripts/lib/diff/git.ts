/** The few git reads the checker needs: which commit to compare with, and a folder's files at it. */
import { spawnSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { UserError } from '../errors.ts';

/** No base commit could be found (unknown ref, empty repository): `--if-base` turns it into a skip. */
export class NoBaseError extends UserError {
  override name = 'NoBaseError';
}

export interface BaseRef {
  /** How the base was chosen, for the report: `origin/main`, `merge-base of HEAD and main`, `HEAD`. */
  readonly label: string;
  readonly commit: string;
}

function git(repo: string, args: string[], input?: Buffer): { ok: boolean; stdout: Buffer; stderr: string } {
  const result = spawnSync('git', ['-C', repo, ...args], { input, maxBuffer: 512 * 1024 * 1024 });
  if (result.error) throw new UserError(`cannot run git: ${result.error.message}`);
  return { ok: result.status === 0, stdout: result.stdout, stderr: result.stderr.toString().trim() };
}

/** The top folder of the repository holding `dir`. */
export function repositoryRoot(dir: string): string {
  const result = git(dir, ['rev-parse', '--show-toplevel']);
  if (!result.ok) throw new NoBaseError(`${dir} is not inside a git repository`);
  return realpathSync(result.stdout.toString().trim());
}

/** A file's path inside the repository, with forward slashes as git spells it. */
export function repositoryPath(repo: string, file: string): string {
  return relative(repo, realpathSync(file)).split(sep).join('/');
}

export function resolveCommit(repo: string, ref: string): string | undefined {
  const result = git(repo, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
  return result.ok ? result.stdout.toString().trim() : undefined;
}

/**
 * The commit to compare the working tree with: `ref` when given; else where HEAD branched from
 * `main` (or `origin/main`); else HEAD itself — then only uncommitted edits show.
 */
export function resolveBase(repo: string, ref?: string): BaseRef {
  if (ref !== undefined) {
    const commit = resolveCommit(repo, ref);
    if (!commit)
      throw new NoBaseError(`--base ${ref}: not a commit, branch or tag of this repository (fetch it first, e.g. with fetch-depth: 0)`);
    return { label: ref, commit };
  }
  const head = resolveCommit(repo, 'HEAD');
  if (!head) throw new NoBaseError('the repository has no commit yet: nothing to compare with');
  for (const candidate of ['main', 'origin/main']) {
    const tip = resolveCommit(repo, candidate);
    if (!tip) continue;
    const mergeBase = git(repo, ['merge-base', 'HEAD', tip]);
    if (!mergeBase.ok) continue;
    const commit = mergeBase.stdout.toString().trim();
    return { label: commit === head ? 'HEAD' : `merge-base of HEAD and ${candidate}`, commit };
  }
  return { label: 'HEAD', commit: head };
}

export function existsAt(repo: string, commit: string, path: string): boolean {
  return git(repo, ['cat-file', '-e', `${commit}:${path}`]).ok;
}

/** Writes the files under `folder` as they were at `commit` into `into` (same relative paths). */
export function extractAt(repo: string, commit: string, folder: string, into: string): void {
  const archive = git(repo, ['archive', '--format=tar', commit, '--', folder]);
  if (!archive.ok) throw new UserError(`git archive ${commit} ${folder} failed: ${archive.stderr}`);
  const untar = spawnSync('tar', ['-x', '-C', into], { input: archive.stdout });
  if (untar.error || untar.status !== 0) {
    throw new UserError(`cannot unpack ${folder} at ${commit}: ${untar.error?.message ?? untar.stderr.toString().trim()}`);
  }
}

/** A file's text at `commit`, or undefined when it is not there. */
export function readAt(repo: string, commit: string, path: string): string | undefined {
  const result = git(repo, ['cat-file', 'blob', `${commit}:${path}`]);
  return result.ok ? result.stdout.toString('utf8') : undefined;
}
