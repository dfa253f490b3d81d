/**
 * Part 3: what a generated client costs. Per call, against bare openapi-fetch sending the same
 * request (auth headers passed by hand, and a fresh idempotency key per call where the spec
 * documents one, as a correct hand-written call must send) and against a raw `fetch`, all answered
 * by an in-memory fetch so no network hides the difference; and its size on the wire, minified and
 * gzipped: the package's own code (client and the runtime parts it uses; openapi-fetch is a
 * dependency the application shares) and, for reference, with openapi-fetch bundled in.
 *
 * How: in a child process of its own (bench/client-calls.ts: no other part's heap is collected on
 * its time), the three ways of calling take turns in batches (their order rotating), each batch
 * timed in CPU time of that process, so that the time a shared machine gives other processes, and
 * its drift over seconds, counts for none of them. The bare calls use an openapi-fetch instance of
 * their own (see openapiFetchOfItsOwn). The overhead is the median, over the rounds, of the
 * client's time less openapi-fetch's in the same round, printed with its 95 % interval.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import type createClient from 'openapi-fetch';
import type { BuiltApi } from '../scripts/lib/bundle.ts';
import { examplesOf, type OpenApiDocument, type Operation } from '../scripts/lib/openapi.ts';
import { exampleInputs, formMediaType, sendThroughClient } from '../scripts/lib/requests.ts';
import { authPlanOf } from '../scripts/codegen/auth-plan.ts';
import { resiliencePlanOf } from '../scripts/codegen/resilience-plan.ts';
import { benchOperation, clientFor, recordExchange } from './lib/exchange.ts';
import { atMost, figure, type Figure } from './lib/figures.ts';

export interface ClientMeasurement {
  readonly api: string;
  readonly operation: string;
  /** Medians of the rounds, CPU time per call. */
  readonly rawNsPerCall: number;
  readonly clientNsPerCall: number;
  /** openapi-fetch alone, with the auth headers (and idempotency key) passed in by hand. */
  readonly openapiFetchNsPerCall: number;
  /** The median over the rounds of client less openapi-fetch: what the budget judges; and its quartiles. */
  readonly overheadNsPerCall: number;
  readonly overheadQuartilesNsPerCall: readonly [number, number];
  /** Where the median lies with 95 % confidence: the order statistics n/2 ± 0.98·√n of the rounds. */
  readonly overheadMedianCi95NsPerCall: readonly [number, number];
  /** The header the operation documents as its idempotency key, sent fresh per call by both. */
  readonly idempotencyHeader: string | undefined;
  readonly rounds: number;
  readonly callsPerRound: number;
  /** With openapi-fetch bundled in. */
  readonly bundleBytes: number;
  readonly gzipBytes: number;
  /** The package's own code: openapi-fetch left out, as a dependency. */
  readonly ownBundleBytes: number;
  readonly ownGzipBytes: number;
}

/** The documented answer of the operation's first 2xx response, as an in-memory server would send it. */
function exampleAnswer(document: OpenApiDocument, operation: Operation): { status: number; contentType: string; body: string | null } {
  const [status, response] = operation.responses.find(([code]) => /^2\d\d$/.test(code)) ?? ['200', { description: '' }];
  const [contentType, media] = Object.entries(response.content ?? {})[0] ?? ['application/json', undefined];
  const example = media ? examplesOf(document, media)[0]?.[1] : undefined;
  const noBody = ['204', '205', '304'].includes(status) || example === undefined;
  return { status: Number(status), contentType, body: noBody ? null : JSON.stringify(example) };
}

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))]!;
}

/** A distribution-free 95 % confidence interval of the median (normal approximation of the binomial). */
function medianCi95(values: readonly number[]): [number, number] {
  const sorted = [...values].sort((a, b) => a - b);
  const half = 0.98 * Math.sqrt(sorted.length);
  const at = (rank: number) => sorted[Math.max(0, Math.min(sorted.length - 1, rank))]!;
  return [at(Math.floor(sorted.length / 2 - half)), at(Math.ceil(sorted.length / 2 + half))];
}

/** User and system CPU time of this process, in ns: the process's own work, not the time others get. */
function cpuNs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) * 1000;
}

async function nsPerCall(call: () => Promise<unknown>, iterations: number): Promise<number> {
  const started = cpuNs();
  for (let index = 0; index < iterations; index += 1) await call();
  return (cpuNs() - started) / iterations;
}

const bundleOptions = {
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  write: false,
  logLevel: 'silent',
} as const;

function sizes(code: Uint8Array | undefined, what: string): { bundleBytes: number; gzipBytes: number } {
  if (!code) throw new Error(`${what}: esbuild produced no output`);
  return { bundleBytes: code.byteLength, gzipBytes: gzipSync(code).byteLength };
}

/** Minified ESM bundle of the client with everything it imports at run time (or all but `external`); gzip at zlib's default level. */
export async function clientSize(clientFile: string, external: string[] = []): Promise<{ bundleBytes: number; gzipBytes: number }> {
  const result = await build({ ...bundleOptions, entryPoints: [clientFile], external });
  return sizes(result.outputFiles[0]?.contents, clientFile);
}

/** openapi-fetch alone, bundled the same way: the part of every client's size the project does not write. */
export async function openapiFetchSize(resolveDir: string): Promise<{ bundleBytes: number; gzipBytes: number }> {
  const stdin = { contents: "export { default } from 'openapi-fetch';", resolveDir, loader: 'ts' as const };
  const result = await build({ ...bundleOptions, stdin });
  return sizes(result.outputFiles[0]?.contents, 'openapi-fetch');
}

export interface ClientPlan {
  readonly warmup: number;
  readonly rounds: number;
  readonly iterationsPerRound: number;
}

// Rounds of 2,000 calls (about 50 ms): each spans several minor collections, so one landing in a
// round moves its time by little; 200-call rounds spread ±10 µs a call around the median.
export const defaultClientPlan: ClientPlan = { warmup: 5000, rounds: 40, iterationsPerRound: 2000 };

/** The timings of one API's calls, round by round, as bench/client-calls.ts reports them. */
export interface CallTimings {
  readonly operation: string;
  readonly idempotencyHeader: string | undefined;
  readonly raw: number[];
  readonly client: number[];
  readonly openapiFetch: number[];
}

/**
 * openapi-fetch as a module instance of its own, for the bare calls. V8 keeps one set of inline
 * caches per function, so a single instance shared by both ways of calling would learn the object
 * shapes of each and run both slower than a program that uses one of them (measured: about 1.5 µs a
 * call moved between the two). Node loads a module again for the same URL with another query.
 */
async function openapiFetchOfItsOwn(): Promise<typeof createClient> {
  const module = (await import(`${import.meta.resolve('openapi-fetch')}?instance=bare`)) as { default: typeof createClient };
  return module.default;
}

export async function timeCalls({ api, document }: BuiltApi, plan: ClientPlan): Promise<CallTimings> {
  const operation = benchOperation(document);
  const inputs = exampleInputs(document, operation);
  const answer = exampleAnswer(document, operation);
  const inMemoryFetch = async (_request: Request): Promise<Response> =>
    new Response(answer.body, { status: answer.status, headers: { 'content-type': answer.contentType } });
  const baseUrl = 'http://127.0.0.1:9';
  const client = await clientFor(api, document, baseUrl, inMemoryFetch);
  // The raw call sends what the client sent (same URL, auth and headers), serialising the body itself.
  const { request } = await recordExchange(api, document, operation, baseUrl, inMemoryFetch);
  const policy = resiliencePlanOf(document, authPlanOf(api, document)).operations[`${operation.method.toUpperCase()} ${operation.path}`];
  const idempotencyHeader = policy?.idempotencyHeader?.toLowerCase();
  // A recorded idempotency key replayed would ask the server to treat every call as the first one:
  // what a hand-written call sends is a fresh key each time, as the client does.
  const headersOfCall = (): Record<string, string> =>
    idempotencyHeader === undefined ? request.headers : { ...request.headers, [idempotencyHeader]: crypto.randomUUID() };
  const isForm = inputs.bodyMediaType === formMediaType;
  const serialise = (body: unknown): string =>
    isForm ? new URLSearchParams(body as Record<string, string>).toString() : JSON.stringify(body);
  const raw = async () => {
    const response = await inMemoryFetch(
      new Request(request.url, {
        method: request.method,
        headers: headersOfCall(),
        ...(inputs.body === undefined ? {} : { body: serialise(inputs.body) }),
      }),
    );
    return answer.body === null ? undefined : response.json();
  };
  const viaClient = async () => {
    const result = await sendThroughClient(client, operation, inputs);
    if (!result.response.ok) throw new Error(`${api.name}: the client's call answered ${result.response.status}`);
    return result.data;
  };
  const bareClient = (await openapiFetchOfItsOwn())({ baseUrl, fetch: inMemoryFetch });
  const viaOpenapiFetch = async () => (await sendThroughClient(bareClient, operation, inputs, headersOfCall())).data;
  const calls = [raw, viaClient, viaOpenapiFetch];
  for (const call of calls) await nsPerCall(call, plan.warmup);
  const rounds: number[][] = calls.map(() => []);
  // Each round times all three, in an order that rotates, so none always runs first or after the same one.
  for (let round = 0; round < plan.rounds; round += 1) {
    for (let turn = 0; turn < calls.length; turn += 1) {
      const index = (round + turn) % calls.length;
      rounds[index]!.push(await nsPerCall(calls[index]!, plan.iterationsPerRound));
    }
  }
  const [rawRounds, clientRounds, openapiFetchRounds] = rounds as [number[], number[], number[]];
  return {
    operation: `${operation.method.toUpperCase()} ${operation.path}`,
    idempotencyHeader: policy?.idempotencyHeader,
    raw: rawRounds,
    client: clientRounds,
    openapiFetch: openapiFetchRounds,
  };
}

/** Runs bench/client-calls.ts for one API and returns what it measured. */
function timeCallsInChild(built: BuiltApi, plan: ClientPlan): CallTimings {
  const dir = mkdtempSync(join(tmpdir(), 'checkout-apis-bench-client-'));
  try {
    const documentFile = join(dir, 'openapi.json');
    writeFileSync(documentFile, JSON.stringify(built.document));
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'client-calls.ts'), built.api.name, documentFile, JSON.stringify(plan)],
      { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
    );
    if (child.status !== 0) throw new Error(`${built.api.name}: timing its calls failed: ${child.stderr.trim().split('\n')[0]}`);
    return JSON.parse(child.stdout) as CallTimings;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function measureClient(built: BuiltApi, plan: ClientPlan): Promise<ClientMeasurement> {
  const { api } = built;
  const timings = timeCallsInChild(built, plan);
  const { raw: rawRounds, client: clientRounds, openapiFetch: openapiFetchRounds } = timings;
  const overheads = clientRounds.map((client, index) => client - openapiFetchRounds[index]!);
  const withOpenapiFetch = await clientSize(api.clientFile);
  const own = await clientSize(api.clientFile, ['openapi-fetch']);
  return {
    api: api.name,
    operation: timings.operation,
    rawNsPerCall: quantile(rawRounds, 0.5),
    clientNsPerCall: quantile(clientRounds, 0.5),
    openapiFetchNsPerCall: quantile(openapiFetchRounds, 0.5),
    overheadNsPerCall: quantile(overheads, 0.5),
    overheadQuartilesNsPerCall: [quantile(overheads, 0.25), quantile(overheads, 0.75)],
    overheadMedianCi95NsPerCall: medianCi95(overheads),
    idempotencyHeader: timings.idempotencyHeader,
    rounds: plan.rounds,
    callsPerRound: plan.iterationsPerRound,
    ...withOpenapiFetch,
    ownBundleBytes: own.bundleBytes,
    ownGzipBytes: own.gzipBytes,
  };
}

const ns = (value: number): string => `${value >= 0 ? '+' : '−'}${Math.round(Math.abs(value)).toLocaleString('en-US')} ns`;

export function clientFigures(measurement: ClientMeasurement, openapiFetchGzipBytes: number): Figure[] {
  const { api, rawNsPerCall, clientNsPerCall, openapiFetchNsPerCall } = measurement;
  const perCall = (value: number) => `${Math.round(value).toLocaleString('en-US')} ns/call`;
  const [q1, q3] = measurement.overheadQuartilesNsPerCall;
  const [low, high] = measurement.overheadMedianCi95NsPerCall;
  return [
    figure({
      section: 'client',
      name: `${api} overhead vs bare openapi-fetch`,
      value: measurement.overheadNsPerCall,
      unit: 'ns/call',
      budget: atMost(1000, '≤ 1 µs/call'),
      detail: `${measurement.operation}: median of ${measurement.rounds} rounds of client less openapi-fetch, ${measurement.callsPerRound.toLocaleString('en-US')} calls each, CPU time (median's 95 % interval ${ns(low)} to ${ns(high)}; quartiles ${ns(q1)}, ${ns(q3)}); medians client ${perCall(clientNsPerCall)}, openapi-fetch ${perCall(openapiFetchNsPerCall)}${measurement.idempotencyHeader ? `, both sending a fresh ${measurement.idempotencyHeader}` : ''}`,
      bound: `the client's own layers per call: the call's plan looked up, credentials added to its header parameters, the path guard, the deadline (an entry in a set one timer sweeps, and a promise), the retry loop and the redirect guard`,
    }),
    figure({
      section: 'client',
      name: `${api} overhead vs raw fetch`,
      value: clientNsPerCall / rawNsPerCall,
      unit: 'x',
      detail: `medians: client ${perCall(clientNsPerCall)}, openapi-fetch ${perCall(openapiFetchNsPerCall)}, raw ${perCall(rawNsPerCall)}`,
    }),
    figure({
      section: 'client',
      name: `${api} package size (min+gzip)`,
      value: measurement.ownGzipBytes / 1000,
      unit: 'kB',
      budget: atMost(4, '≤ 4 kB'),
      detail: `${(measurement.ownBundleBytes / 1000).toFixed(2)} kB minified: the client and the runtime parts it uses; openapi-fetch is a dependency, left out (esbuild, zlib level 6)`,
      bound: `the runtime: auth schemes, redirect guard, token cache, deadline, retries, idempotency keys, typed errors and hooks, with their messages`,
    }),
    figure({
      section: 'client',
      name: `${api} size with openapi-fetch (min+gzip)`,
      value: measurement.gzipBytes / 1000,
      unit: 'kB',
      detail: `${(measurement.bundleBytes / 1000).toFixed(2)} kB minified; openapi-fetch alone is ${(openapiFetchGzipBytes / 1000).toFixed(2)} kB of it`,
    }),
  ];
}
