/**
 * The vocabulary of the contract engine: what a run targets, the checks it plans, what one
 * exchange looked like on the wire, and the failures a judge finds in it.
 */
import type { Operation } from '../openapi.ts';

/**
 * `mock`: an embedded Prism mock — every documented status is forced with `Prefer: code=`, the
 * violations header is expected on malformed requests, and everything runs, writes included.
 * `server`: any other implementation — it is judged on what it answers, and state-changing
 * operations run only when allowed.
 */
export type TargetKind = 'mock' | 'server';

export interface TargetOptions {
  readonly kind: TargetKind;
  readonly baseUrl: string;
  /** Client options that authenticate (`apiKey`, `clientId` + `clientSecret` …). */
  readonly credentials: Readonly<Record<string, string>>;
  /** Run operations that change state against a server (always true for a mock). */
  readonly allowWrites?: boolean;
  /** Values for identifying parameters or body fields, by name (`sessionId` → `cs_123`). */
  readonly params?: Readonly<Record<string, string>>;
  /** Ask for each documented status with `Prefer: code=…` (Prism and servers that honour it). */
  readonly preferCodes?: boolean;
  /** Base URL of a `prism proxy --errors` in front of the target: valid traffic goes through it. */
  readonly proxyUrl?: string;
  /** Generated requests per API; 0 turns fuzzing off. */
  readonly fuzzRuns?: number;
  readonly seed?: number;
  readonly concurrency?: number;
}

export type CheckKind = 'status' | 'example' | 'unauthenticated' | 'malformed' | 'fuzz' | 'coverage';

export interface PlannedCheck {
  /** Unique within an API, stable across runs: names the JUnit test case. */
  readonly id: string;
  readonly kind: CheckKind;
  readonly operation?: Operation;
  /** The status asked for with `Prefer: code=` (kind `status`). */
  readonly status?: string;
  /** Why the check does not run against this target, when it does not. */
  readonly skip?: string;
}

/** A request as it went on the wire, body read as text. */
export interface CapturedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: ReadonlyArray<readonly [string, string]>;
  readonly body: string | undefined;
}

export interface CapturedResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

/** One call: the request that went out, what came back, and where the client put the body. */
export interface Exchange {
  readonly request: CapturedRequest | undefined;
  readonly response: CapturedResponse | undefined;
  /** The client's parsed result; undefined when the call threw. */
  readonly result: { readonly data?: unknown; readonly error?: unknown } | undefined;
  /** A network or client error, when there was no response to judge. */
  readonly thrown: string | undefined;
}

export interface Failure {
  readonly api: string;
  readonly check: string;
  readonly operationId: string;
  /** The status that came back, if any. */
  readonly status: string | undefined;
  /** JSON pointer into the response (body, or `/headers/<name>`) where the contract broke. */
  readonly pointer: string;
  readonly expected: string;
  readonly actual: string;
  /** The request as a curl line, credentials masked. */
  readonly curl: string | undefined;
}

/** One (operation, status) seen on the wire, and whether what came with it was right. */
export interface Observation {
  readonly operationId: string;
  readonly status: string;
  readonly ok: boolean;
}

export interface CheckResult {
  readonly check: PlannedCheck;
  readonly outcome: 'pass' | 'fail' | 'not run';
  readonly failures: Failure[];
  readonly observations: Observation[];
  readonly durationMs: number;
  /** Extra facts worth printing (requests sent, seed). */
  readonly notes: string[];
}

export interface ApiReport {
  readonly api: string;
  /** Documented (operationId, status) pairs, in spec order. */
  readonly documented: ReadonlyArray<readonly [string, string]>;
  readonly results: CheckResult[];
}
