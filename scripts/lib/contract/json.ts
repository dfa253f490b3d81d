/**
 * The JSON reporter: every report as data for tools (`--json <file>`), in a versioned envelope.
 * Findings keep their stable code and details; the text for people rides along. JSON.stringify
 * escapes every control character, so nothing a server sent can break the document.
 */
import { allResults, counts } from './summary.ts';
import type { ApiReport, CheckResult } from './types.ts';

/** Bumped when a field changes meaning or goes away (new fields do not bump it). */
export const contractJsonVersion = 1;

function resultJson(result: CheckResult) {
  const { check, ...rest } = result;
  return {
    id: check.id,
    kind: check.kind,
    ...(check.operation ? { operationId: check.operation.operationId } : {}),
    ...(check.status === undefined ? {} : { status: check.status }),
    ...rest,
  };
}

export function contractJson(reports: readonly ApiReport[]): string {
  const document = {
    version: contractJsonVersion,
    totals: counts(allResults(reports)),
    apis: reports.map((report) => ({ ...report, results: report.results.map(resultJson) })),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
