/**
 * Plans the checks of one API from its spec and the target: every (operation, documented status)
 * when the target can be asked for one (`Prefer: code=`), else one example request per operation;
 * a call without credentials; a malformed request; the generated requests; the coverage check.
 * State-changing operations against a server are planned as not run unless allowed and given ids.
 */
import type { Operation } from '../openapi.ts';
import { documentedStatuses, identifyingNames, isSecured, isWrite, validationStatus, type ContractApi } from './api.ts';
import { paramEnvName } from './env.ts';
import type { PlannedCheck, TargetKind, TargetOptions } from './types.ts';

export interface PlanOptions {
  readonly kind: TargetKind;
  readonly allowWrites?: boolean;
  readonly params?: Readonly<Record<string, string>>;
  readonly preferCodes?: boolean;
  readonly fuzzRuns?: number;
  readonly seed?: number;
}

export const defaultFuzzRuns = 1000;
export const defaultSeed = 20240601;

/** Why an operation must not run against this target, if it must not. */
export function writeGate(loaded: ContractApi, operation: Operation, options: PlanOptions): string | undefined {
  if (options.kind === 'mock' || !isWrite(loaded, operation)) return undefined;
  const needed = identifyingNames(loaded, operation);
  const howToGive = needed.map((name) => `--param ${name}=… or ${paramEnvName(loaded.api, name)}`).join(', ');
  if (!options.allowWrites) return `changes state: run with --allow-writes${howToGive ? ` and ${howToGive}` : ''}`;
  const missing = needed.filter((name) => options.params?.[name] === undefined);
  if (missing.length > 0) return `changes state: needs ${missing.map((name) => `--param ${name}=… or ${paramEnvName(loaded.api, name)}`).join(', ')}`;
  return undefined;
}

export function usesPreferCodes(options: PlanOptions): boolean {
  return options.kind === 'mock' || options.preferCodes === true;
}

export function planChecks(loaded: ContractApi, options: PlanOptions): PlannedCheck[] {
  const checks: PlannedCheck[] = [];
  const prefer = usesPreferCodes(options);
  for (const operation of loaded.operations) {
    const skip = writeGate(loaded, operation, options);
    const gate = skip === undefined ? {} : { skip };
    if (prefer) {
      for (const status of documentedStatuses(operation)) checks.push({ id: `${operation.operationId} → ${status}`, kind: 'status', operation, status, ...gate });
    } else {
      checks.push({ id: `${operation.operationId} example request`, kind: 'example', operation, ...gate });
    }
    if (isSecured(operation)) checks.push({ id: `${operation.operationId} without credentials → 401`, kind: 'unauthenticated', operation, ...gate });
    const expected = options.kind === 'mock' ? (validationStatus(operation) ?? '422/400') : 'documented 4xx';
    checks.push({ id: `${operation.operationId} malformed request → ${expected}`, kind: 'malformed', operation, ...gate });
  }
  const runs = options.fuzzRuns ?? defaultFuzzRuns;
  const fuzzable = loaded.operations.filter((operation) => writeGate(loaded, operation, options) === undefined);
  const fuzzSkip = runs <= 0 ? 'turned off (--fuzz-runs 0)' : fuzzable.length === 0 ? 'no operation may run against this target' : undefined;
  checks.push({ id: `generated requests (${runs}, seed ${options.seed ?? defaultSeed})`, kind: 'fuzz', ...(fuzzSkip ? { skip: fuzzSkip } : {}) });
  if (prefer) checks.push({ id: 'every documented (operation, status) observed', kind: 'coverage' });
  return checks;
}

export function planOptionsOf(target: TargetOptions): PlanOptions {
  return {
    kind: target.kind,
    ...(target.allowWrites !== undefined ? { allowWrites: target.allowWrites } : {}),
    ...(target.params ? { params: target.params } : {}),
    ...(target.preferCodes !== undefined ? { preferCodes: target.preferCodes } : {}),
    ...(target.fuzzRuns !== undefined ? { fuzzRuns: target.fuzzRuns } : {}),
    ...(target.seed !== undefined ? { seed: target.seed } : {}),
  };
}
