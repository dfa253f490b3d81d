/**
 * The vocabulary of the contract engine: what a run targets, the checks it plans, what one
 * exchange looked like on the wire, and the failures a judge finds in it.
 */
import type { Operation } from '../openapi.ts';
import type { RequestInputs } from '../requests.ts';

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
  /** Milliseconds the generated requests of one API may take: those not sent by then are not sent. */
  readonly fuzzBudgetMs?: number;
  /** Called after each generated request: how many were sent of how many planned (progress on a terminal). */
  readonly onProgress?: (sent: number, planned: number) => void;
  /** Time and size bounds of every response (defaults: `defaultLimits` in http-fetch.ts). */
  readonly limits?: ResponseLimits;
}

/** What one response may cost: each bound, when crossed, is a finding of its own. */
export interface ResponseLimits {
  /** From sending the request to the last byte of the response. */
  readonly deadlineMs: number;
  /** From sending the request to the end of the response headers. */
  readonly headersTimeoutMs: number;
  readonly maxBodyBytes: number;
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
  /** Why there was no response, when a bound of the run stopped it (deadline, body cap …). */
  readonly stoppedBy?: StopCode;
  /** The bound or rule that stopped it, as data (`limitMs`, `limitBytes` …). */
  readonly stopDetails?: FindingDetails;
}

/** Bounds and safety rules that stop an exchange before it completes. */
export type StopCode = 'limit.deadline' | 'limit.headers-timeout' | 'limit.body-size' | 'safety.token-request';

/**
 * Stable identifiers of what a check can find; tests and tools match these, never the wording.
 * `spec.*` faults lie in the description, `internal.error` in this engine, the rest in the target.
 */
export type FindingCode =
  | StopCode
  | 'response.none'
  | 'limit.body-depth'
  | 'status.not-requested'
  | 'status.not-success'
  | 'status.not-allowed'
  | 'status.server-error'
  | 'status.undocumented'
  | 'header.missing'
  | 'header.invalid'
  | 'content-type.mismatch'
  | 'body.unexpected'
  | 'body.not-json'
  | 'body.required-missing'
  | 'body.invalid'
  | 'body.more-issues'
  | 'client.placement'
  | 'client.unreadable'
  | 'spec.no-401'
  | 'spec.no-validation-status'
  | 'spec.no-success-status'
  | 'mock.violation-unnamed'
  | 'proxy.violation'
  | 'proxy.replaced'
  | 'coverage.unobserved'
  | 'internal.error';

/** What a judge found in one exchange: a code, where (a JSON pointer), what was expected, what came. */
export interface Finding {
  readonly code: FindingCode;
  readonly pointer: string;
  /** Text for people: masked and cut to a bounded length before it is stored. */
  readonly expected: string;
  readonly actual: string;
  /** The facts behind the text, for tools and tests: statuses, names, bounds (never a secret). */
  readonly details?: FindingDetails;
}

export type FindingDetails = Readonly<Record<string, string | number | readonly string[]>>;

export interface Failure {
  readonly code: FindingCode;
  readonly details?: FindingDetails;
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

/** `error`: the check could not finish because of a fault in this engine (exit code 3). */
export type Outcome = 'pass' | 'fail' | 'not run' | 'error';

export interface CheckResult {
  readonly check: PlannedCheck;
  readonly outcome: Outcome;
  readonly failures: Failure[];
  readonly observations: Observation[];
  readonly durationMs: number;
  /** Extra facts worth printing (requests sent, seed). */
  readonly notes: string[];
  /** The same facts as data, for tools and tests (generated requests: counts, seed, counterexample). */
  readonly details?: FindingDetails;
}

export interface ApiReport {
  readonly api: string;
  /** Documented (operationId, status) pairs, in spec order. */
  readonly documented: ReadonlyArray<readonly [string, string]>;
  readonly results: CheckResult[];
  /** Schemas of the spec the validator could not compile (`file:line pointer: why`), once each. */
  readonly specProblems?: readonly string[];
  /** Unknown formats and keywords the validator ignored. */
  readonly tolerated?: number;
}

/** One request a check sends, and how its answer is judged. */
export interface Probe {
  readonly operation: Operation;
  readonly inputs: RequestInputs;
  readonly authenticated?: boolean;
  readonly headers?: Record<string, string>;
  /** Valid traffic goes through the proxy, when there is one; deliberately invalid traffic does not. */
  readonly viaProxy?: boolean;
  readonly expectation?: Expectation;
}

export interface Expectation {
  /** The one status that must come back. */
  readonly status?: string;
  /** A documented success (2xx): what a valid, authenticated request is owed. */
  readonly success?: boolean;
  /** Statuses allowed besides being documented (e.g. only 4xx for a malformed request). */
  readonly allowed?: (status: number) => boolean;
  readonly allowedLabel?: string;
  /** The rule behind `allowed`, as data for the `status.not-allowed` finding. */
  readonly allowedDetails?: FindingDetails;
  /** Fail on any 5xx, documented or not. */
  readonly no5xx?: boolean;
}

export interface ProbeResult {
  readonly exchange: Exchange;
  readonly status: string | undefined;
  readonly findings: Finding[];
}
