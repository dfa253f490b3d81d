/**
 * Renders findings: plain text for the terminal, Markdown for a pull request, JSON for scripts,
 * and a changelog grouped by operation for client releases. Text that came from a spec is
 * escaped for the format it lands in.
 */
import { rules } from './rules.ts';
import { pointerTokens, type ApiDiff, type Change, type Level } from './types.ts';

export type Format = 'text' | 'markdown' | 'json' | 'changelog';
export const formats: readonly Format[] = ['text', 'markdown', 'json', 'changelog'];

/** What every report renders: the results per API, what they were compared with, the outcome. */
export interface Report {
  readonly baseLabel: string;
  readonly results: readonly ApiDiff[];
  /** Whether the run passes (the version gate, or "nothing breaking" for two files). */
  readonly ok: boolean;
}

const order: Record<Level, number> = { breaking: 0, warning: 1, info: 2 };

const sorted = (changes: readonly Change[]): Change[] => [...changes].sort((a, b) => order[a.level] - order[b.level]);

/** Control characters (terminal escapes among them) shown as `\u…`, never sent raw. */
export function plain(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function where(change: Change): string {
  const { source, pointer } = change.location;
  return source ? `${source} (${pointer || '/'})` : pointer || '/';
}

function counts(changes: readonly Change[]): string {
  const count = (level: Level) => changes.filter((change) => change.level === level).length;
  return `${count('breaking')} breaking, ${count('warning')} warning(s), ${count('info')} info`;
}

export function renderText(report: Report): string {
  const lines = [`Compared with ${plain(report.baseLabel)}.`];
  for (const result of report.results) {
    const summary =
      result.status === 'new'
        ? `new API at ${plain(result.headVersion)}`
        : result.changes.length === 0
          ? 'no changes'
          : counts(result.changes);
    lines.push('', `${plain(result.api)}: ${summary}`);
    for (const change of sorted(result.changes)) {
      lines.push(`  ${change.level.padEnd(8)}  ${change.id}${change.location.operation ? `  ${plain(change.location.operation)}` : ''}`);
      lines.push(`            ${plain(change.message)}`);
      lines.push(`            at ${plain(where(change))}`);
    }
  }
  lines.push('');
  for (const result of report.results) lines.push(`${result.verdict.ok ? 'ok  ' : 'FAIL'}  ${plain(result.verdict.message)}`);
  return `${lines.join('\n')}\n`;
}

function cell(text: string): string {
  return plain(text).replaceAll('\\', '\\\\').replaceAll('|', '\\|').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

function code(text: string): string {
  return `\`${plain(text).replaceAll('`', "'").replaceAll('|', '\\|')}\``;
}

const badge: Record<Level, string> = { breaking: '**breaking**', warning: 'warning', info: 'info' };

export function renderMarkdown(report: Report): string {
  const failed = report.results.filter((result) => !result.verdict.ok);
  const lines = [
    '## API changes',
    '',
    `Compared with ${code(report.baseLabel)}. ${report.ok ? '✅ The gate passes.' : `❌ The gate fails for ${failed.map((r) => cell(r.api)).join(', ') || 'this change'}.`}`,
    '',
    '| API | version | breaking | warnings | info | gate |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const result of report.results) {
    const version =
      result.status === 'new'
        ? `new at ${result.headVersion}`
        : result.baseVersion === result.headVersion
          ? result.headVersion
          : `${result.baseVersion} → ${result.headVersion}`;
    const count = (level: Level) => result.changes.filter((change) => change.level === level).length;
    lines.push(
      `| ${cell(result.api)} | ${cell(version)} | ${count('breaking')} | ${count('warning')} | ${count('info')} | ${result.verdict.ok ? '✅' : '❌'} ${cell(result.verdict.message)} |`,
    );
  }
  for (const result of report.results) {
    if (result.changes.length === 0) continue;
    lines.push('', `### ${cell(result.api)}`, '', '| level | rule | operation | location | change |', '| --- | --- | --- | --- | --- |');
    for (const change of sorted(result.changes)) {
      lines.push(
        `| ${badge[change.level]} | \`${change.id}\` | ${change.location.operation ? code(change.location.operation) : ''} | ${code(where(change))} | ${cell(change.message)} |`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

/** `{"changes": [...]}`: one entry per change, `api` added when several APIs were compared. */
export function renderJson(report: Report): string {
  // A new API has no changes, so only several results can mix APIs in the list.
  const several = report.results.length > 1;
  const changes = report.results.flatMap((result) =>
    result.changes.map((change) => ({
      ...(several ? { api: result.api } : {}),
      id: change.id,
      level: change.level,
      operation: change.location.operation ?? null,
      location: { pointer: change.location.pointer, side: change.location.side, source: change.location.source ?? null },
      message: change.message,
    })),
  );
  const gate = report.results.map((result) => ({
    api: result.api,
    ok: result.verdict.ok,
    needed: result.verdict.needed,
    message: result.verdict.message,
  }));
  return `${JSON.stringify({ base: report.baseLabel, ok: report.ok, changes, gate }, null, 2)}\n`;
}

/** The field a schema pointer names, for people: `.../schema/properties/a/items/properties/b` → `a[].b`. */
export function fieldOf(pointer: string): string | undefined {
  const tokens = pointerTokens(pointer);
  const start = tokens.lastIndexOf('schema');
  if (start === -1) return undefined;
  let field = '';
  for (let i = start + 1; i < tokens.length; i += 1) {
    if (tokens[i] === 'properties' && i + 1 < tokens.length) field += `${field ? '.' : ''}${tokens[++i]}`;
    else if (tokens[i] === 'items' || tokens[i] === 'additionalProperties') field += tokens[i] === 'items' ? '[]' : '{}';
  }
  return field || undefined;
}

/** A changelog per API, grouped by operation, breaking first: what a client release notes. */
export function renderChangelog(report: Report): string {
  const lines: string[] = [];
  const mark: Record<Level, string> = { breaking: 'BREAKING: ', warning: 'Warning: ', info: '' };
  for (const result of report.results) {
    const version = result.status === 'new' ? `new at ${result.headVersion}` : `${result.baseVersion ?? '?'} → ${result.headVersion}`;
    lines.push(`## ${cell(result.api)} ${cell(version)}`, '');
    if (result.changes.length === 0) {
      lines.push('No changes.', '');
      continue;
    }
    const groups = new Map<string, Change[]>();
    for (const change of sorted(result.changes)) {
      const key = change.location.operation ?? 'Whole API';
      groups.set(key, [...(groups.get(key) ?? []), change]);
    }
    for (const [operation, changes] of groups) {
      lines.push(`### ${cell(operation)}`, '');
      for (const change of changes) {
        const field = fieldOf(change.location.pointer);
        lines.push(`- ${mark[change.level]}${field ? `${code(field)}: ` : ''}${cell(change.message)} (\`${change.id}\`)`);
      }
      lines.push('');
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

export function render(format: Format, report: Report): string {
  switch (format) {
    case 'markdown':
      return renderMarkdown(report);
    case 'json':
      return renderJson(report);
    case 'changelog':
      return renderChangelog(report);
    default:
      return renderText(report);
  }
}

/** `--rules --format markdown`: the rule list as a table (scripts/lib/diff/RULES.md is this, with default levels). */
export function renderRulesMarkdown(levelOf: (id: string) => Level): string {
  const lines = [
    '# Rules of `npm run diff`',
    '',
    'Generated by `npm run diff -- --rules --format markdown` (a test keeps it in sync). `request-*` rules judge what the',
    'client sends (operation requests, webhook responses), `response-*` rules what it reads (operation responses, webhook',
    'requests). Levels are the defaults; `x-checkout-apis.diff.rules` in redocly.yaml overrides them.',
    '',
    '| rule | level | reports |',
    '| --- | --- | --- |',
    ...rules.map((rule) => `| \`${rule.id}\` | ${levelOf(rule.id)} | ${cell(rule.description)} |`),
    '',
    `${rules.length} rules.`,
  ];
  return `${lines.join('\n')}\n`;
}

/** `--rules`: every rule, its level (after overrides) and what it reports. */
export function renderRules(levelOf: (id: string) => Level): string {
  const width = Math.max(...rules.map((rule) => rule.id.length));
  const lines = rules.map((rule) => `${rule.id.padEnd(width)}  ${levelOf(rule.id).padEnd(8)}  ${rule.description}`);
  return `${lines.join('\n')}\n${rules.length} rules.\n`;
}
