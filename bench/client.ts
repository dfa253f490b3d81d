/**
 * Part 3: what a generated client costs. Per call, against a raw `fetch` of the same request, both
 * answered by an in-memory fetch so no network hides the difference; and its size on the wire,
 * bundled with its runtime (openapi-fetch and the auth middleware), minified and gzipped.
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
  readonly rounds: number;
  readonly callsPerRound: number;
  readonly bundleBytes: number;
  readonly gzipBytes: number;
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


const bundleOptions = { bundle: true, minify: true, format: 'esm', platform: 'browser', target: 'es2022', write: false, logLevel: 'silent' } as const;

function sizes(code: Uint8Array | undefined, what: string): { bundleBytes: number; gzipBytes: number } {
  if (!code) throw new Error(`${what}: esbuild produced no output`);
  return { bundleBytes: code.byteLength, gzipBytes: gzipSync(code).byteLength };
}

/** Minified ESM bundle of the client with everything it imports at run time; gzip at zlib's default level. */
export async function clientSize(clientFile: string): Promise<{ bundleBytes: number; gzipBytes: number }> {
  const result = await build({ ...bundleOptions, entryPoints: [clientFile] });
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
  const serialise = (body: unknown): string => (isForm ? new URLSearchParams(body as Record<string, string>).toString() : JSON.stringify(body));
  const raw = async () => {
    const response = await inMemoryFetch(
      new Request(request.url, { method: request.method, headers: request.headers, ...(inputs.body === undefined ? {} : { body: serialise(inputs.body) }) }),
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
    rounds: plan.rounds,
    callsPerRound: plan.iterationsPerRound,
    ...(await clientSize(api.clientFile)),
  };
}

const ns = (value: number): string => `${value >= 0 ? '+' : '−'}${Math.round(Math.abs(value)).toLocaleString('en-US')} ns`;

export function clientFigures(measurement: ClientMeasurement, openapiFetchGzipBytes: number): Figure[] {
  const { api, rawNsPerCall, clientNsPerCall } = measurement;
  return [
    figure({
      section: 'client',
      name: `${api} overhead vs raw fetch`,
      value: clientNsPerCall / rawNsPerCall,
      unit: 'x',
      budget: atMost(1.2, '≤ 1.2×'),
      detail: `${measurement.operation}: client ${Math.round(clientNsPerCall).toLocaleString('en-US')} ns/call vs raw ${Math.round(rawNsPerCall).toLocaleString('en-US')} ns/call (best of ${measurement.rounds} rounds of ${measurement.callsPerRound.toLocaleString('en-US')} calls)`,
      bound: `the client adds ${ns(clientNsPerCall - rawNsPerCall)} per call: openapi-fetch alone (auth headers passed by hand) ${ns(measurement.openapiFetchNsPerCall - rawNsPerCall)} (headers merged into two extra Headers objects, URL and query serialised per call); the auth middleware (awaited onRequest/onResponse, a request id) ${ns(clientNsPerCall - measurement.openapiFetchNsPerCall)}`,
    }),
    figure({
      section: 'client',
      name: `${api} size (min+gzip)`,
      value: measurement.gzipBytes / 1000,
      unit: 'kB',
      budget: atMost(3.5, '≤ 3.5 kB'),
      detail: `${(measurement.bundleBytes / 1000).toFixed(2)} kB minified, with openapi-fetch and the auth runtime (esbuild, zlib level 6)`,
      bound: `openapi-fetch alone is ${(openapiFetchGzipBytes / 1000).toFixed(2)} kB of it; the auth runtime (every scheme kind, with its messages) and the factory add ${((measurement.gzipBytes - openapiFetchGzipBytes) / 1000).toFixed(2)} kB`,
    }),
  ];
}
