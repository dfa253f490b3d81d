/**
 * Runs the planned checks of one API against one target. The single engine behind
 * `npm run contract`, the mock contract tests and the runner's own tests. A check that fails
 * inside this engine (a bug, or input it cannot handle) ends as `error` with an `internal.error`
 * finding; the other checks still run.
 */
import type { Operation } from '../openapi.ts';
import { malformedRequest } from '../invalid-values.ts';
import { documentedStatuses, validationStatus, type ContractApi } from './api.ts';
import { curlLine } from './curl.ts';
import { runFuzz } from './fuzz.ts';
import { exampleRequest } from './inputs.ts';
import { judge } from './judge.ts';
import { Masker } from './mask.ts';
import { planChecks, planOptionsOf } from './plan.ts';
import { proxyFindings } from './proxy-violations.ts';
import { createSender, type Sender } from './send.ts';
import type { CheckResult, Expectation, Failure, Finding, Observation, PlannedCheck, Probe, ProbeResult, TargetOptions } from './types.ts';

export type { Probe, ProbeResult } from './types.ts';

export interface Session {
  readonly loaded: ContractApi;
  readonly target: TargetOptions;
  readonly checks: PlannedCheck[];
  readonly masker: Masker;
  run(check: PlannedCheck): Promise<CheckResult>;
  /** Runs every planned check in order (coverage last, since it reads what the others saw). */
  runAll(): Promise<CheckResult[]>;
}

export function openSession(loaded: ContractApi, target: TargetOptions): Session {
  const masker = new Masker(Object.values(target.credentials));
  const checks = planChecks(loaded, planOptionsOf(target));
  const observed: Observation[] = [];
  let sender: Promise<Sender> | undefined;
  const params = target.params ?? {};

  async function probe(request: Probe): Promise<ProbeResult> {
    sender ??= createSender(loaded, target, masker);
    const throughProxy = request.viaProxy !== false && target.proxyUrl !== undefined;
    const exchange = await (await sender).send(request.operation, request.inputs, {
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

  function failuresOf(check: PlannedCheck, operation: Operation, result: ProbeResult): Failure[] {
    const curl = result.exchange.request ? curlLine(result.exchange.request, masker) : undefined;
    return result.findings.map((finding) => ({
      code: finding.code,
      ...(finding.details ? { details: finding.details } : {}),
      api: loaded.api.name,
      check: check.id,
      operationId: operation.operationId,
      status: result.status,
      pointer: finding.pointer,
      expected: masker.excerpt(finding.expected),
      actual: masker.mask(finding.actual),
      curl,
    }));
  }

  function observe(operation: Operation, result: ProbeResult): Observation[] {
    if (result.status === undefined) return [];
    const observation = { operationId: operation.operationId, status: result.status, ok: result.findings.length === 0 };
    observed.push(observation);
    return [observation];
  }

  async function single(check: PlannedCheck, operation: Operation, request: Probe, extra: (result: ProbeResult) => Finding[] = () => []) {
    const result = await probe(request);
    const full = { ...result, findings: [...result.findings, ...extra(result)] };
    return { failures: failuresOf(check, operation, full), observations: observe(operation, full), notes: [] as string[] };
  }

  async function execute(check: PlannedCheck): Promise<Pick<CheckResult, 'failures' | 'observations' | 'notes'>> {
    const operation = check.operation;
    switch (check.kind) {
      case 'status':
        return single(check, operation!, {
          operation: operation!,
          inputs: exampleRequest(loaded, operation!, params, target.credentials),
          headers: { Prefer: `code=${check.status}` },
          expectation: { status: check.status! },
        });
      case 'example':
        return single(check, operation!, {
          operation: operation!,
          inputs: exampleRequest(loaded, operation!, params, target.credentials),
          expectation: { success: true },
        });
      case 'unauthenticated':
        return single(
          check,
          operation!,
          {
            operation: operation!,
            inputs: exampleRequest(loaded, operation!, params, {}),
            authenticated: false,
            viaProxy: false,
            expectation: { status: '401' },
          },
          () =>
            // A documented 401 is a house convention, not demanded of an external description.
            documentedStatuses(operation!).includes('401') || loaded.api.style === 'external'
              ? []
              : [
                  {
                    code: 'spec.no-401',
                    pointer: '/responses',
                    expected: 'a documented 401 for calls without credentials',
                    actual: `only ${documentedStatuses(operation!).join(', ')}`,
                  },
                ],
        );
      case 'malformed':
        return malformed(check, operation!);
      case 'fuzz':
        return runFuzz({ loaded, target, masker, probe, failuresOf, observe }, check);
      case 'coverage':
        return coverage(check);
    }
  }

  async function malformed(check: PlannedCheck, operation: Operation) {
    const wanted = validationStatus(operation);
    const spec: Finding[] =
      wanted || loaded.api.style === 'external'
        ? []
        : [
            {
              code: 'spec.no-validation-status',
              pointer: '/responses',
              expected: 'a documented 422 or 400 for invalid requests',
              actual: `only ${documentedStatuses(operation).join(', ')}`,
            },
          ];
    // Planned only when one exists (plan.ts skips the check otherwise).
    const bad = malformedRequest(loaded.document, operation, exampleRequest(loaded, operation, params, target.credentials))!;
    const expectation: Expectation =
      target.kind === 'mock' && wanted
        ? { status: wanted }
        : {
            allowed: (status) => status >= 400 && status < 500 && status !== 401,
            allowedLabel: `4xx other than 401 for a request whose ${bad.field} is invalid`,
          };
    return single(check, operation, { operation, inputs: bad.inputs, viaProxy: false, expectation }, (result) => {
      // Prism names the violation in its header when it answers with the spec's documented 422/400;
      // with none documented it answers with its own problem+json, and no header.
      if (target.kind !== 'mock' || !wanted) return spec;
      // Prism gives the reason in its violations header: it names the field at fault, or the body.
      const violations = (result.exchange.response?.headers.get('sl-violations') ?? '').toLowerCase();
      const named = [bad.field.toLowerCase(), 'body'].some((name) => violations.includes(name));
      const actual = violations === '' ? 'no such header' : masker.excerpt(violations);
      return named
        ? spec
        : [
            ...spec,
            {
              code: 'mock.violation-unnamed',
              pointer: '/headers/sl-violations',
              expected: `a violation naming ${bad.field} or the body`,
              actual,
            },
          ];
    });
  }

  async function coverage(check: PlannedCheck) {
    const seen = new Set(observed.map((observation) => `${observation.operationId} ${observation.status}`));
    // A status that was not to be asked for (a gated write, a token operation without own credentials) cannot be owed.
    const asked = new Set(
      checks
        .filter((planned) => planned.kind === 'status' && planned.skip === undefined)
        .map((planned) => `${planned.operation!.operationId} ${planned.status}`),
    );
    const failures: Failure[] = [];
    for (const operation of loaded.operations) {
      for (const status of documentedStatuses(operation)) {
        if (seen.has(`${operation.operationId} ${status}`) || !asked.has(`${operation.operationId} ${status}`)) continue;
        failures.push({
          code: 'coverage.unobserved',
          api: loaded.api.name,
          check: check.id,
          operationId: operation.operationId,
          status,
          pointer: '/responses',
          expected: `status ${status} observed`,
          actual: 'never observed',
          curl: undefined,
        });
      }
    }
    return { failures, observations: [], notes: [] };
  }

  function internalFailure(check: PlannedCheck, error: unknown): Failure {
    const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return {
      code: 'internal.error',
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

  async function run(check: PlannedCheck): Promise<CheckResult> {
    if (check.skip !== undefined) return { check, outcome: 'not run', failures: [], observations: [], durationMs: 0, notes: [check.skip] };
    const started = performance.now();
    try {
      const { failures, observations, notes } = await execute(check);
      return {
        check,
        outcome: failures.length > 0 ? 'fail' : 'pass',
        failures,
        observations,
        durationMs: performance.now() - started,
        notes,
      };
    } catch (error) {
      return {
        check,
        outcome: 'error',
        failures: [internalFailure(check, error)],
        observations: [],
        durationMs: performance.now() - started,
        notes: [],
      };
    }
  }

  return {
    loaded,
    target,
    checks,
    masker,
    run,
    async runAll() {
      const results: CheckResult[] = [];
      for (const check of checks) results.push(await run(check));
      return results;
    },
  };
}
