/**
 * What a person reads: per API, each operation's documented statuses marked pass, FAIL or not run;
 * the checks that did not run and why; each failure with its pointer, expectation, what came back
 * and the request as a curl line.
 */
import type { ApiReport, CheckResult, Failure } from './types.ts';

export type CellState = 'pass' | 'FAIL' | 'not run';

/** Operation × status: documented statuses in spec order, then any undocumented one seen. */
export function statusMatrix(report: ApiReport): Map<string, Map<string, CellState>> {
  const matrix = new Map<string, Map<string, CellState>>();
  for (const [operationId, status] of report.documented) {
    if (!matrix.has(operationId)) matrix.set(operationId, new Map());
    matrix.get(operationId)!.set(status, 'not run');
  }
  for (const observation of report.results.flatMap((result) => result.observations)) {
    const row = matrix.get(observation.operationId) ?? new Map<string, CellState>();
    matrix.set(observation.operationId, row);
    const before = row.get(observation.status);
    row.set(observation.status, !observation.ok || before === 'FAIL' ? 'FAIL' : 'pass');
  }
  return matrix;
}

export function formatFailure(failure: Failure): string {
  const where = [failure.api, failure.operationId, failure.status ? `status ${failure.status}` : undefined].filter(Boolean).join(' ');
  const lines = [`${where} ${failure.pointer || '/'}: expected ${failure.expected}, got ${failure.actual}`, `    check: ${failure.check}`];
  if (failure.curl) lines.push(`    ${failure.curl}`);
  return lines.join('\n');
}

export function counts(results: readonly CheckResult[]): { passed: number; failed: number; notRun: number } {
  return {
    passed: results.filter((result) => result.outcome === 'pass').length,
    failed: results.filter((result) => result.outcome === 'fail').length,
    notRun: results.filter((result) => result.outcome === 'not run').length,
  };
}

export function formatReport(report: ApiReport, target: string): string {
  const lines = [`${report.api}  ${target}`];
  const matrix = statusMatrix(report);
  const width = Math.max(0, ...[...matrix.keys()].map((name) => name.length));
  for (const [operationId, row] of matrix) {
    lines.push(`  ${operationId.padEnd(width)}  ${[...row].map(([status, state]) => `${status} ${state}`).join('  ')}`);
  }
  for (const result of report.results) {
    if (result.outcome === 'not run') lines.push(`  not run: ${result.check.id}: ${result.notes.join('; ')}`);
    else if (result.check.kind === 'fuzz') lines.push(`  ${result.check.id}: ${result.notes.join('; ')} in ${(result.durationMs / 1000).toFixed(1)} s`);
  }
  const failures = report.results.flatMap((result) => result.failures);
  for (const failure of failures) lines.push(`  FAIL ${formatFailure(failure).replaceAll('\n', '\n  ')}`);
  const { passed, failed, notRun } = counts(report.results);
  lines.push(`  checks: ${passed} passed, ${failed} failed, ${notRun} not run`);
  return lines.join('\n');
}
