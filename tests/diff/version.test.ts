/** The version gate: breaking → major bump, any other change → a higher version, nothing → nothing. */
import { describe, expect, it } from 'vitest';
import { gate, parseSemver, type Change } from '../../scripts/lib/diff/index.ts';

const breaking: Change = { kind: 'property-removed', breaking: true, where: 'POST /v1/x → 200 application/json → /properties/a', what: 'property a removed' };
const compatible: Change = { kind: 'property-added', breaking: false, where: 'POST /v1/x → 200 application/json → /properties/b', what: 'optional property b added' };

describe('version gate', () => {
  it('fails a breaking change without a major bump, naming the API, both versions and the bump needed', () => {
    const verdict = gate('selectwin', '1.2.3', '1.3.0', [breaking, compatible]);
    expect(verdict.ok).toBe(false);
    expect(verdict.needed).toBe('major');
    expect(verdict.message).toBe('selectwin: 1 breaking change(s) need a major bump of info.version: 1.2.3 → 1.3.0, expected 2.0.0 or higher');
  });

  it('passes a breaking change with a major bump', () => {
    expect(gate('selectwin', '1.2.3', '2.0.0', [breaking]).ok).toBe(true);
  });

  it('fails a non-breaking change without a version bump', () => {
    const verdict = gate('flex', '1.2.3', '1.2.3', [compatible]);
    expect(verdict.ok).toBe(false);
    expect(verdict.needed).toBe('minor or patch');
    expect(verdict.message).toContain('expected 1.3.0 or 1.2.4');
  });

  it('passes a non-breaking change with a minor or a patch bump', () => {
    expect(gate('flex', '1.2.3', '1.3.0', [compatible]).ok).toBe(true);
    expect(gate('flex', '1.2.3', '1.2.4', [compatible]).ok).toBe(true);
  });

  it('fails a version that went down', () => {
    expect(gate('flex', '1.2.3', '1.2.2', [compatible]).ok).toBe(false);
  });

  it('passes no changes, and a new API', () => {
    expect(gate('flex', '1.2.3', '1.2.3', [])).toMatchObject({ ok: true, needed: 'none' });
    expect(gate('flex', undefined, '0.1.0', [])).toMatchObject({ ok: true, message: 'flex: new API at 0.1.0' });
  });

  it('fails a version that is not semver when there is something to judge', () => {
    expect(gate('flex', 'v1', '2.0.0', [breaking])).toMatchObject({ ok: false, message: 'flex: base info.version "v1" is not a semantic version (major.minor.patch)' });
  });

  it('parses semver with a pre-release', () => {
    expect(parseSemver('2.0.0-beta.1')).toMatchObject({ major: 2, minor: 0, patch: 0 });
    expect(parseSemver('1.0')).toBeUndefined();
  });
});
