/**
 * The version gate: a breaking change needs a higher major `info.version` than the base, any other
 * change a higher version (minor or patch); no change needs nothing.
 */
import type { Bump, Change, Verdict } from './types.ts';

export interface Semver {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  readonly text: string;
}

const semverPattern = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:[-+].*)?$/;

export function parseSemver(text: unknown): Semver | undefined {
  if (typeof text !== 'string') return undefined;
  const match = semverPattern.exec(text.trim());
  if (!match) return undefined;
  return { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3]), text: text.trim() };
}

function compare(a: Semver, b: Semver): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch;
}

export function neededBump(changes: readonly Change[]): Bump {
  if (changes.some((change) => change.breaking)) return 'major';
  return changes.length > 0 ? 'minor or patch' : 'none';
}

/**
 * Judges one API. `baseVersion` undefined means the API is new at the head: nothing to compare
 * with, so it passes.
 */
export function gate(api: string, baseVersion: string | undefined, headVersion: string, changes: readonly Change[]): Verdict {
  const needed = neededBump(changes);
  if (baseVersion === undefined) return { ok: true, needed: 'none', message: `${api}: new API at ${headVersion}` };
  if (needed === 'none') return { ok: true, needed, message: `${api}: no changes (${headVersion})` };
  const before = parseSemver(baseVersion);
  const after = parseSemver(headVersion);
  if (!before || !after) {
    const bad = !before ? `base info.version ${JSON.stringify(baseVersion)}` : `info.version ${JSON.stringify(headVersion)}`;
    return { ok: false, needed, message: `${api}: ${bad} is not a semantic version (major.minor.patch)` };
  }
  const count = changes.filter((change) => change.breaking).length;
  if (needed === 'major') {
    if (after.major > before.major) return { ok: true, needed, message: `${api}: ${count} breaking change(s), major bump ${before.text} → ${after.text}` };
    return {
      ok: false,
      needed,
      message: `${api}: ${count} breaking change(s) need a major bump of info.version: ${before.text} → ${after.text}, expected ${before.major + 1}.0.0 or higher`,
    };
  }
  if (compare(after, before) > 0) return { ok: true, needed, message: `${api}: ${changes.length} non-breaking change(s), ${before.text} → ${after.text}` };
  return {
    ok: false,
    needed,
    message: `${api}: ${changes.length} non-breaking change(s) need a higher info.version (minor or patch bump): ${before.text} → ${after.text}, expected ${before.major}.${before.minor + 1}.0 or ${before.major}.${before.minor}.${before.patch + 1}`,
  };
}
