/**
 * The one place the release tooling meets the breaking-change checker: its public entry
 * (scripts/lib/diff/index.ts) in, a change level and changelog lines out.
 */
import { diffApis, parseSemver, type ApiDiff } from '../diff/index.ts';

export type ChangeLevel = 'initial' | 'major' | 'minor' | 'patch' | 'none';

export interface ReleaseChanges {
  /** What the version step says: first release, or the part of the version that moved. */
  readonly level: ChangeLevel;
  /** What the diff found: breaking changes call for a major, others for a minor or patch. */
  readonly breaking: readonly string[];
  readonly other: readonly string[];
  /** The diff's version gate, when it refuses the version (a breaking change without a major bump …). */
  readonly refusal?: string;
}

/** Which part of the version moved between two semantic versions. */
export function levelBetween(before: string | undefined, after: string): ChangeLevel {
  if (before === undefined) return 'initial';
  const [from, to] = [parseSemver(before), parseSemver(after)];
  if (!from || !to) return 'none';
  if (to.major !== from.major) return 'major';
  if (to.minor !== from.minor) return 'minor';
  return to.patch !== from.patch || to.text !== from.text ? 'patch' : 'none';
}

/** The diff of one API as release changes; `baseVersion` is the version of the last release. */
export function releaseChanges(diff: ApiDiff, baseVersion: string | undefined): ReleaseChanges {
  const line = (change: ApiDiff['changes'][number]) => `${change.location.operation ?? 'Whole API'}: ${change.message}`;
  return {
    level: levelBetween(baseVersion, diff.headVersion),
    breaking: diff.changes.filter((change) => change.level === 'breaking').map(line),
    other: diff.changes.filter((change) => change.level !== 'breaking').map(line),
    ...(diff.verdict.ok ? {} : { refusal: diff.verdict.message }),
  };
}

/** Compares an API's spec at `tag` (its last release) with the working tree. */
export async function changesSince(
  cwd: string,
  api: { name: string; root: string },
  tag: string,
  baseVersion: string,
): Promise<ReleaseChanges> {
  const { results } = await diffApis({ cwd, apis: [api], base: tag });
  const [diff] = results;
  if (!diff) throw new Error(`${api.name}: the diff returned no result`);
  return releaseChanges(diff, baseVersion);
}
