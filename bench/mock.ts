/**
 * Part 2: each API's Prism mock under a bounded loopback load, beside a plain node:http server
 * answering the same bytes; requests per second, latency and the mock's resident memory.
 */
import { join } from 'node:path';
import { bundleOutputs } from '../scripts/lib/build-outputs.ts';
import type { BuiltApi } from '../scripts/lib/bundle.ts';
import { writeFileAtomic } from '../scripts/lib/fs-atomic.ts';
import { freePort, startMock, type MockOptions, type RunningMock } from '../scripts/lib/prism.ts';
import { atLeast, atMost, figure, type Figure } from './lib/figures.ts';
import { benchOperation, recordExchange } from './lib/exchange.ts';
import { applyLoad, connections, type LoadRequest, type LoadResult } from './lib/load.ts';
import { startPlainServer } from './lib/plain-server.ts';
import { processTreeRssMB } from './lib/rss.ts';
import { median } from './lib/stats.ts';

export interface MockPlan {
  readonly rounds: number;
  readonly roundSeconds: number;
  /** Load before the first memory reading, so start-up allocation (JIT, caches) is not read as growth. */
  readonly warmupSeconds: number;
  /** The plain server's round after each of Prism's: it reaches its steady rate at once. */
  readonly plainSeconds: number;
}

export const defaultMockPlan: MockPlan = { rounds: 3, roundSeconds: 10, warmupSeconds: 1, plainSeconds: 1 };

/** A Prism configuration: what `startMock` takes besides the spec and port. */
export interface PrismSettings {
  readonly label: string;
  readonly logLevel?: MockOptions['logLevel'];
  readonly extraArgs?: readonly string[];
}

/** What the project's scripts/lib/prism.ts uses when given no options. */
export const projectDefaults: PrismSettings = { label: 'startMock defaults (-v error)' };

export interface MockMeasurement {
  readonly api: string;
  readonly operation: string;
  readonly settings: string;
  readonly plan: MockPlan;
  readonly startupMs: number;
  readonly rssMB: { readonly idle: number; readonly beforeRounds: number; readonly afterEachRound: number[] };
  readonly rounds: LoadResult[];
  /** The plain server's rounds, one after each of Prism's. */
  readonly plainRounds: LoadResult[];
}

/** The JSON bundle of each API, written under the bench's work dir for Prism to serve. */
export function writeBundles(built: readonly BuiltApi[], workDir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of built) {
    const json = bundleOutputs(entry).find((output) => output.path.endsWith('.json'));
    if (!json) throw new Error(`${entry.api.name}: no JSON bundle rendered`);
    const file = join(workDir, 'mock', `${entry.api.name}.json`);
    writeFileAtomic(file, json.content);
    files.set(entry.api.name, file);
  }
  return files;
}

/** Starts Prism through the project's startMock with `settings`, timing spawn to first answer. */
async function launch(specFile: string, settings: PrismSettings): Promise<{ mock: RunningMock; startupMs: number }> {
  const started = performance.now();
  const mock = await startMock({
    specFile,
    port: await freePort(),
    ...(settings.logLevel ? { logLevel: settings.logLevel } : {}),
    ...(settings.extraArgs ? { extraArgs: settings.extraArgs } : {}),
  });
  return { mock, startupMs: performance.now() - started };
}

async function withMock<T>(
  specFile: string,
  settings: PrismSettings,
  use: (mock: RunningMock, startupMs: number) => Promise<T>,
): Promise<T> {
  const { mock, startupMs } = await launch(specFile, settings);
  try {
    return await use(mock, startupMs);
  } finally {
    await mock.stop();
  }
}

function checkClean(api: string, what: string, result: LoadResult): void {
  if (result.failures > 0) throw new Error(`${api}: ${what}: ${result.failures} of ${result.total} requests failed or were not 2xx`);
}

/**
 * One API. Prism and the plain server both run (each idles while the other is loaded); the plain
 * server's short rounds sit between Prism's, so both sides share whatever else the machine is doing.
 */
export async function measureMock(
  entry: BuiltApi,
  specFile: string,
  settings: PrismSettings,
  plan: MockPlan,
  workDir: string,
): Promise<MockMeasurement> {
  const operation = benchOperation(entry.document);
  const measured = await withMock(specFile, settings, async (mock, startupMs) => {
    if (mock.pid === undefined) throw new Error(`${entry.api.name}: Prism has no pid`);
    const { request, response } = await recordExchange(entry.api, entry.document, operation, mock.url);
    if (response.status < 200 || response.status > 299) {
      throw new Error(
        `${entry.api.name}: ${operation.operationId} answered ${response.status}, not 2xx: ${response.body.toString().slice(0, 300)}`,
      );
    }
    const plainServer = await startPlainServer(response, join(workDir, 'mock', `${entry.api.name}.response.json`));
    try {
      const url = new URL(request.url);
      const plainRequest = { ...request, url: new URL(url.pathname + url.search, plainServer.url).toString() };
      const idle = processTreeRssMB(mock.pid);
      if (plan.warmupSeconds > 0) await applyLoad(request, plan.warmupSeconds);
      const beforeRounds = processTreeRssMB(mock.pid);
      const rounds: LoadResult[] = [];
      const plainRounds: LoadResult[] = [];
      const afterEachRound: number[] = [];
      for (let round = 0; round < plan.rounds; round += 1) {
        const result = await applyLoad(request, plan.roundSeconds);
        checkClean(entry.api.name, `round ${round + 1}`, result);
        rounds.push(result);
        afterEachRound.push(processTreeRssMB(mock.pid));
        const plain = await applyLoad(plainRequest, plan.plainSeconds);
        checkClean(entry.api.name, `plain server, round ${round + 1}`, plain);
        plainRounds.push(plain);
      }
      return { startupMs, rssMB: { idle, beforeRounds, afterEachRound }, rounds, plainRounds };
    } finally {
      await plainServer.stop();
    }
  });
  return {
    api: entry.api.name,
    operation: `${operation.method.toUpperCase()} ${operation.path}`,
    settings: settings.label,
    plan,
    ...measured,
  };
}

/** Rounds summed up: median throughput and p50, worst p99 — the p99 budget holds in every round. */
function summarise(measurement: MockMeasurement) {
  const rps = median(measurement.rounds.map((round) => round.requestsPerSecond));
  const p50 = median(measurement.rounds.map((round) => round.p50Ms));
  const p99 = Math.max(...measurement.rounds.map((round) => round.p99Ms));
  const after = measurement.rssMB.afterEachRound.at(-1) ?? measurement.rssMB.beforeRounds;
  const growthPercent = ((after - measurement.rssMB.beforeRounds) / measurement.rssMB.beforeRounds) * 100;
  const plain = {
    rps: median(measurement.plainRounds.map((round) => round.requestsPerSecond)),
    p50: median(measurement.plainRounds.map((round) => round.p50Ms)),
    p99: Math.max(...measurement.plainRounds.map((round) => round.p99Ms)),
  };
  return { rps, p50, p99, plain, ratio: rps / plain.rps, after, growthPercent };
}

export function mockFigures(measurement: MockMeasurement): Figure[] {
  const s = summarise(measurement);
  const { api, rssMB } = measurement;
  const { plain } = s;
  return [
    figure({
      section: 'mock',
      name: `${api} throughput vs plain`,
      value: s.ratio,
      unit: 'share',
      budget: atLeast(1 / 12, '≥ 0.083× (1/12)'),
      detail: `${measurement.operation}: Prism ${Math.round(s.rps)} req/s vs plain ${Math.round(plain.rps)} req/s (${connections} conns; medians of ${measurement.rounds.length} rounds of ${measurement.plan.roundSeconds} s and ${measurement.plan.plainSeconds} s, interleaved)`,
    }),
    figure({
      section: 'mock',
      name: `${api} p99 latency`,
      value: s.p99,
      unit: 'ms',
      budget: atMost(10, '≤ 10 ms'),
      detail: `p50 ${s.p50} ms (worst round p99; plain p50 ${plain.p50} / p99 ${plain.p99} ms)`,
    }),
    figure({
      section: 'mock',
      name: `${api} memory growth`,
      value: s.growthPercent,
      unit: '%',
      budget: atMost(10, '≤ +10 %'),
      detail: `RSS ${rssMB.beforeRounds.toFixed(1)} MB after warm-up → ${rssMB.afterEachRound.map((mb) => mb.toFixed(1)).join(' / ')} MB after each round (idle after start ${rssMB.idle.toFixed(1)} MB)`,
    }),
    figure({
      section: 'mock',
      name: `${api} Prism start-up`,
      value: measurement.startupMs,
      unit: 'ms',
      detail: 'spawn to first answer (startMock)',
    }),
  ];
}

/** The Prism settings compared by `--tune-prism`, each against the project's defaults. */
export const tuningVariants: readonly PrismSettings[] = [
  projectDefaults,
  { label: '-v info (Prism default)', logLevel: 'info' },
  { label: '-v silent', logLevel: 'silent' },
  { label: '-v error --cors=false', extraArgs: ['--cors=false'] },
  { label: '-v error --multiprocess', extraArgs: ['--multiprocess'] },
  { label: '-v silent --cors=false', logLevel: 'silent', extraArgs: ['--cors=false'] },
];

export interface TuningMeasurement {
  readonly settings: string;
  readonly startupMs: number;
  readonly rssMB: number;
  readonly rounds: LoadResult[];
}

/**
 * Every variant runs at once but idle; the load visits them in turn, round after round, so a
 * neighbour's burst on the machine spoils one round of each variant rather than one whole variant.
 */
export async function measureTuning(
  entry: BuiltApi,
  specFile: string,
  variants: readonly PrismSettings[],
  plan: MockPlan,
): Promise<TuningMeasurement[]> {
  const operation = benchOperation(entry.document);
  const mocks: RunningMock[] = [];
  const running: Array<{ settings: PrismSettings; mock: RunningMock; startupMs: number; request: LoadRequest }> = [];
  try {
    for (const settings of variants) {
      const { mock, startupMs } = await launch(specFile, settings);
      mocks.push(mock);
      const { request } = await recordExchange(entry.api, entry.document, operation, mock.url);
      running.push({ settings, mock, startupMs, request });
    }
    for (const variant of running) if (plan.warmupSeconds > 0) await applyLoad(variant.request, plan.warmupSeconds);
    const rounds = running.map((): LoadResult[] => []);
    for (let round = 0; round < plan.rounds; round += 1) {
      for (const [index, variant] of running.entries()) {
        const result = await applyLoad(variant.request, plan.roundSeconds);
        checkClean(entry.api.name, `${variant.settings.label} round ${round + 1}`, result);
        rounds[index]!.push(result);
      }
    }
    return running.map((variant, index) => ({
      settings: variant.settings.label,
      startupMs: variant.startupMs,
      rssMB: variant.mock.pid === undefined ? 0 : processTreeRssMB(variant.mock.pid),
      rounds: rounds[index]!,
    }));
  } finally {
    await Promise.all(mocks.map((mock) => mock.stop()));
  }
}

export function tuningFigures(api: string, measurements: readonly TuningMeasurement[]): Figure[] {
  const baseline = measurements[0];
  const rpsOf = (m: TuningMeasurement) => median(m.rounds.map((round) => round.requestsPerSecond));
  return measurements.map((m) =>
    figure({
      section: 'prism tuning',
      name: `${api}: ${m.settings}`,
      value: rpsOf(m),
      unit: 'rps',
      detail: `${baseline ? `${(rpsOf(m) / rpsOf(baseline)).toFixed(2)}× the defaults, ` : ''}p50 ${median(m.rounds.map((r) => r.p50Ms))} ms, p99 ${Math.max(...m.rounds.map((r) => r.p99Ms))} ms, RSS ${m.rssMB.toFixed(1)} MB, start-up ${(m.startupMs / 1000).toFixed(2)} s (median of ${m.rounds.length} interleaved rounds)`,
    }),
  );
}
