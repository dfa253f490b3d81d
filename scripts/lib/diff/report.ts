/** Renders the checker's findings: a plain table for the terminal, Markdown for a pull request. */
import type { ApiDiff, Change } from './types.ts';

interface Row {
  readonly api: string;
  readonly kind: string;
  readonly breaking: string;
  readonly where: string;
  readonly what: string;
}

function rowsOf(result: ApiDiff): Row[] {
  if (result.status === 'new') {
    return [{ api: result.api, kind: 'api-added', breaking: 'no', where: '(document)', what: `new API at version ${result.headVersion}` }];
  }
  return result.changes.map((change: Change) => ({
    api: result.api,
    kind: change.kind,
    breaking: change.breaking ? 'BREAKING' : 'no',
    where: change.where,
    what: change.what,
  }));
}

const columns: ReadonlyArray<readonly [keyof Row, string]> = [
  ['api', 'API'],
  ['kind', 'kind'],
  ['breaking', 'breaking?'],
  ['where', 'where'],
  ['what', 'what'],
];

/** The terminal report: base line, one table of every change, then one verdict line per API. */
export function renderTable(results: readonly ApiDiff[], baseLabel: string): string {
  const lines = [`Compared the working tree with ${baseLabel}.`, ''];
  const rows = results.flatMap(rowsOf);
  if (rows.length === 0) {
    lines.push('No changes.');
  } else {
    const widths = columns.map(([key, title]) => Math.max(title.length, ...rows.map((row) => row[key].length)));
    const format = (cells: string[]) => cells.map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ').trimEnd();
    lines.push(format(columns.map(([, title]) => title)));
    lines.push(format(widths.map((width) => '-'.repeat(width))));
    for (const row of rows) lines.push(format(columns.map(([key]) => row[key])));
  }
  lines.push('');
  for (const result of results) lines.push(`${result.verdict.ok ? 'ok  ' : 'FAIL'}  ${result.verdict.message}`);
  return `${lines.join('\n')}\n`;
}

function cell(text: string): string {
  return text.replaceAll('\\', '\\\\').replaceAll('|', '\\|').replace(/\r?\n/g, ' ');
}

function code(text: string): string {
  return `\`${cell(text).replaceAll('`', "'")}\``;
}

/** The pull-request comment: a summary table, then the changes of each API that has any. */
export function renderMarkdown(results: readonly ApiDiff[], baseLabel: string): string {
  const failed = results.filter((result) => !result.verdict.ok);
  const lines = [
    '## API changes',
    '',
    `Compared with ${code(baseLabel)}. ${failed.length === 0 ? '✅ The version gate passes.' : `❌ The version gate fails for ${failed.map((r) => r.api).join(', ')}.`}`,
    '',
    '| API | version | changes | breaking | gate |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const result of results) {
    const version = result.status === 'new' ? `new at ${result.headVersion}` : result.baseVersion === result.headVersion ? result.headVersion : `${result.baseVersion} → ${result.headVersion}`;
    const breaking = result.changes.filter((change) => change.breaking).length;
    lines.push(`| ${cell(result.api)} | ${cell(version)} | ${result.changes.length} | ${breaking} | ${result.verdict.ok ? '✅' : '❌'} ${cell(result.verdict.message)} |`);
  }
  for (const result of results) {
    if (result.changes.length === 0) continue;
    lines.push('', `### ${result.api}`, '', '| kind | breaking? | where | what |', '| --- | --- | --- | --- |');
    for (const change of result.changes) {
      lines.push(`| ${cell(change.kind)} | ${change.breaking ? '**breaking**' : 'no'} | ${code(change.where)} | ${cell(change.what)} |`);
    }
  }
  return `${lines.join('\n')}\n`;
}
