/**
 * What decides a release: the semantic-version grammar the gate reads (semver.org's, exactly),
 * how two versions compare part by part, and the order and escaping of what the reports show.
 */
import { describe, expect, it } from 'vitest';
import { gate, parseSemver, renderChangelog, renderMarkdown, renderText, type ApiDiff, type Change } from '../scripts/lib/diff/index.ts';
import { plain } from '../scripts/lib/diff/report.ts';

const change = (level: Change['level'], id = 'x', operation?: string): Change => ({
  id,
  level,
  location: { ...(operation ? { operation } : {}), pointer: '/x', side: 'head' },
  message: `${id} changed`,
});

describe('the semantic-version grammar', () => {
  it.each([
    '0.1.0',
    '1.10.0',
    '1.0.10',
    '1.0.0-0',
    '1.0.0-0a',
    '1.0.0-x.7.z.92',
    '1.0.0--',
    '1.0.0-a-b.1-c',
    '1.0.0+001',
    '1.0.0+a-b.C9',
    '1.0.0-rc.1+build.1',
    '9.99.999',
  ])('accepts %s', (text) => {
    expect(parseSemver(text)?.text).toBe(text);
  });

  it.each([
    '1',
    '1.0.',
    '.1.0',
    '1.0.0.0',
    'a.b.c',
    '1.0.01',
    '00.1.0',
    '1.0.0-alpha..1',
    '1.0.0-.a',
    '1.0.0-a.',
    '1.0.0-00',
    '1.0.0-1.01',
    '1.0.0-a_b',
    '1.0.0+a..b',
    '1.0.0+a_b',
    '1.0.0+.a',
    '1.0.0-+a',
    '-1.0.0',
    'x1.0.0',
  ])('rejects %j', (text) => {
    expect(parseSemver(text)).toBeUndefined();
  });

  it('is no version when not text', () => {
    expect(parseSemver(1)).toBeUndefined();
    expect(parseSemver(undefined)).toBeUndefined();
  });

  it('reads each number', () => {
    expect(parseSemver('12.34.56-rc.1+b')).toEqual({ major: 12, minor: 34, patch: 56, text: '12.34.56-rc.1+b' });
  });
});

describe('the gate compares versions part by part', () => {
  it.each([
    ['1.2.3', '1.3.0', true],
    ['1.2.3', '1.2.4', true],
    ['1.2.3', '2.0.0', true],
    ['1.2.3', '1.2.3', false],
    ['1.2.3', '1.1.9', false],
    ['1.2.3', '1.2.2', false],
    ['2.0.0', '1.9.9', false],
    ['1.9.0', '1.10.0', true],
  ])('%s → %s with a non-breaking change: ok %s', (before, after, ok) => {
    expect(gate('shop', before, after, [change('info')]).ok).toBe(ok);
  });

  it.each([
    ['1.2.3', '2.0.0', true],
    ['1.2.3', '10.0.0', true],
    ['1.2.3', '1.9.9', false],
    ['2.0.0', '1.0.0', false],
    ['0.9.0', '0.10.0', false],
  ])('%s → %s with a breaking change: ok %s', (before, after, ok) => {
    expect(gate('shop', before, after, [change('breaking')]).ok).toBe(ok);
  });

  it('needs nothing without changes, even from a version that is no semver', () => {
    expect(gate('shop', 'draft', 'draft', [])).toEqual({ ok: true, needed: 'none', message: 'shop: no changes (draft)' });
  });

  it('a head version that is no semver fails and is named', () => {
    expect(gate('shop', '1.0.0', 'next', [change('info')])).toEqual({
      ok: false,
      needed: 'minor or patch',
      message: 'shop: info.version "next" is not a semantic version (major.minor.patch)',
    });
  });

  it('says how many non-breaking changes a minor or patch bump covers', () => {
    expect(gate('shop', '1.2.3', '1.3.0', [change('info'), change('warning')]).message).toBe(
      'shop: 2 non-breaking change(s), 1.2.3 → 1.3.0',
    );
  });

  it('counts only the changes that need the bump', () => {
    expect(gate('shop', '1.0.0', '2.0.0', [change('breaking'), change('warning'), change('info')]).message).toBe(
      'shop: 1 breaking change(s), major bump 1.0.0 → 2.0.0',
    );
    expect(gate('shop', '1.0.0', '2.0.0', [change('breaking'), change('warning'), change('info')], true).message).toBe(
      'shop: 2 breaking change(s) or warning(s), major bump 1.0.0 → 2.0.0',
    );
  });
});

describe('what the reports show', () => {
  const result = (changes: Change[], extra: Partial<ApiDiff> = {}): ApiDiff => ({
    api: 'shop',
    status: 'compared',
    baseVersion: '1.0.0',
    headVersion: '1.1.0',
    changes,
    verdict: { ok: true, needed: 'minor or patch', message: 'shop: ok' },
    ...extra,
  });

  it('breaking, then warnings, then info; in the order found within a level', () => {
    const changes = [
      change('info', 'i1'),
      change('warning', 'w1'),
      change('info', 'i2'),
      change('breaking', 'b1'),
      change('warning', 'w2'),
    ];
    const text = renderText({ baseLabel: 'main', results: [result(changes)], ok: true });
    const order = ['b1', 'w1', 'w2', 'i1', 'i2'].map((id) => text.indexOf(`  ${id}\n`));
    expect(order.every((index) => index > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('control characters of C0, DEL and C1 are escaped; other text is kept', () => {
    expect(plain('a\u0000b\u001fc\u007fd\u0080e\u009ff\u00a0g é')).toBe('a\\u0000b\\u001fc\\u007fd\\u0080e\\u009ff\u00a0g é');
  });

  it('an operation with a backtick or a pipe stays inside its Markdown code span', () => {
    const markdown = renderMarkdown({ baseLabel: 'a|b', results: [result([change('info', 'x', 'GET /`x|y`')])], ok: true });
    expect(markdown).toContain('Compared with `a\\|b`.');
    expect(markdown).toContain("| info | `x` | `GET /'x\\|y'` | `/x` | x changed |");
  });

  it('a compared API without a base version shows ? in the changelog; the same version once in Markdown', () => {
    expect(renderChangelog({ baseLabel: 'main', results: [result([], { baseVersion: undefined })], ok: true })).toBe(
      '## shop ? → 1.1.0\n\nNo changes.\n',
    );
    expect(renderMarkdown({ baseLabel: 'main', results: [result([], { baseVersion: '1.1.0' })], ok: true })).toContain(
      '| shop | 1.1.0 | 0 | 0 | 0 | ✅ shop: ok |',
    );
  });

  it('the Markdown headline names every API that fails', () => {
    const failing = (api: string) => result([change('breaking')], { api, verdict: { ok: false, needed: 'major', message: `${api}: no` } });
    const markdown = renderMarkdown({ baseLabel: 'main', results: [failing('a'), result([]), failing('c|d')], ok: false });
    expect(markdown).toContain('❌ The gate fails for a, c\\|d.');
  });
});
