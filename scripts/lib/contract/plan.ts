/**
 * Plans the checks of one API from its spec and the target: per operation, a valid authenticated
 * example request that must get a documented success, and every (operation, documented status) when
 * the target can be asked for one (`Prefer: code=`); a call without credentials; a malformed
 * request; the generated requests; the coverage check.
 * State-changing operations against a server are planned as not run unless allowed and given ids;
 * so is an example request that needs ids the user did not give, or client credentials the run lacks.
 * Against a server, the token operation is never among the generated requests.
 */
import type { Operation } from '../openapi.ts';
import { malformedRequest } from '../invalid-values.ts';
import { exampleInputs } from '../requests.ts';
import { documentedStatuses, identifyingNames, isSecured, isTokenOperation, isWrite, validationStatus, type ContractApi } from './api.ts';
import { paramEnvName } from './env.ts';
import type { PlannedCheck, TargetKind, TargetOptions } from './types.ts';

export interface PlanOptions {
  readonly kind: TargetKind;
  readonly allowWrites?: boolean;
  readonly params?: Readonly<Record<string, string>>;
  readonly preferCodes?: boolean;
  readonly fuzzRuns?: number;
  readonly seed?: number;
  /** The client options the run authenticates with (`apiKey`, `clientId` …), for the token operation's gate. */
  readonly credentialOptions?: readonly string[];
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
  if (missing.length > 0)
    return `changes state: needs ${missing.map((name) => `--param ${name}=… or ${paramEnvName(loaded.api, name)}`).join(', ')}`;
  return undefined;
}

/**
 * Why a request carrying credentials must not go to this target's token operation: against a real
 * server it is called only with the run's own client id and secret, never with the spec's examples.
 */
export function tokenGate(loaded: ContractApi, operation: Operation, options: PlanOptions): string | undefined {
  if (options.kind === 'mock' || !isTokenOperation(loaded, operation)) return undefined;
  const own = ['clientId', 'clientSecret'].every((option) => options.credentialOptions?.includes(option));
  return own ? undefined : "the token operation is called only with the run's own client id and secret: set them (see --list-env)";
}

/**
 * Why the example request of an operation cannot be owed a success against this target: the ids it
 * acts on were not given (a spec's example id names nothing on a real server), or it is the token
 * operation and the run has no client id and secret of its own to send.
 */
export function exampleGate(loaded: ContractApi, operation: Operation, options: PlanOptions): string | undefined {
  if (options.kind === 'mock') return undefined;
  // The token operation's "ids" (client_id) are the run's own credentials, judged by tokenGate.
  if (isTokenOperation(loaded, operation)) return tokenGate(loaded, operation, options);
  const missing = identifyingNames(loaded, operation).filter((name) => options.params?.[name] === undefined);
  if (missing.length > 0)
    return `needs the ids it acts on: ${missing.map((name) => `--param ${name}=… or ${paramEnvName(loaded.api, name)}`).join(', ')}`;
  return undefined;
}

/** The operations the generated requests may call: allowed to run, and never a real server's token endpoint. */
export function fuzzableOperations(loaded: ContractApi, options: PlanOptions): Operation[] {
  return loaded.operations.filter(
    (operation) =>
      writeGate(loaded, operation, options) === undefined && !(options.kind === 'server' && isTokenOperation(loaded, operation)),
  );
}

export function usesPreferCodes(options: PlanOptions): boolean {
  return options.kind === 'mock' || options.preferCodes === true;
}

/** Why a malformed-request check is not run: a GET, HEAD or DELETE whose parameters accept any text. */
export const nothingToMalform =
  'nothing this request sends can be made invalid (no parameter or body field with a checkable schema; no body is added where the spec defines none, nor on a GET, HEAD or DELETE)';

function cannotMalform(loaded: ContractApi, operation: Operation): boolean {
  try {
    return malformedRequest(loaded.document, operation, exampleInputs(loaded.document, operation)) === undefined;
  } catch {
    // A spec the builder cannot handle: the check runs, and reports the fault as its own error.
    return false;
  }
}

export function planChecks(loaded: ContractApi, options: PlanOptions): PlannedCheck[] {
  const checks: PlannedCheck[] = [];
  const prefer = usesPreferCodes(options);
  for (const operation of loaded.operations) {
    const skip = writeGate(loaded, operation, options);
    const gate = skip === undefined ? {} : { skip };
    const exampleSkip = skip ?? exampleGate(loaded, operation, options);
    checks.push({
      id: `${operation.operationId} example request`,
      kind: 'example',
      operation,
      ...(exampleSkip === undefined ? {} : { skip: exampleSkip }),
    });
    if (prefer) {
      const statusSkip = skip ?? tokenGate(loaded, operation, options);
      const statusGate = statusSkip === undefined ? {} : { skip: statusSkip };
      for (const status of documentedStatuses(operation))
        checks.push({ id: `${operation.operationId} → ${status}`, kind: 'status', operation, status, ...statusGate });
    }
    if (isSecured(operation))
      checks.push({ id: `${operation.operationId} without credentials → 401`, kind: 'unauthenticated', operation, ...gate });
    const expected = options.kind === 'mock' ? (validationStatus(operation) ?? '422/400') : 'documented 4xx';
    const malformedSkip = skip ?? (cannotMalform(loaded, operation) ? nothingToMalform : undefined);
    checks.push({
      id: `${operation.operationId} malformed request → ${expected}`,
      kind: 'malformed',
      operation,
      ...(malformedSkip === undefined ? {} : { skip: malformedSkip }),
    });
  }
  const runs = options.fuzzRuns ?? defaultFuzzRuns;
  const fuzzable = fuzzableOperations(loaded, options);
  const fuzzSkip =
    runs <= 0 ? 'turned off (--fuzz-runs 0)' : fuzzable.length === 0 ? 'no operation may run against this target' : undefined;
  checks.push({
    id: `generated requests (${runs}, seed ${options.seed ?? defaultSeed})`,
    kind: 'fuzz',
    ...(fuzzSkip ? { skip: fuzzSkip } : {}),
  });
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
    credentialOptions: Object.keys(target.credentials),
  };
}
