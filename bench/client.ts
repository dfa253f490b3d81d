/**
 * Part 3: what a generated client costs. Per call, against bare openapi-fetch sending the same
 * request (auth headers passed by hand, and a fresh idempotency key per call where the spec
 * documents one, as a correct hand-written call must send) and against a raw `fetch`, all answered
 * by an in-memory fetch so no network hides the difference; and its size on the wire, minified and
 * gzipped: the package's own code (client and the runtime parts it uses; openapi-fetch is a
 * dependency the application shares) and, for reference, with openapi-fetch bundled in.
 *
 * How: each way of calling runs in processes of its own (bench/client-calls.ts), as it would in a
 * program that uses only it: in one process the three would share V8's inline caches and undici's
 * code, and each would run with the others' object shapes (measured: about 1.5 µs a call moved
 * between client and openapi-fetch that way). A process warms up, then times batches in its own
 * CPU time, so the time a shared machine gives other processes counts for none of them. Client and
 * openapi-fetch processes run in pairs, one after the other, their order alternating; the overhead
 * is the median over the pairs of the client's median batch less openapi-fetch's, printed with its
 * 95 % interval.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import createClient from 'openapi-fetch';
import type { BuiltApi } from '../scripts/lib/bundle.ts';
import { examplesOf, type OpenApiDocument, type Operation } from '../scripts/lib/openapi.ts';
import { exampleInputs, formMediaType, sendThroughClient } from '../scripts/lib/requests.ts';
import { authPlanOf } from '../scripts/codegen/auth-plan.ts';
import { resiliencePlanOf } from '../scripts/codegen/resilience-plan.ts';
import { benchOperation, clientFor, recordExchange } from './lib/exchange.ts';
import { atMost, figure, type Figure } from './lib/figures.ts';
import { median, medianCi95, quantile } from './lib/stats.ts';

export interface ClientMeasurement {
  readonly api: string;
  readonly operation: string;
  /** Medians over the processes of each one's median batch, CPU time per call. */
  readonly rawNsPerCall: number;
  readonly clientNsPerCall: number;
  /** openapi-fetch alone, with the auth headers (and idempotency key) passed in by hand. */
  readonly openapiFetchNsPerCall: number;
  /** The median over the pairs of client less openapi-fetch: what the budget judges; and its quartiles. */
  readonly overheadNsPerCall: number;
  readonly overheadQuartilesNsPerCall: readonly [number, number];
  /** Where the median lies with 95 % confidence: the order statistics n/2 ± 0.98·√n of the pairs. */
  readonly overheadMedianCi95NsPerCall: readonly [number, number];
  /** The header the operation documents as its idempotency key, sent fresh per call by both. */
  readonly idempotencyHeader: string | undefined;
  /** Pairs of processes, and the calls each process timed after its warm-up. */
  readonly repetitions: number;
  readonly callsPerProcess: number;
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
  /** Pairs of processes (client, then bare openapi-fetch, or the other way round) per API. */
  readonly repetitions: number;
  readonly warmup: number;
  readonly batches: number;
  readonly callsPerBatch: number;
}

// Ten pairs of 40,000 timed calls: from one process to the next, the same code's time moves by about
// ±1 µs a call (measured), far more than the number of calls changes, so pairs buy precision.
export const defaultClientPlan: ClientPlan = { repetitions: 10, warmup: 10_000, batches: 8, callsPerBatch: 5_000 };

/** The three ways of calling an API's bench operation. */
export const callWays = ['client', 'openapiFetch', 'raw'] as const;
export type CallWay = (typeof callWays)[number];

/** What one process measured of one way of calling (bench/client-calls.ts prints it). */
export interface WayTiming {
  readonly operation: string;
  readonly idempotencyHeader: string | undefined;
  /** CPU time per call of each batch, in ns. */
  readonly batches: number[];
}

interface ReadyCall {
  readonly call: () => Promise<unknown>;
  readonly operation: string;
  readonly idempotencyHeader: string | undefined;
}

/** A call of `way`, ready to be timed: everything it needs is set up once, outside the timed loop. */
async function callOf({ api, document }: BuiltApi, way: CallWay): Promise<ReadyCall> {
  const operation = benchOperation(document);
  const inputs = exampleInputs(document, operation);
  const answer = exampleAnswer(document, operation);
  const inMemoryFetch = async (_request: Request): Promise<Response> =>
    new Response(answer.body, { status: answer.status, headers: { 'content-type': answer.contentType } });
  const baseUrl = 'http://127.0.0.1:9';
  const policy = resiliencePlanOf(document, authPlanOf(api, document)).operations[`${operation.method.toUpperCase()} ${operation.path}`];
  const described = { operation: `${operation.method.toUpperCase()} ${operation.path}`, idempotencyHeader: policy?.idempotencyHeader };
  if (way === 'client') {
    const client = await clientFor(api, document, baseUrl, inMemoryFetch);
    const call = async () => {
      const result = await sendThroughClient(client, operation, inputs);
      if (!result.response.ok) throw new Error(`${api.name}: the client's call answered ${result.response.status}`);
      return result.data;
    };
    return { call, ...described };
  }
  // Bare openapi-fetch and the raw call send what the client sent (same URL, auth and headers).
  const { request } = await recordExchange(api, document, operation, baseUrl, inMemoryFetch);
  const idempotencyHeader = policy?.idempotencyHeader;
  // A recorded idempotency key replayed would ask the server to treat every call as the first one:
  // what a hand-written call sends is a fresh key each time, as the client does.
  const headersOfCall = (): Record<string, string> =>
    idempotencyHeader === undefined ? request.headers : { ...request.headers, [idempotencyHeader]: crypto.randomUUID() };
  if (way === 'openapiFetch') {
    const bareClient = createClient({ baseUrl, fetch: inMemoryFetch });
    return { call: async () => (await sendThroughClient(bareClient, operation, inputs, headersOfCall())).data, ...described };
  }
  const isForm = inputs.bodyMediaType === formMediaType;
  const serialise = (body: unknown): string =>
    isForm ? new URLSearchParams(body as Record<string, string>).toString() : JSON.stringify(body);
  const call = async () => {
    const response = await inMemoryFetch(
      new Request(request.url, {
        method: request.method,
        headers: headersOfCall(),
        ...(inputs.body === undefined ? {} : { body: serialise(inputs.body) }),
      }),
    );
    return answer.body === null ? undefined : response.json();
  };
  return { call, ...described };
}

/** Times one way of calling in this process: a warm-up, then batches, each in CPU time per call. */
export async function timeWay(built: BuiltApi, way: CallWay, plan: ClientPlan): Promise<WayTiming> {
  const { call, operation, idempotencyHeader } = await callOf(built, way);
  await nsPerCall(call, plan.warmup);
  const batches: number[] = [];
  for (let batch = 0; batch < plan.batches; batch += 1) batches.push(await nsPerCall(call, plan.callsPerBatch));
  return { operation, idempotencyHeader, batches };
}

/** Runs bench/client-calls.ts: one way of calling one API, in a process of its own. */
function timeWayInChild(documentFile: string, built: BuiltApi, way: CallWay, plan: ClientPlan): WayTiming {
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'client-calls.ts'), built.api.name, documentFile, way, JSON.stringify(plan)],
    { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
  );
  if (child.status !== 0) throw new Error(`${built.api.name}: timing its ${way} calls failed: ${child.stderr.trim().split('\n')[0]}`);
  return JSON.parse(child.stdout) as WayTiming;
}

interface WaysTimed {
  /** Per repetition, each way's median batch (raw: every other repetition). */
  readonly timings: Record<CallWay, number[]>;
  readonly operation: string;
  readonly idempotencyHeader: string | undefined;
}

/** Each way of calling in processes of its own, the client's and bare openapi-fetch's order alternating. */
function timeWays(built: BuiltApi, plan: ClientPlan): WaysTimed {
  const dir = mkdtempSync(join(tmpdir(), 'checkout-apis-bench-client-'));
  try {
    const documentFile = join(dir, 'openapi.json');
    writeFileSync(documentFile, JSON.stringify(built.document));
    const timings: Record<CallWay, number[]> = { client: [], openapiFetch: [], raw: [] };
    let described: WayTiming | undefined;
    for (let repetition = 0; repetition < plan.repetitions; repetition += 1) {
      // Raw fetch only informs a ratio: every other repetition is enough.
      const ways: CallWay[] = repetition % 2 === 0 ? ['client', 'openapiFetch', 'raw'] : ['openapiFetch', 'client'];
      for (const way of ways) {
        const timing = timeWayInChild(documentFile, built, way, plan);
        timings[way].push(median(timing.batches));
        described ??= timing;
      }
    }
    return { timings, operation: described!.operation, idempotencyHeader: described!.idempotencyHeader };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function measureClient(built: BuiltApi, plan: ClientPlan): Promise<ClientMeasurement> {
  const { api } = built;
  const { timings, operation, idempotencyHeader } = timeWays(built, plan);
  // Paired by repetition: the two processes of a pair ran one after the other.
  const overheads = timings.client.map((client, index) => client - timings.openapiFetch[index]!);
  const withOpenapiFetch = await clientSize(api.clientFile);
  const own = await clientSize(api.clientFile, ['openapi-fetch']);
  return {
    api: api.name,
    operation,
    rawNsPerCall: median(timings.raw),
    clientNsPerCall: median(timings.client),
    openapiFetchNsPerCall: median(timings.openapiFetch),
    overheadNsPerCall: median(overheads),
    overheadQuartilesNsPerCall: [quantile(overheads, 0.25), quantile(overheads, 0.75)],
    overheadMedianCi95NsPerCall: medianCi95(overheads),
    idempotencyHeader,
    repetitions: plan.repetitions,
    callsPerProcess: plan.batches * plan.callsPerBatch,
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
      detail: `${measurement.operation}: median of ${measurement.repetitions} pairs of processes, client less openapi-fetch, ${measurement.callsPerProcess.toLocaleString('en-US')} timed calls each, CPU time (median's 95 % interval ${ns(low)} to ${ns(high)}; quartiles ${ns(q1)}, ${ns(q3)}); medians client ${perCall(clientNsPerCall)}, openapi-fetch ${perCall(openapiFetchNsPerCall)}${measurement.idempotencyHeader ? `, both sending a fresh ${measurement.idempotencyHeader}` : ''}`,
      bound: `the client's own layers per call: the call's plan looked up, credentials added to its header parameters, the path guard, the deadline (a timer and a promise), the retry loop and the redirect guard`,
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
