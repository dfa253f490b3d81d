/**
 * What a release would publish: per package, the last release tag (`<folder>-v<version>`), the
 * version now, the change level and the CHANGELOG.md entry. API packages take their changes from
 * the spec diff; the runtime package from whether its sources changed since its tag.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { authRuntimeModule, resilienceRuntimeModule } from '../../codegen/client.ts';
import { markdownText, runtimePackage } from '../../codegen/package.ts';
import { UserError } from '../errors.ts';
import type { ApiEntry } from '../registry.ts';
import { changesSince, levelBetween, type ReleaseChanges } from './api-changes.ts';

export interface PackageRelease {
  readonly name: string;
  /** Folder under generated/: where its manifest and CHANGELOG.md live. */
  readonly dir: string;
  readonly version: string;
  readonly tag: string;
  readonly lastTag: string | undefined;
  readonly changes: ReleaseChanges;
  /** Nothing to publish: the version is the one already tagged. */
  readonly unchanged: boolean;
  readonly changelogEntry: string;
}

function git(cwd: string, args: string[]): { ok: boolean; stdout: string } {
  const result = spawnSync('git', ['-C', cwd, ...args], { encoding: 'utf8' });
  return { ok: result.status === 0, stdout: result.stdout.trim() };
}

export const releaseTag = (folder: string, version: string): string => `${folder}-v${version}`;

/** The highest-versioned release tag of a package folder, and its version. */
export function lastRelease(cwd: string, folder: string): { tag: string; version: string } | undefined {
  const tags = git(cwd, ['tag', '--list', `${folder}-v*`, '--sort=-v:refname'])
    .stdout.split('\n')
    .filter((tag) => /^.+-v\d+\.\d+\.\d+/.test(tag));
  const tag = tags[0];
  return tag ? { tag, version: tag.slice(folder.length + 2) } : undefined;
}

function manifestOf(dir: string): { name: string; version: string } {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name: string; version: string };
}

export function changelogEntry(version: string, changes: ReleaseChanges, date: string): string {
  const lines = [`## ${version} (${date})`, ''];
  if (changes.level === 'initial') lines.push('First release.', '');
  // Change lines quote the spec (paths, field names): escaped, as everything from a spec that reaches a terminal or docs.
  if (changes.breaking.length > 0) lines.push('### Breaking changes', '', ...changes.breaking.map((line) => `- ${markdownText(line)}`), '');
  if (changes.other.length > 0) lines.push('### Changes', '', ...changes.other.map((line) => `- ${markdownText(line)}`), '');
  if (changes.level !== 'initial' && changes.breaking.length + changes.other.length === 0)
    lines.push('No change to the API description; the client or its runtime changed.', '');
  return lines.join('\n');
}

/** Why a release cannot go ahead, or undefined. */
function refusal(
  name: string,
  version: string,
  last: { tag: string; version: string } | undefined,
  changes: ReleaseChanges,
  changed: boolean,
): string | undefined {
  if (changes.refusal) return changes.refusal;
  if (last && last.version === version && changed) return `${name}: changed since ${last.tag} but still at ${version}: bump its version`;
  return undefined;
}

export async function planReleases(
  cwd: string,
  apis: readonly ApiEntry[],
  date: string,
): Promise<{ releases: PackageRelease[]; problems: string[] }> {
  const releases: PackageRelease[] = [];
  const problems: string[] = [];
  const first = apis[0];
  if (!first) return { releases, problems };
  const generatedDir = dirname(dirname(first.clientFile));
  const runtimeDir = join(generatedDir, runtimePackage.folder);
  const runtimeLast = lastRelease(cwd, runtimePackage.folder);
  const runtimeSources = [authRuntimeModule, resilienceRuntimeModule].map((module) => relative(cwd, join(generatedDir, module)));
  const runtimeChanged = runtimeLast ? !git(cwd, ['diff', '--quiet', runtimeLast.tag, '--', ...runtimeSources]).ok : true;
  const runtimeChanges: ReleaseChanges = {
    level: levelBetween(runtimeLast?.version, runtimePackage.version),
    breaking: [],
    other: runtimeChanged && runtimeLast ? ['The shared runtime changed (see the commits since the last release).'] : [],
  };
  const candidates: Array<{ dir: string; last: typeof runtimeLast; changes: () => Promise<ReleaseChanges>; changed: () => boolean }> = [
    { dir: runtimeDir, last: runtimeLast, changes: async () => runtimeChanges, changed: () => runtimeChanged },
    ...apis.map((api) => {
      const last = lastRelease(cwd, api.name);
      let found: ReleaseChanges | undefined;
      return {
        dir: dirname(api.clientFile),
        last,
        changes: async () =>
          (found ??= last
            ? await changesSince(cwd, { name: api.name, root: api.root }, last.tag, last.version)
            : { level: 'initial' as const, breaking: [], other: [] }),
        changed: () => (found?.breaking.length ?? 0) + (found?.other.length ?? 0) > 0,
      };
    }),
  ];
  for (const candidate of candidates) {
    const { name, version } = manifestOf(candidate.dir);
    const folder = candidate.dir.slice(generatedDir.length + 1);
    const changes = await candidate.changes();
    const problem = refusal(name, version, candidate.last, changes, candidate.changed());
    if (problem) problems.push(problem);
    releases.push({
      name,
      dir: candidate.dir,
      version,
      tag: releaseTag(folder, version),
      lastTag: candidate.last?.tag,
      changes,
      unchanged: candidate.last?.version === version,
      changelogEntry: changelogEntry(version, changes, date),
    });
  }
  return { releases, problems };
}

export function assertNoProblems(problems: readonly string[]): void {
  if (problems.length > 0) throw new UserError(`cannot release:\n  ${problems.join('\n  ')}`);
}
