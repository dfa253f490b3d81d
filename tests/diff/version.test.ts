/** The version gate and its semantic-version reading. */
import { describe, expect, it } from 'vitest';
import { gate, parseSemver, type Change } from '../../scripts/lib/diff/index.ts';

const change = (level: Change['level']): Change => ({ id: 'x', level, location: { pointer: '/x', side: 'head' }, message: 'm' });

describe('semantic versions', () => {
  it.each(['1.2.3', '0.0.0', '10.20.30', '1.0.0-rc.1', '1.0.0-alpha-1', '1.0.0+build.7', '1.0.0-beta+exp.sha.5114f85'])(
    'accepts %s',
    (text) => {
      expect(parseSemver(text)?.text).toBe(text);
    },
  );

  it.each(['v1.2.3', '1.0.0x', '1.0', '01.0.0', '1.02.0', '1.0.0-', '1.0.0-01', ' 1.0.0', '1.0.0 ', '1.0.0+'])('rejects %j', (text) => {
    expect(parseSemver(text)).toBeUndefined();
  });

  it('reads the numbers', () => {
    expect(parseSemver('3.14.159')).toMatchObject({ major: 3, minor: 14, patch: 159 });
  });
});

describe('version gate', () => {
  it('fails a breaking change without a major bump, naming the API, both versions and the bump needed', () => {
    const verdict = gate('shop', '1.2.3', '1.3.0', [change('breaking'), change('info')]);
    expect(verdict).toEqual({
      ok: false,
      needed: 'major',
      message: 'shop: 1 breaking change(s) need a major bump of info.version: 1.2.3 → 1.3.0, expected 2.0.0 or higher',
    });
  });

  it('passes a breaking change with a major bump', () => {
    expect(gate('shop', '1.2.3', '2.0.0', [change('breaking')])).toMatchObject({ ok: true, needed: 'major' });
  });

  it('a warning needs a minor or patch bump, or a major one with failOnWarning', () => {
    expect(gate('shop', '1.2.3', '1.2.4', [change('warning')])).toMatchObject({ ok: true, needed: 'minor or patch' });
    expect(gate('shop', '1.2.3', '1.2.4', [change('warning')], true)).toMatchObject({ ok: false, needed: 'major' });
    expect(gate('shop', '1.2.3', '2.0.0', [change('warning')], true).ok).toBe(true);
  });

  it('fails a non-breaking change without a version bump', () => {
    const verdict = gate('shop', '1.2.3', '1.2.3', [change('info')]);
    expect(verdict.ok).toBe(false);
    expect(verdict.message).toContain('expected 1.3.0 or 1.2.4');
  });

  it('a lower version fails even for info changes', () => {
    expect(gate('shop', '1.2.3', '1.2.2', [change('info')]).ok).toBe(false);
    expect(gate('shop', '1.2.3', '1.3.0', [change('info')]).ok).toBe(true);
  });

  it('no change needs no bump; a new API passes', () => {
    expect(gate('shop', '1.0.0', '1.0.0', [])).toMatchObject({ ok: true, needed: 'none' });
    expect(gate('shop', undefined, '0.1.0', [change('breaking')])).toMatchObject({ ok: true });
  });

  it('a version that is not semver fails with a reason', () => {
    expect(gate('shop', 'v1.0.0', '2.0.0', [change('breaking')]).message).toBe(
      'shop: base info.version "v1.0.0" is not a semantic version (major.minor.patch)',
    );
    expect(gate('shop', '1.0.0', '2.0.0x', [change('breaking')]).ok).toBe(false);
  });
});
