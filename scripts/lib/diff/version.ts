/**
 * The version gate: a breaking change needs a higher major `info.version` than the base, any other
 * change a higher version (minor or patch); no change needs nothing. With `failOnWarning`, a
 * warning counts as breaking.
 */
import type { Bump, Change, Verdict } from './types.ts';

export interface Semver {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  readonly text: string;
}

/** semver.org's grammar: no `v` prefix, no leading zeros, pre-release and build identifiers only after `-` / `+`. */
const semverPattern =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

export function parseSemver(text: unknown): Semver | undefined {
  if (typeof text !== 'string') return undefined;
  const match = semverPattern.exec(text);
  if (!match) return undefined;
  return { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3]), text };
}

function compare(a: Semver, b: Semver): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch;
}

/** Whether a change blocks a release without a major bump. */
export function isFatal(change: Change, failOnWarning = false): boolean {
  return change.level === 'breaking' || (failOnWarning && change.level === 'warning');
}

export function neededBump(changes: readonly Change[], failOnWarning = false): Bump {
  if (changes.some((change) => isFatal(change, failOnWarning))) return 'major';
  return changes.length > 0 ? 'minor or patch' : 'none';
}

/**
 * Judges one API. `baseVersion` undefined means the API is new at the head: nothing to compare
 * with, so it passes.
 */
export function gate(
  api: string,
  baseVersion: string | undefined,
  headVersion: string,
  changes: readonly Change[],
  failOnWarning = false,
): Verdict {
  const needed = neededBump(changes, failOnWarning);
  if (baseVersion === undefined) return { ok: true, needed: 'none', message: `${api}: new API at ${headVersion}` };
  if (needed === 'none') return { ok: true, needed, message: `${api}: no changes (${headVersion})` };
  const before = parseSemver(baseVersion);
  const after = parseSemver(headVersion);
  if (!before || !after) {
    const bad = !before ? `base info.version ${JSON.stringify(baseVersion)}` : `info.version ${JSON.stringify(headVersion)}`;
    return { ok: false, needed, message: `${api}: ${bad} is not a semantic version (major.minor.patch)` };
  }
  const fatal = changes.filter((change) => isFatal(change, failOnWarning)).length;
  const what = failOnWarning ? 'breaking change(s) or warning(s)' : 'breaking change(s)';
  if (needed === 'major') {
    if (after.major > before.major)
      return { ok: true, needed, message: `${api}: ${fatal} ${what}, major bump ${before.text} → ${after.text}` };
    return {
      ok: false,
      needed,
      message: `${api}: ${fatal} ${what} need a major bump of info.version: ${before.text} → ${after.text}, expected ${before.major + 1}.0.0 or higher`,
    };
  }
  if (compare(after, before) > 0)
    return { ok: true, needed, message: `${api}: ${changes.length} non-breaking change(s), ${before.text} → ${after.text}` };
  return {
    ok: false,
    needed,
    message: `${api}: ${changes.length} non-breaking change(s) need a higher info.version (minor or patch bump): ${before.text} → ${after.text}, expected ${before.major}.${before.minor + 1}.0 or ${before.major}.${before.minor}.${before.patch + 1}`,
  };
}
