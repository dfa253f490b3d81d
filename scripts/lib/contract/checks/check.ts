/**
 * What a contract check is: an entry of the registry (checks/registry.ts) with an id (its kind), a
 * level, what it applies to, how it is planned, and one function that runs a planned instance and
 * returns typed failures (a stable code, structured details). A check reaches the target only
 * through the session's context: probe, judge, observe.
 */
import type { Operation } from '../../openapi.ts';
import type { ContractApi } from '../api.ts';
import type { Masker } from '../mask.ts';
import type { PlanOptions } from '../plan.ts';
import type { CheckKind, CheckResult, Failure, Finding, Observation, PlannedCheck, Probe, ProbeResult, TargetOptions } from '../types.ts';

/** What a failure of the check does to the run: every check today fails it (exit code 1). */
export type CheckLevel = 'error';

/** What a check produces: its failures, the (operation, status) pairs it saw, notes worth printing and their facts. */
export type CheckOutput = Pick<CheckResult, 'failures' | 'observations' | 'notes' | 'details'>;

/** What the session lends a running check. */
export interface CheckContext {
  readonly loaded: ContractApi;
  readonly target: TargetOptions;
  readonly masker: Masker;
  /** The session's whole plan (the coverage check reads which statuses were asked for). */
  readonly checks: readonly PlannedCheck[];
  /** Every (operation, status) seen so far in the session. */
  readonly observed: readonly Observation[];
  /** Sends one request and judges its answer. */
  probe(request: Probe): Promise<ProbeResult>;
  /** A probe's findings as failures of `check`: located, masked, with the request as a curl line. */
  failuresOf(check: PlannedCheck, operation: Operation, result: ProbeResult): Failure[];
  /** Records what a probe saw (nothing when there was no response). */
  observe(operation: Operation, result: ProbeResult): Observation[];
}

export interface OperationScope {
  readonly loaded: ContractApi;
  readonly options: PlanOptions;
  readonly operation: Operation;
  /** Why the operation must not run against this target at all (a gated write), if so. */
  readonly writeGate: string | undefined;
}

export interface ApiScope {
  readonly loaded: ContractApi;
  readonly options: PlanOptions;
}

interface CheckEntry<Scope> {
  /** The id of the check: every planned instance carries it as its `kind`. */
  readonly kind: CheckKind;
  readonly level: CheckLevel;
  /** The instances of this check in a plan (none, one, or one per documented status …). */
  plan(scope: Scope): PlannedCheck[];
  /** Runs one planned instance; a throw ends it as an `internal.error`. */
  run(check: PlannedCheck, context: CheckContext): Promise<CheckOutput>;
}

/** Planned per operation, in spec order. */
export interface OperationCheck extends CheckEntry<OperationScope> {
  readonly appliesTo: 'operation';
}

/** Planned once per API, after every operation's checks (they may read what those saw). */
export interface ApiCheck extends CheckEntry<ApiScope> {
  readonly appliesTo: 'api';
}

export type ContractCheck = OperationCheck | ApiCheck;

/** `skip` set only when there is a reason not to run. */
export function skipped(reason: string | undefined): { skip?: string } {
  return reason === undefined ? {} : { skip: reason };
}

/** One request, judged; `extra` adds findings of the check's own, read from the result. */
export async function probeOnce(
  context: CheckContext,
  check: PlannedCheck,
  request: Probe,
  extra: (result: ProbeResult) => Finding[] = () => [],
): Promise<CheckOutput> {
  const result = await context.probe(request);
  const full = { ...result, findings: [...result.findings, ...extra(result)] };
  return {
    failures: context.failuresOf(check, request.operation, full),
    observations: context.observe(request.operation, full),
    notes: [],
  };
}
