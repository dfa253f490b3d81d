/** One API's whole contract run against one target, as a report; and the exit code of a run. */
import { exitCodes as cliExitCodes } from '../cli/exit-codes.ts';
import { documentedStatuses, type ContractApi } from './api.ts';
import { locatePointer } from '../schema-problems.ts';
import { withSession } from './session.ts';
import type { Masker } from './mask.ts';
import type { ApiReport, CheckResult, FindingDetails, TargetOptions } from './types.ts';

export function documentedPairs(loaded: ContractApi): Array<readonly [string, string]> {
  return loaded.operations.flatMap((operation) => documentedStatuses(operation).map((status) => [operation.operationId, status] as const));
}

function remaskedDetails(details: FindingDetails, masker: Masker): FindingDetails {
  const mask = (value: string | number) => (typeof value === 'string' ? masker.mask(value) : value);
  return Object.fromEntries(
    Object.entries(details).map(([key, value]) => [
      key,
      typeof value === 'object' ? value.map((entry) => masker.mask(entry)) : mask(value),
    ]),
  );
}

/** Masked once more at the end: a token handed out late in the run is hidden in earlier failures too. */
function remasked(result: CheckResult, masker: Masker): CheckResult {
  const failures = result.failures.map((failure) => ({
    ...failure,
    ...(failure.details ? { details: remaskedDetails(failure.details, masker) } : {}),
    expected: masker.mask(failure.expected),
    actual: masker.mask(failure.actual),
    curl: failure.curl === undefined ? undefined : masker.mask(failure.curl),
  }));
  return { ...result, failures, notes: result.notes.map((note) => masker.mask(note)) };
}

export async function runContractApi(loaded: ContractApi, target: TargetOptions): Promise<ApiReport> {
  const { results, masker } = await withSession(loaded, target, async (session) => ({
    results: await session.runAll(),
    masker: session.masker,
  }));
  const specProblems = loaded.validator.problems.map(
    (problem) => `${locatePointer(loaded.api.root, problem.pointer)} ${problem.pointer}: ${problem.message}`,
  );
  return {
    api: loaded.api.name,
    documented: documentedPairs(loaded),
    results: results.map((result) => remasked(result, masker)),
    ...(specProblems.length > 0 ? { specProblems } : {}),
    ...(loaded.validator.tolerated > 0 ? { tolerated: loaded.validator.tolerated } : {}),
  };
}

export function failed(reports: readonly ApiReport[]): boolean {
  return reports.some((report) => report.results.some((result) => result.outcome === 'fail'));
}

/** How `npm run contract` exits: the contract held, was violated, the command was misused, or this engine failed. */
/** The command line's exit codes, named as the contract run reads them (a finding is a violation). */
export const exitCodes = {
  ok: cliExitCodes.ok,
  violated: cliExitCodes.finding,
  usage: cliExitCodes.usage,
  internal: cliExitCodes.internal,
} as const;

/** An internal error outranks a violation: a run that could not finish every check has no verdict. */
export function exitCodeOf(reports: readonly ApiReport[]): number {
  if (reports.some((report) => report.results.some((result) => result.outcome === 'error'))) return exitCodes.internal;
  return failed(reports) ? exitCodes.violated : exitCodes.ok;
}
