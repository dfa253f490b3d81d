/**
 * The text reporter. What a person reads: per API, each operation's documented statuses marked pass, FAIL or not run;
 * the checks that did not run and why; each failure with its code, pointer, expectation, what came
 * back and the request as a curl line; checks this engine could not finish, as ERROR.
 * Whatever came from a server or a spec is printed with its control characters escaped, so a
 * response can neither move the cursor nor forge a line of the report.
 */
import { counts, statusMatrix } from './summary.ts';
import type { ApiReport, Failure } from './types.ts';

/**
 * C0 and C1 controls, DEL, line and paragraph separators, and bidirectional overrides: each
 * written as `\u` and four hex digits.
 */
const unprintable = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function printable(text: string): string {
  return text.replace(unprintable, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function formatFailure(failure: Failure): string {
  const where = [failure.api, failure.operationId, failure.status ? `status ${failure.status}` : undefined].filter(Boolean).join(' ');
  const lines = [
    `${printable(where)} ${printable(failure.pointer || '/')}: expected ${printable(failure.expected)}, got ${printable(failure.actual)}`,
    `    check: ${printable(failure.check)} [${failure.code}]`,
  ];
  if (failure.curl) lines.push(`    ${printable(failure.curl)}`);
  return lines.join('\n');
}

export function formatReport(report: ApiReport, target: string): string {
  const lines = [`${report.api}  ${printable(target)}`];
  const matrix = statusMatrix(report);
  const width = Math.max(0, ...[...matrix.keys()].map((name) => printable(name).length));
  for (const [operationId, row] of matrix) {
    lines.push(
      `  ${printable(operationId).padEnd(width)}  ${[...row].map(([status, state]) => `${printable(status)} ${state}`).join('  ')}`,
    );
  }
  for (const result of report.results) {
    if (result.outcome === 'not run') lines.push(`  not run: ${printable(result.check.id)}: ${printable(result.notes.join('; '))}`);
    // A check that ran and left notes (the generated requests: counts, seed, counterexample).
    else if (result.outcome !== 'error' && result.notes.length > 0)
      lines.push(`  ${printable(result.check.id)}: ${printable(result.notes.join('; '))} in ${(result.durationMs / 1000).toFixed(1)} s`);
  }
  for (const result of report.results) {
    const label = result.outcome === 'error' ? 'ERROR' : 'FAIL';
    for (const failure of result.failures) lines.push(`  ${label} ${formatFailure(failure).replaceAll('\n', '\n  ')}`);
  }
  for (const problem of report.specProblems ?? []) lines.push(`  SPEC schema not compiled, its payloads not judged: ${printable(problem)}`);
  if (report.tolerated) lines.push(`  ${report.tolerated} unknown formats or keywords ignored by the validator`);
  const { passed, failed, notRun, errors } = counts(report.results);
  lines.push(
    `  checks: ${passed} passed, ${failed} failed, ${notRun} not run${errors > 0 ? `, ${errors} could not finish (internal error)` : ''}`,
  );
  return lines.join('\n');
}
