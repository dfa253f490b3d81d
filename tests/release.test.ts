/**
 * `npm run release -- --dry-run`: per package the version, the change level against its last
 * release tag and a CHANGELOG.md entry from the spec diff — run in a scratch clone where one API's
 * release is tagged and then changed, and for the adapter's rules alone.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { levelBetween, releaseChanges } from '../scripts/lib/release/api-changes.ts';
import { changelogEntry } from '../scripts/lib/release/plan.ts';
import { projectRoot } from '../scripts/lib/registry.ts';
import type { ApiDiff } from '../scripts/lib/diff/index.ts';
import { apis, loadApi } from './support/apis.ts';

describe('release changes', () => {
  it('names the part of the version that moved', () => {
    expect(levelBetween(undefined, '1.0.0')).toBe('initial');
    expect(levelBetween('1.2.3', '2.0.0')).toBe('major');
    expect(levelBetween('1.2.3', '1.3.0')).toBe('minor');
    expect(levelBetween('1.2.3', '1.2.4')).toBe('patch');
    expect(levelBetween('1.2.3', '1.2.3')).toBe('none');
  });

  it('splits the diff into breaking and other changes, and keeps the gate refusal', () => {
    const diff: ApiDiff = {
      api: 'x',
      status: 'compared',
      baseVersion: '1.0.0',
      headVersion: '1.1.0',
      changes: [
        {
          id: 'operation-removed',
          level: 'breaking',
          location: { operation: 'DELETE /a', pointer: '/paths/~1a/delete', side: 'base' },
          message: 'operation removed',
        },
        {
          id: 'operation-added',
          level: 'info',
          location: { operation: 'GET /b', pointer: '/paths/~1b/get', side: 'head' },
          message: 'operation added',
        },
      ],
      verdict: { ok: false, needed: 'major', message: 'x: 1 breaking change(s) need a major bump' },
    };
    expect(releaseChanges(diff, '1.0.0')).toEqual({
      level: 'minor',
      breaking: ['DELETE /a: operation removed'],
      other: ['GET /b: operation added'],
      refusal: 'x: 1 breaking change(s) need a major bump',
    });
  });

  it('writes spec text into the changelog as literal Markdown', () => {
    const entry = changelogEntry(
      '2.0.0',
      { level: 'major', breaking: ['GET /<script>[x](y)\u001b[31m: removed'], other: [] },
      '2026-01-02',
    );
    expect(entry).toBe('## 2.0.0 (2026-01-02)\n\n### Breaking changes\n\n- GET /&lt;script&gt;\\[x\\]\\(y\\)\ufffd\\[31m: removed\n');
  });
});

describe('npm run release -- --dry-run in a clone with release tags', () => {
  let clone: string;
  const api = apis[0]!;
  const specFile = (root: string) => join(root, relative(projectRoot, api.root));
  const manifestFile = (root: string) => join(root, relative(projectRoot, api.clientFile), '..', 'package.json');
  const git = (...args: string[]) => spawnSync('git', ['-C', clone, ...args], { encoding: 'utf8' });
  const release = () =>
    spawnSync(process.execPath, ['--import', 'tsx', 'scripts/release.ts', '--dry-run', '--date', '2026-01-02'], {
      cwd: clone,
      encoding: 'utf8',
    });
  /** The root file with its last path entry (a `$ref`'d path item) removed: a removed operation. */
  const withoutLastPath = (text: string) => text.replace(/\n {2}(\/[^\n]*):\n {4}\$ref: [^\n]+(?=\n[a-z])/, '');

  beforeAll(() => {
    clone = mkdtempSync(join(tmpdir(), 'checkout-apis-release-'));
    const cloned = spawnSync('git', ['clone', '--quiet', '--no-hardlinks', projectRoot, clone], { encoding: 'utf8' });
    if (cloned.status !== 0) throw new Error(`git clone failed: ${cloned.stderr}`);
    symlinkSync(join(projectRoot, 'node_modules'), join(clone, 'node_modules'));
    for (const entry of apis) git('tag', `${entry.name}-v${loadApi(entry).document.info.version}`);
    git('tag', 'client-runtime-v1.0.0');
  }, 60_000);

  afterAll(() => {
    if (clone) rmSync(clone, { recursive: true, force: true });
  });

  // The versions are today's, whatever they are: the release tags name them.
  const current = () => loadApi(api).document.info.version;
  const nextMajor = () => `${Number(current().split('.')[0]) + 1}.0.0`;
  const withVersion = (text: string, from: string, to: string) =>
    text.replace(new RegExp(`\\n {2}version: ${from.replaceAll('.', '\\.')}\\n`), `\n  version: ${to}\n`);

  it('prints the version, the change level and the changelog entry of a breaking release', () => {
    const text = readFileSync(specFile(clone), 'utf8');
    const changed = withVersion(withoutLastPath(text), current(), nextMajor());
    expect(changed).not.toBe(text);
    expect(changed).toContain(`version: ${nextMajor()}`);
    writeFileSync(specFile(clone), changed);
    const manifest = JSON.parse(readFileSync(manifestFile(clone), 'utf8')) as { version: string };
    writeFileSync(manifestFile(clone), JSON.stringify({ ...manifest, version: nextMajor() }));
    const result = release();
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`@checkout-apis/${api.name} ${nextMajor()}: change level major (since ${api.name}-v${current()})`);
    expect(result.stdout).toMatch(
      new RegExp(`## ${nextMajor().replaceAll('.', '\\.')} \\(2026-01-02\\)\\n\\n {4}### Breaking changes\\n\\n {4}- \\S`),
    );
    expect(result.stdout).toContain('@checkout-apis/client-runtime 1.0.0: already released (since client-runtime-v1.0.0)');
  }, 60_000);

  it('refuses a breaking change without a major version', () => {
    const patch = current().replace(/\.(\d+)$/, (_all: string, last: string) => `.${Number(last) + 1}`);
    writeFileSync(manifestFile(clone), readFileSync(manifestFile(clone), 'utf8').replace(nextMajor(), current()));
    writeFileSync(specFile(clone), withVersion(readFileSync(specFile(clone), 'utf8'), nextMajor(), patch));
    const result = release();
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/cannot release:\n.*breaking change\(s\) need a major bump/);
  }, 60_000);
});
