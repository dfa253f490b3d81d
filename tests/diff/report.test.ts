/** The reports render findings as data, and text from a spec cannot break out of its format. */
import { describe, expect, it } from 'vitest';
import {
  renderChangelog,
  renderJson,
  renderMarkdown,
  renderText,
  type ApiDiff,
  type Change,
  type Report,
} from '../../scripts/lib/diff/index.ts';

const change = (id: string, level: Change['level'], message: string, operation?: string): Change => ({
  id,
  level,
  location: { ...(operation ? { operation } : {}), pointer: '/paths/~1x/post', side: 'head', source: 'openapi.yaml:7' },
  message,
});

const result = (changes: Change[], ok: boolean): ApiDiff => ({
  api: 'shop',
  status: 'compared',
  baseVersion: '1.0.0',
  headVersion: '1.1.0',
  changes,
  verdict: { ok, needed: ok ? 'minor or patch' : 'major', message: ok ? 'shop: fine' : 'shop: 1 breaking change(s)' },
});

const report = (changes: Change[], ok: boolean): Report => ({ baseLabel: 'main', results: [result(changes, ok)], ok });

describe('reports', () => {
  const hostile = change('request-property-removed', 'warning', 'optional property a|b\u001b[31m<script> removed', 'POST /x');

  it('text: terminal control characters are shown escaped, never sent raw', () => {
    const text = renderText(report([hostile], true));
    expect(text).not.toContain('\u001b');
    expect(text).toContain('a|b\\u001b[31m<script> removed');
    expect(text).toContain('at openapi.yaml:7 (/paths/~1x/post)');
  });

  it('markdown: pipes and angle brackets cannot break the table or inject HTML', () => {
    const markdown = renderMarkdown(report([hostile], true));
    expect(markdown).toContain('a\\|b\\\\u001b[31m&lt;script&gt; removed');
    expect(markdown).not.toContain('<script>');
  });

  it('lists breaking changes first, in every human format', () => {
    const changes = [
      change('operation-added', 'info', 'GET /y added', 'GET /y'),
      change('operation-removed', 'breaking', 'GET /z removed', 'GET /z'),
    ];
    const text = renderText(report(changes, false));
    expect(text.indexOf('operation-removed')).toBeLessThan(text.indexOf('operation-added'));
    const markdown = renderMarkdown(report(changes, false));
    expect(markdown.indexOf('operation-removed')).toBeLessThan(markdown.indexOf('operation-added'));
    expect(markdown).toContain('| shop | 1.0.0 → 1.1.0 | 1 | 0 | 1 | ❌ shop: 1 breaking change(s) |');
    const changelog = renderChangelog(report(changes, false));
    expect(changelog.indexOf('### GET /z')).toBeLessThan(changelog.indexOf('### GET /y'));
    expect(changelog).toContain('- BREAKING: GET /z removed (`operation-removed`)');
  });

  it('markdown: the headline follows the outcome, not the presence of changes', () => {
    expect(renderMarkdown(report([], true))).toContain('✅ The gate passes.');
    expect(renderMarkdown(report([], false))).toContain('❌ The gate fails for');
    expect(renderMarkdown(report([], false))).not.toContain('passes');
  });

  it('json: one object with every change as data', () => {
    const parsed = JSON.parse(renderJson(report([hostile], true))) as Record<string, unknown>;
    expect(parsed).toEqual({
      base: 'main',
      ok: true,
      changes: [
        {
          id: 'request-property-removed',
          level: 'warning',
          operation: 'POST /x',
          location: { pointer: '/paths/~1x/post', side: 'head', source: 'openapi.yaml:7' },
          message: 'optional property a|b\u001b[31m<script> removed',
        },
      ],
      gate: [{ api: 'shop', ok: true, needed: 'minor or patch', message: 'shop: fine' }],
    });
  });
});
