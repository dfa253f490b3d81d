/**
 * The gates of a plan: why a check may not run against a target (the checks, and the plan they
 * make of one API, are in checks/). State-changing operations against a server are planned as not
 * run unless allowed and given ids; so is an example request that needs ids the user did not give,
 * or client credentials the run lacks. Against a server, the token operation is never among the
 * generated requests.
 */
import type { Operation } from '../openapi.ts';
import { malformedRequest } from '../invalid-values.ts';
import { exampleInputs } from '../requests.ts';
import { identifyingNames, isTokenOperation, isWrite, type ContractApi } from './api.ts';
import { paramEnvName } from './env.ts';
import type { TargetKind, TargetOptions } from './types.ts';

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

/** Why no malformed request can be made of an operation, if none can. */
export function malformGate(loaded: ContractApi, operation: Operation): string | undefined {
  try {
    return malformedRequest(loaded.document, operation, exampleInputs(loaded.document, operation)) === undefined
      ? nothingToMalform
      : undefined;
  } catch {
    // A spec the builder cannot handle: the check runs, and reports the fault as its own error.
    return undefined;
  }
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
