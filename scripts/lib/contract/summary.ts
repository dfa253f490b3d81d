/**
 * What the reporters show, derived from the reports once: the operation × status matrix and the
 * count of checks per outcome. The reporters (text, JUnit, JSON) only format these.
 */
import type { ApiReport, CheckResult } from './types.ts';

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

export interface Counts {
  readonly passed: number;
  readonly failed: number;
  readonly notRun: number;
  readonly errors: number;
}

export function counts(results: readonly CheckResult[]): Counts {
  return {
    passed: results.filter((result) => result.outcome === 'pass').length,
    failed: results.filter((result) => result.outcome === 'fail').length,
    notRun: results.filter((result) => result.outcome === 'not run').length,
    errors: results.filter((result) => result.outcome === 'error').length,
  };
}

/** Every check of every report. */
export function allResults(reports: readonly ApiReport[]): CheckResult[] {
  return reports.flatMap((report) => report.results);
}
