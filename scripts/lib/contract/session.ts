/**
 * One API's contract run against one target, as an object with a lifecycle:
 * `createSession` (plans the checks) → `open()` (loads the API's generated client, authenticated as
 * the spec says; tokens are fetched by its middleware on first use) → `run(check)` / `runAll()` →
 * `close()` (idempotent; `withSession` always calls it). Running a check outside `open` is a
 * programming error and throws. A check that fails inside this engine (a bug, or input it cannot
 * handle) ends as `error` with an `internal.error` finding; the other checks still run.
 */
import type { Operation } from '../openapi.ts';
import type { ContractApi } from './api.ts';
import type { CheckContext } from './checks/check.ts';
import { checkOf, planChecks } from './checks/registry.ts';
import { curlLine } from './curl.ts';
import { judge } from './judge.ts';
import { Masker } from './mask.ts';
import { planOptionsOf } from './plan.ts';
import { proxyFindings } from './proxy-violations.ts';
import { createSender, type Sender } from './send.ts';
import type { CheckResult, Failure, Observation, PlannedCheck, Probe, ProbeResult, TargetOptions } from './types.ts';

export type { Probe, ProbeResult } from './types.ts';

export type SessionState = 'created' | 'open' | 'closed';

/** A session used out of order (a check run before `open` or after `close`, `open` twice). */
export class SessionStateError extends Error {
  constructor(action: string, state: SessionState) {
    super(`contract session: cannot ${action} a session that is ${state}`);
    this.name = 'SessionStateError';
  }
}

function internalFailure(loaded: ContractApi, masker: Masker, check: PlannedCheck, error: unknown): Failure {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return {
    code: 'internal.error',
    details: { error: error instanceof Error ? error.name : typeof error },
    api: loaded.api.name,
    check: check.id,
    operationId: check.operation?.operationId ?? '',
    status: undefined,
    pointer: '',
    expected: 'the check to run to its end',
    actual: masker.excerpt(text),
    curl: undefined,
  };
}

export class ContractSession implements CheckContext {
  /** Every check of the plan, in the order `runAll` runs them. */
  readonly checks: PlannedCheck[];
  readonly masker: Masker;
  readonly #observed: Observation[] = [];
  #state: SessionState = 'created';
  /** Loaded by `open`; a client that fails to load fails each check that sends, not the session. */
  #sender: Promise<Sender> | undefined;

  constructor(
    readonly loaded: ContractApi,
    readonly target: TargetOptions,
  ) {
    this.masker = new Masker(Object.values(target.credentials));
    this.checks = planChecks(loaded, planOptionsOf(target));
  }

  get state(): SessionState {
    return this.#state;
  }

  get observed(): readonly Observation[] {
    return this.#observed;
  }

  async open(): Promise<this> {
    if (this.#state !== 'created') throw new SessionStateError('open', this.#state);
    this.#sender = createSender(this.loaded, this.target, this.masker);
    // Awaited by each probe; a failure here is each check's to report.
    this.#sender.catch(() => undefined);
    this.#state = 'open';
    return this;
  }

  async close(): Promise<void> {
    if (this.#state === 'closed') return;
    this.#state = 'closed';
    const sender = this.#sender;
    this.#sender = undefined;
    await sender?.catch(() => undefined);
  }

  async probe(request: Probe): Promise<ProbeResult> {
    if (this.#sender === undefined) throw new SessionStateError('send through', this.#state);
    const { loaded, target, masker } = this;
    const throughProxy = request.viaProxy !== false && target.proxyUrl !== undefined;
    const exchange = await (await this.#sender).send(request.operation, request.inputs, {
      ...(request.authenticated === false ? { authenticated: false } : {}),
      ...(request.headers ? { headers: request.headers } : {}),
      ...(throughProxy ? { baseUrl: target.proxyUrl } : {}),
    });
    const fromProxy = throughProxy && exchange.response ? proxyFindings(exchange.response, masker) : [];
    // Prism answered in the upstream's place: its report is the finding, the body is its own.
    const replaced = fromProxy.some((finding) => finding.code === 'proxy.replaced');
    const judged = judge(loaded, request.operation, exchange, request.expectation, masker);
    return { exchange, status: judged.status, findings: replaced ? fromProxy : [...judged.findings, ...fromProxy] };
  }

  failuresOf(check: PlannedCheck, operation: Operation, result: ProbeResult): Failure[] {
    const masker = this.masker;
    const curl = result.exchange.request ? curlLine(result.exchange.request, masker) : undefined;
    return result.findings.map((finding) => ({
      code: finding.code,
      ...(finding.details ? { details: finding.details } : {}),
      api: this.loaded.api.name,
      check: check.id,
      operationId: operation.operationId,
      status: result.status,
      pointer: finding.pointer,
      expected: masker.excerpt(finding.expected),
      actual: masker.mask(finding.actual),
      curl,
    }));
  }

  observe(operation: Operation, result: ProbeResult): Observation[] {
    if (result.status === undefined) return [];
    const observation = { operationId: operation.operationId, status: result.status, ok: result.findings.length === 0 };
    this.#observed.push(observation);
    return [observation];
  }

  async run(check: PlannedCheck): Promise<CheckResult> {
    if (this.#state !== 'open') throw new SessionStateError('run a check of', this.#state);
    if (check.skip !== undefined) return { check, outcome: 'not run', failures: [], observations: [], durationMs: 0, notes: [check.skip] };
    const started = performance.now();
    try {
      const { failures, observations, notes, details } = await checkOf(check.kind).run(check, this);
      return {
        check,
        outcome: failures.length > 0 ? 'fail' : 'pass',
        failures,
        observations,
        durationMs: performance.now() - started,
        notes,
        ...(details ? { details } : {}),
      };
    } catch (error) {
      const failures = [internalFailure(this.loaded, this.masker, check, error)];
      return { check, outcome: 'error', failures, observations: [], durationMs: performance.now() - started, notes: [] };
    }
  }

  /** Every planned check in order (coverage last, since it reads what the others saw). */
  async runAll(): Promise<CheckResult[]> {
    const results: CheckResult[] = [];
    for (const check of this.checks) results.push(await this.run(check));
    return results;
  }
}

export function createSession(loaded: ContractApi, target: TargetOptions): ContractSession {
  return new ContractSession(loaded, target);
}

/** Opens a session, hands it to `use`, and closes it whatever happens. */
export async function withSession<T>(
  loaded: ContractApi,
  target: TargetOptions,
  use: (session: ContractSession) => Promise<T>,
): Promise<T> {
  const session = createSession(loaded, target);
  try {
    return await use(await session.open());
  } finally {
    await session.close();
  }
}
