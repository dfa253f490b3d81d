/**
 * The diff checker's git reads, on a throw-away repository: which commit a run compares with (an
 * explicit ref of any kind, else the merge-base with main, else HEAD), and a file or folder as it
 * was at that commit. The repository is set up with git; the code under test runs in-process.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  existsAt,
  extractAt,
  NoBaseError,
  readAt,
  repositoryPath,
  repositoryRoot,
  resolveBase,
  resolveCommit,
} from '../scripts/lib/diff/git.ts';

const scratch = realpathSync(mkdtempSync(join(tmpdir(), 'diff-git-')));
const repo = join(scratch, 'repo');
const git = (dir: string, ...args: string[]) =>
  execFileSync('git', ['-C', dir, '-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], {
    stdio: 'pipe',
  })
    .toString()
    .trim();

let first = '';
let second = '';
let branchTip = '';

beforeAll(() => {
  mkdirSync(join(repo, 'specs', 'nested'), { recursive: true });
  git(repo, 'init', '--quiet', '--initial-branch=main');
  writeFileSync(join(repo, 'specs', 'a.yaml'), 'version: 1\n');
  writeFileSync(join(repo, 'specs', 'nested', 'b.yaml'), 'b: 1\n');
  git(repo, 'add', '.');
  git(repo, 'commit', '--quiet', '-m', 'first');
  first = git(repo, 'rev-parse', 'HEAD');
  git(repo, 'tag', 'v1');
  writeFileSync(join(repo, 'specs', 'a.yaml'), 'version: 2\n');
  git(repo, 'commit', '--quiet', '-am', 'second');
  second = git(repo, 'rev-parse', 'HEAD');
  git(repo, 'checkout', '--quiet', '-b', 'feature');
  writeFileSync(join(repo, 'specs', 'a.yaml'), 'version: 3\n');
  git(repo, 'commit', '--quiet', '-am', 'third');
  branchTip = git(repo, 'rev-parse', 'HEAD');
});

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the base commit', () => {
  it.each([
    ['a branch', 'main', () => second],
    ['a tag', 'v1', () => first],
    ['a full commit id', 'FIRST', () => first],
    ['a relative ref', 'HEAD~1', () => second],
  ])('an explicit ref may be %s', (_kind, ref, commit) => {
    const given = ref === 'FIRST' ? first : ref;
    expect(resolveBase(repo, given)).toEqual({ label: given, commit: commit() });
  });

  it('an unknown ref is named, as a missing base (so --if-base can skip)', () => {
    expect(() => resolveBase(repo, 'no-such-ref')).toThrow(NoBaseError);
    expect(() => resolveBase(repo, 'no-such-ref')).toThrow(
      '--base no-such-ref: not a commit, branch or tag of this repository (fetch it first, e.g. with fetch-depth: 0)',
    );
    expect(() => resolveBase(repo, '--output=x')).toThrow(NoBaseError);
  });

  it('without a ref: where HEAD branched from main', () => {
    expect(resolveBase(repo)).toEqual({ label: 'merge-base of HEAD and main', commit: second });
  });

  it('on main itself: HEAD, so only uncommitted edits show', () => {
    git(repo, 'checkout', '--quiet', 'main');
    try {
      expect(resolveBase(repo)).toEqual({ label: 'HEAD', commit: second });
    } finally {
      git(repo, 'checkout', '--quiet', 'feature');
    }
  });

  it('without main: HEAD', () => {
    const other = join(scratch, 'no-main');
    mkdirSync(other);
    git(other, 'init', '--quiet', '--initial-branch=trunk');
    writeFileSync(join(other, 'x'), 'x');
    git(other, 'add', '.');
    git(other, 'commit', '--quiet', '-m', 'x');
    expect(resolveBase(other)).toEqual({ label: 'HEAD', commit: git(other, 'rev-parse', 'HEAD') });
  });

  it('a main that shares no history with HEAD gives HEAD', () => {
    const other = join(scratch, 'unrelated');
    mkdirSync(other);
    git(other, 'init', '--quiet', '--initial-branch=main');
    writeFileSync(join(other, 'x'), 'x');
    git(other, 'add', '.');
    git(other, 'commit', '--quiet', '-m', 'main');
    git(other, 'checkout', '--quiet', '--orphan', 'elsewhere');
    git(other, 'commit', '--quiet', '-m', 'unrelated');
    expect(resolveBase(other)).toEqual({ label: 'HEAD', commit: git(other, 'rev-parse', 'HEAD') });
  });

  it('an empty repository has no base', () => {
    const empty = join(scratch, 'empty');
    mkdirSync(empty);
    git(empty, 'init', '--quiet');
    expect(() => resolveBase(empty)).toThrow(new NoBaseError('the repository has no commit yet: nothing to compare with'));
  });

  it('a commit resolves only when it exists', () => {
    expect(resolveCommit(repo, 'v1')).toBe(first);
    expect(resolveCommit(repo, 'v9')).toBeUndefined();
  });
});

describe('files at a commit', () => {
  it('the repository root and a path in it, as git spells it', () => {
    expect(repositoryRoot(join(repo, 'specs', 'nested'))).toBe(repo);
    expect(repositoryPath(repo, join(repo, 'specs', 'nested', 'b.yaml'))).toBe('specs/nested/b.yaml');
    expect(() => repositoryRoot(scratch)).toThrow(NoBaseError);
    expect(() => repositoryRoot(scratch)).toThrow(`${scratch} is not inside a git repository`);
  });

  it('a file exists at a commit, and reads as it was', () => {
    expect(existsAt(repo, first, 'specs/a.yaml')).toBe(true);
    expect(existsAt(repo, first, 'specs/none.yaml')).toBe(false);
    expect(readAt(repo, first, 'specs/a.yaml')).toBe('version: 1\n');
    expect(readAt(repo, branchTip, 'specs/a.yaml')).toBe('version: 3\n');
    expect(readAt(repo, first, 'specs/none.yaml')).toBeUndefined();
  });

  it('a file of several megabytes reads whole', () => {
    const big = 'x'.repeat(3 * 1024 * 1024);
    writeFileSync(join(repo, 'specs', 'big.yaml'), big);
    git(repo, 'add', 'specs/big.yaml');
    git(repo, 'commit', '--quiet', '-m', 'big');
    try {
      expect(readAt(repo, 'HEAD', 'specs/big.yaml')?.length).toBe(big.length);
    } finally {
      git(repo, 'reset', '--quiet', '--hard', 'HEAD~1');
    }
  });

  it('a folder is written out as it was', () => {
    const into = join(scratch, 'extracted');
    mkdirSync(into);
    extractAt(repo, first, 'specs', into);
    expect(readFileSync(join(into, 'specs', 'a.yaml'), 'utf8')).toBe('version: 1\n');
    expect(readFileSync(join(into, 'specs', 'nested', 'b.yaml'), 'utf8')).toBe('b: 1\n');
  });

  it('a folder that was not there is an error naming it', () => {
    const into = join(scratch, 'extracted-none');
    mkdirSync(into);
    expect(() => extractAt(repo, first, 'nothing-here', into)).toThrow(new RegExp(`^git archive ${first} nothing-here failed: .+`));
  });

  it('a folder that cannot be unpacked is an error naming it', () => {
    expect(() => extractAt(repo, first, 'specs', join(scratch, 'no-such-dir'))).toThrow(new RegExp(`^cannot unpack specs at ${first}: .+`));
  });
});
