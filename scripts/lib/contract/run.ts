/** One API's whole contract run against one target, as a report. */
import { documentedStatuses, type ContractApi } from './api.ts';
import { openSession } from './session.ts';
import type { ApiReport, TargetOptions } from './types.ts';

export function documentedPairs(loaded: ContractApi): Array<readonly [string, string]> {
  return loaded.operations.flatMap((operation) => documentedStatuses(operation).map((status) => [operation.operationId, status] as const));
}

export async function runContractApi(loaded: ContractApi, target: TargetOptions): Promise<ApiReport> {
  const session = openSession(loaded, target);
  return { api: loaded.api.name, documented: documentedPairs(loaded), results: await session.runAll() };
}

export function failed(reports: readonly ApiReport[]): boolean {
  return reports.some((report) => report.results.some((result) => result.outcome === 'fail'));
}
