/**
 * Property-based requests: a seeded sample of valid and deliberately invalid requests over the
 * operations that may run, sent a few at a time. Every answer must be documented, not a 5xx, and
 * valid for its status. The sample is a pure function of (spec, seed, runs), so a failure is
 * reproduced by the same flags; the first failing request (lowest index) is the counterexample.
 */
import fc from 'fast-check';
import { requestArbitrary, type GeneratedRequest } from './arbitraries.ts';
import type { ContractApi } from './api.ts';
import type { CheckContext, CheckOutput } from './checks/check.ts';
import { defaultFuzzRuns, defaultSeed, fuzzableOperations, planOptionsOf } from './plan.ts';
import type { Failure, FindingCode, Observation, PlannedCheck, TargetOptions } from './types.ts';

/** At most this many distinct failures are kept: the rest are counted. */
const keptFailures = 5;
/** Requests that ran into a time bound before the rest are not sent: a hanging server costs minutes, not hours. */
const maxTimedOut = 3;
const timeBounds: ReadonlySet<FindingCode> = new Set(['limit.deadline', 'limit.headers-timeout', 'safety.token-request']);

export function generatedRequests(loaded: ContractApi, target: TargetOptions): GeneratedRequest[] {
  const options = planOptionsOf(target);
  const operations = fuzzableOperations(loaded, options);
  if (operations.length === 0) return [];
  const arbitrary = fc.oneof(...operations.map((operation) => requestArbitrary(loaded, operation, target.params ?? {})));
  return fc.sample(arbitrary, { seed: target.seed ?? defaultSeed, numRuns: target.fuzzRuns ?? defaultFuzzRuns });
}

async function eachConcurrently<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<void>,
  stopped: () => boolean,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length && !stopped()) {
      const index = next;
      next += 1;
      await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
}

export async function runFuzz(context: CheckContext, check: PlannedCheck): Promise<CheckOutput> {
  const requests = generatedRequests(context.loaded, context.target);
  const failed: Array<{ index: number; request: GeneratedRequest; failures: Failure[] }> = [];
  const observations: Observation[] = [];
  let timedOut = 0;
  let sent = 0;
  const budget = context.target.fuzzBudgetMs;
  const deadline = budget === undefined ? Number.POSITIVE_INFINITY : performance.now() + budget;
  await eachConcurrently(
    requests,
    context.target.concurrency ?? 8,
    async (request, index) => {
      sent += 1;
      context.target.onProgress?.(sent, requests.length);
      const result = await context.probe({
        operation: request.operation,
        inputs: request.inputs,
        authenticated: request.authenticated,
        viaProxy: request.invalid === undefined,
        expectation: { no5xx: true },
      });
      observations.push(...context.observe(request.operation, result));
      const failures = context.failuresOf(check, request.operation, result);
      if (failures.length > 0) failed.push({ index, request, failures });
      if (result.findings.some((finding) => timeBounds.has(finding.code))) timedOut += 1;
    },
    () => timedOut >= maxTimedOut || performance.now() > deadline,
  );
  failed.sort((a, b) => a.index - b.index);
  const seen = new Set<string>();
  const failures: Failure[] = [];
  for (const entry of failed) {
    for (const failure of entry.failures) {
      const key = `${failure.code} ${failure.operationId} ${failure.status} ${failure.pointer} ${failure.expected}`;
      if (seen.has(key) || failures.length >= keptFailures) continue;
      seen.add(key);
      const what = entry.request.invalid === undefined ? 'a valid request' : `an invalid request (${entry.request.invalid})`;
      failures.push({ ...failure, check: `${check.id} #${entry.index}`, expected: `${failure.expected} — for ${what}` });
    }
  }
  const invalid = requests.filter((request) => request.invalid !== undefined).length;
  const seed = context.target.seed ?? defaultSeed;
  const notes = [`${requests.length} requests (${requests.length - invalid} valid, ${invalid} invalid), seed ${seed}`];
  const details: Record<string, number | string> = { requests: requests.length, invalid, seed, sent, failed: failed.length };
  if (failed.length > 0) {
    notes.push(`${failed.length} requests failed; counterexample #${failed[0]!.index}`);
    details.counterexample = failed[0]!.index;
  }
  if (sent < requests.length) {
    const bounded = timedOut >= maxTimedOut;
    notes.push(
      bounded
        ? `stopped after ${sent} requests: ${timedOut} ran into a time bound or safety rule`
        : `stopped after ${sent} requests: the time budget of ${budget! / 1000} s was spent`,
    );
    details.stoppedBy = bounded ? 'time-bound' : 'time-budget';
  }
  return { failures, observations, notes, details };
}
