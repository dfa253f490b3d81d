/**
 * Part 3: what a generated client costs. Per call, against bare openapi-fetch sending the same
 * request (auth headers passed by hand) and against a raw `fetch`, all answered by an in-memory
 * fetch so no network hides the difference; and its size on the wire, minified and gzipped: the
 * package's own code (client and the runtime parts it uses; openapi-fetch is a dependency the
 * application shares) and, for reference, with openapi-fetch bundled in.
 */
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import createClient from 'openapi-fetch';
import type { BuiltApi } from '../scripts/lib/bundle.ts';
import { examplesOf, type OpenApiDocument, type Operation } from '../scripts/lib/openapi.ts';
import { exampleInputs, formMediaType, sendThroughClient } from '../scripts/lib/requests.ts';
import { benchOperation, clientFor, recordExchange } from './lib/exchange.ts';
import { atMost, figure, type Figure } from './lib/figures.ts';

export interface ClientMeasurement {
  readonly api: string;
  readonly operation: string;
  readonly rawNsPerCall: number;
  readonly clientNsPerCall: number;
  /** openapi-fetch alone, with the auth headers passed in by hand: splits the overhead between it and the auth middleware. */
  readonly openapiFetchNsPerCall: number;
  /** Medians of the rounds: the overhead over openapi-fetch is judged on these. */
  readonly clientMedianNsPerCall: number;
  readonly openapiFetchMedianNsPerCall: number;
  readonly rounds: number;
  readonly callsPerRound: number;
  /** With openapi-fetch bundled in. */
  readonly bundleBytes: number;
  readonly gzipBytes: number;
  /** The package's own code: openapi-fetch left out, as a dependency. */
  readonly ownBundleBytes: number;
  readonly ownGzipBytes: number;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The documented answer of the operation's first 2xx response, as an in-memory server would send it. */
function exampleAnswer(document: OpenApiDocument, operation: Operation): { status: number; contentType: string; body: string | null } {
  const [status, response] = operation.responses.find(([code]) => /^2\d\d$/.test(code)) ?? ['200', { description: '' }];
  const [contentType, media] = Object.entries(response.content ?? {})[0] ?? ['application/json', undefined];
  const example = media ? examplesOf(document, media)[0]?.[1] : undefined;
  const noBody = ['204', '205', '304'].includes(status) || example === undefined;
  return { status: Number(status), contentType, body: noBody ? null : JSON.stringify(example) };
}

async function nsPerCall(call: () => Promise<unknown>, iterations: number): Promise<number> {
  const started = process.hrtime.bigint();
  for (let index = 0; index < iterations; index += 1) await call();
  return Number(process.hrtime.bigint() - started) / iterations;
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

export const defaultClientPlan: ClientPlan = { warmup: 3000, rounds: 15, iterationsPerRound: 2000 };

export async function measureClient({ api, document }: BuiltApi, plan: ClientPlan): Promise<ClientMeasurement> {
  const operation = benchOperation(document);
  const inputs = exampleInputs(document, operation);
  const answer = exampleAnswer(document, operation);
  const inMemoryFetch = async (_request: Request): Promise<Response> =>
    new Response(answer.body, { status: answer.status, headers: { 'content-type': answer.contentType } });
  const baseUrl = 'http://127.0.0.1:9';
  const client = await clientFor(api, document, baseUrl, inMemoryFetch);
  // The raw call sends what the client sent (same URL, auth and headers), serialising the body itself.
  const { request } = await recordExchange(api, document, operation, baseUrl, inMemoryFetch);
  const isForm = inputs.bodyMediaType === formMediaType;
  const serialise = (body: unknown): string =>
    isForm ? new URLSearchParams(body as Record<string, string>).toString() : JSON.stringify(body);
  const raw = async () => {
    const response = await inMemoryFetch(
      new Request(request.url, {
        method: request.method,
        headers: request.headers,
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
  const bareClient = createClient({ baseUrl, fetch: inMemoryFetch });
  const viaOpenapiFetch = async () => (await sendThroughClient(bareClient, operation, inputs, request.headers)).data;
  const calls = [raw, viaClient, viaOpenapiFetch];
  for (const call of calls) await nsPerCall(call, plan.warmup);
  const rounds: number[][] = calls.map(() => []);
  // Alternating rounds share the machine's drift; the best round is the one least disturbed by GC or
  // a neighbour (noise only ever adds time), as timeit does.
  for (let round = 0; round < plan.rounds; round += 1) {
    for (const [index, call] of calls.entries()) rounds[index]!.push(await nsPerCall(call, plan.iterationsPerRound));
  }
  const [rawRounds, clientRounds, openapiFetchRounds] = rounds as [number[], number[], number[]];
  return {
    api: api.name,
    operation: `${operation.method.toUpperCase()} ${operation.path}`,
    rawNsPerCall: Math.min(...rawRounds),
    clientNsPerCall: Math.min(...clientRounds),
    openapiFetchNsPerCall: Math.min(...openapiFetchRounds),
    clientMedianNsPerCall: median(clientRounds),
    openapiFetchMedianNsPerCall: median(openapiFetchRounds),
    rounds: plan.rounds,
    callsPerRound: plan.iterationsPerRound,
    ...(await clientSize(api.clientFile)),
    ...Object.fromEntries(
      Object.entries(await clientSize(api.clientFile, ['openapi-fetch'])).map(([key, value]) => [
        `own${key[0]!.toUpperCase()}${key.slice(1)}`,
        value,
      ]),
    ),
  } as ClientMeasurement;
}

const ns = (value: number): string => `${value >= 0 ? '+' : '−'}${Math.round(Math.abs(value)).toLocaleString('en-US')} ns`;

export function clientFigures(measurement: ClientMeasurement, openapiFetchGzipBytes: number): Figure[] {
  const { api, rawNsPerCall, clientNsPerCall } = measurement;
  const overhead = measurement.clientMedianNsPerCall - measurement.openapiFetchMedianNsPerCall;
  return [
    figure({
      section: 'client',
      name: `${api} overhead vs bare openapi-fetch`,
      value: overhead,
      unit: 'ns/call',
      budget: atMost(1000, '≤ 1 µs/call'),
      detail: `${measurement.operation}: client ${Math.round(measurement.clientMedianNsPerCall).toLocaleString('en-US')} ns/call vs openapi-fetch ${Math.round(measurement.openapiFetchMedianNsPerCall).toLocaleString('en-US')} ns/call (medians of ${measurement.rounds} rounds of ${measurement.callsPerRound.toLocaleString('en-US')} calls); raw fetch ${Math.round(rawNsPerCall).toLocaleString('en-US')} ns/call (best round)`,
      bound: `the client's own layers per call: a ResendableRequest (a Request subclass, so retries and redirects can resend the body), path guard and auth middleware (awaited onRequest/onResponse), operation naming, the deadline (a timer and a promise per call) and the retry loop; best rounds put it at ${ns(clientNsPerCall - measurement.openapiFetchNsPerCall)}`,
    }),
    figure({
      section: 'client',
      name: `${api} overhead vs raw fetch`,
      value: clientNsPerCall / rawNsPerCall,
      unit: 'x',
      detail: `best rounds: client ${Math.round(clientNsPerCall).toLocaleString('en-US')} ns/call, openapi-fetch ${Math.round(measurement.openapiFetchNsPerCall).toLocaleString('en-US')} ns/call, raw ${Math.round(rawNsPerCall).toLocaleString('en-US')} ns/call`,
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
