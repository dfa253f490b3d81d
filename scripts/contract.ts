/**
 * `checkout-apis contract [--api <name>] [--base-url <url>] …`: runs the contract suite of one API (or
 * every API) against a server — a provider's sandbox, your own implementation — or, without
 * `--base-url`, against embedded Prism mocks started here from freshly bundled specs.
 * Writes JUnit XML for CI. Exits 0 when the contract held, 1 on a violation, 2 on a usage error
 * (flags, environment), 3 when this engine failed. `--help` lists the flags.
 */
import { rmSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { attempt, attemptSync, exitCodeWith, failedApisNote, reportApiFailures, type ApiFailure } from './lib/api-failures.ts';
import { bundleSpec, type BuiltApi } from './lib/bundle.ts';
import { contractApi, type ContractApi } from './lib/contract/api.ts';
import { envListing, formatEnvListing, paramsFor } from './lib/contract/env.ts';
import { junitXml } from './lib/contract/junit.ts';
import { defaultFuzzRuns, defaultSeed } from './lib/contract/plan.ts';
import { contractJson } from './lib/contract/json.ts';
import { formatReport } from './lib/contract/report.ts';
import { counts } from './lib/contract/summary.ts';
import { defaultLimits } from './lib/contract/http-fetch.ts';
import { exitCodeOf, runContractApi } from './lib/contract/run.ts';
import { snapshotSpec } from './lib/spec-snapshot.ts';
import type { ApiReport, ResponseLimits, TargetOptions } from './lib/contract/types.ts';
import { credentialsFromEnv, placeholderCredentials } from './lib/credentials.ts';
import { defineCommand, type FlagValues } from './lib/cli/command.ts';
import { parseFlagValues, runCommand } from './lib/cli/run.ts';
import { UserError } from './lib/errors.ts';
import { writeFileAtomic } from './lib/fs-atomic.ts';
import { freePort, startMock, startProxy, type RunningMock } from './lib/prism.ts';
import { onShutdown } from './lib/processes.ts';
import { configuredApis, projectRoot, type ApiEntry } from './lib/registry.ts';

const flags = {
  api: { type: 'string', value: '<name>', description: 'one API of the registry (default: every API)' },
  'base-url': {
    type: 'string',
    value: '<url>',
    description: 'the server to judge (default: embedded Prism mocks, placeholder credentials)',
  },
  mock: { type: 'boolean', description: 'the base URL is a Prism mock (npm run mock): judge it as the embedded ones' },
  'prefer-codes': { type: 'boolean', description: 'the server honours Prefer: code=<status>: ask for every documented status' },
  'allow-writes': { type: 'boolean', description: 'run operations that change state against the server' },
  param: { type: 'string', value: '<name=value>', multiple: true, description: 'an id a write needs; or env CONTRACT_<API>_<NAME>' },
  proxy: { type: 'boolean', description: 'also pass valid traffic through prism proxy --errors; its violations fail the run' },
  seed: { type: 'string', value: '<n>', description: `seed of the generated requests (default ${defaultSeed})` },
  'fuzz-runs': { type: 'string', value: '<n>', description: `generated requests per API (default ${defaultFuzzRuns}; 0 turns them off)` },
  concurrency: { type: 'string', value: '<n>', description: 'requests in flight while fuzzing (default 8)' },
  'time-budget': { type: 'string', value: '<s>', description: 'seconds the generated requests of each API may take (default 120)' },
  'request-timeout': {
    type: 'string',
    value: '<ms>',
    description: `deadline of each request, response body included (default ${defaultLimits.deadlineMs})`,
  },
  'headers-timeout': {
    type: 'string',
    value: '<ms>',
    description: `time to the end of the response headers (default ${defaultLimits.headersTimeoutMs})`,
  },
  'max-body': {
    type: 'string',
    value: '<size>',
    description: `largest response body read, in bytes or with kb/mb (default ${defaultLimits.maxBodyBytes / 1024 / 1024}mb)`,
  },
  'allow-insecure-http': { type: 'boolean', description: 'accept a plain http:// --base-url on a host other than this machine' },
  junit: { type: 'string', value: '<file>', description: 'JUnit XML report (default dist/contract/junit.xml)' },
  json: { type: 'string', value: '<file>', description: 'also a JSON report: every check, finding code and details' },
  'list-env': { type: 'boolean', description: 'print the environment variables each API reads, and exit' },
} as const;

export interface ContractFlags {
  readonly api?: string;
  readonly baseUrl?: string;
  readonly mock: boolean;
  readonly preferCodes: boolean;
  readonly allowWrites: boolean;
  readonly params: Record<string, string>;
  readonly proxy: boolean;
  readonly seed: number;
  readonly fuzzRuns: number;
  readonly concurrency: number;
  readonly timeBudgetSeconds: number;
  readonly limits: ResponseLimits;
  readonly allowInsecureHttp: boolean;
  readonly junit: string;
  readonly json?: string;
  readonly listEnv: boolean;
}

function integerFlag(name: string, text: string | undefined, fallback: number, min: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) throw new UserError(`--${name} ${text}: expected an integer of at least ${min}`);
  return value;
}

/** `4194304`, `512kb`, `4mb`: a size in bytes. */
function sizeFlag(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const match = /^(\d+)(kb|mb)?$/i.exec(text.trim());
  const bytes = match ? Number(match[1]) * (match[2]?.toLowerCase() === 'mb' ? 1024 * 1024 : match[2] ? 1024 : 1) : NaN;
  if (!Number.isSafeInteger(bytes) || bytes < 1)
    throw new UserError(`--${name} ${text}: expected a size such as 4mb, 512kb or 1048576 (bytes)`);
  return bytes;
}

/** This machine: 127.0.0.0/8, ::1, localhost. Plain HTTP never leaves it unless allowed. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

function checkBaseUrl(text: string, allowInsecureHttp: boolean): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UserError(`--base-url ${text}: expected an http:// or https:// URL`);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '')
    throw new UserError(`--base-url ${text}: expected an http:// or https:// URL`);
  if (url.username !== '' || url.password !== '')
    throw new UserError(`--base-url: expected no user name or password in the URL (credentials come from the environment, see --list-env)`);
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname) && !allowInsecureHttp) {
    throw new UserError(
      `--base-url ${text}: plain http:// to ${url.hostname} would send credentials unencrypted; use https://, or add --allow-insecure-http`,
    );
  }
  return text.replace(/\/+$/, '');
}

/** The flags as the run needs them: checked, converted, defaults filled in. */
export function contractFlags(values: FlagValues<typeof flags>): ContractFlags {
  const params: Record<string, string> = {};
  for (const entry of values.param) {
    const match = /^([A-Za-z_][A-Za-z0-9_.-]*)=(.*)$/s.exec(entry);
    if (!match) throw new UserError(`--param ${entry}: expected <name>=<value>, e.g. --param sessionId=cs_123`);
    params[match[1]!] = match[2]!;
  }
  const allowInsecureHttp = values['allow-insecure-http'];
  const baseUrl = values['base-url'] === undefined ? undefined : checkBaseUrl(values['base-url'], allowInsecureHttp);
  const junit = resolve(values.junit ?? `${projectRoot}/dist/contract/junit.xml`);
  if (statSync(junit, { throwIfNoEntry: false })?.isDirectory())
    throw new UserError(`--junit ${values.junit ?? junit}: expected a file, but it is a folder`);
  const json = values.json === undefined ? undefined : resolve(values.json);
  if (json !== undefined && statSync(json, { throwIfNoEntry: false })?.isDirectory())
    throw new UserError(`--json ${values.json}: expected a file, but it is a folder`);
  if (values.mock && baseUrl === undefined)
    throw new UserError('--mock: expected together with --base-url (the embedded mocks are judged as mocks already)');
  return {
    ...(values.api !== undefined ? { api: values.api } : {}),
    ...(baseUrl !== undefined ? { baseUrl } : {}),
    mock: values.mock,
    preferCodes: values['prefer-codes'],
    allowWrites: values['allow-writes'],
    params,
    proxy: values.proxy,
    seed: integerFlag('seed', values.seed, defaultSeed, -(2 ** 31)),
    fuzzRuns: integerFlag('fuzz-runs', values['fuzz-runs'], defaultFuzzRuns, 0),
    concurrency: integerFlag('concurrency', values.concurrency, 8, 1),
    timeBudgetSeconds: integerFlag('time-budget', values['time-budget'], 120, 1),
    limits: {
      deadlineMs: integerFlag('request-timeout', values['request-timeout'], defaultLimits.deadlineMs, 1),
      headersTimeoutMs: integerFlag('headers-timeout', values['headers-timeout'], defaultLimits.headersTimeoutMs, 1),
      maxBodyBytes: sizeFlag('max-body', values['max-body'], defaultLimits.maxBodyBytes),
    },
    allowInsecureHttp,
    junit,
    ...(json !== undefined ? { json } : {}),
    listEnv: values['list-env'],
  };
}

/** `parseFlags(argv)`: the flags of one command line, parsed as the command parses them. */
export function parseFlags(argv: string[]): ContractFlags {
  return contractFlags(parseFlagValues(flags, argv).values);
}

interface Target {
  readonly loaded: ContractApi;
  readonly options: TargetOptions;
  readonly label: string;
}

/**
 * The target of one API: the given server, or a mock started here. What it starts is pushed on
 * `started` (to be stopped at the end), the spec snapshot before the process serving it.
 */
async function targetFor(
  loaded: ContractApi,
  credentials: Record<string, string>,
  flags: ContractFlags,
  started: RunningMock[],
): Promise<Target> {
  const snapshot = snapshotSpec(loaded.api.name, loaded.document);
  const forget = onShutdown(() => snapshot.remove());
  started.push({
    url: '',
    pid: undefined,
    stop: async () => {
      snapshot.remove();
      forget();
    },
  });
  let baseUrl = flags.baseUrl;
  if (baseUrl === undefined) {
    const mock = await startMock({ specFile: snapshot.file, port: await freePort() });
    started.push(mock);
    baseUrl = mock.url;
  }
  let proxyUrl: string | undefined;
  if (flags.proxy) {
    const proxy = await startProxy({ specFile: snapshot.file, upstream: baseUrl, port: await freePort() });
    started.push(proxy);
    proxyUrl = proxy.url;
  }
  const kind = flags.baseUrl === undefined || flags.mock ? 'mock' : 'server';
  const options: TargetOptions = {
    kind,
    baseUrl,
    credentials,
    allowWrites: flags.allowWrites,
    params: paramsFor(loaded, flags.params),
    preferCodes: flags.preferCodes,
    fuzzRuns: flags.fuzzRuns,
    seed: flags.seed,
    concurrency: flags.concurrency,
    fuzzBudgetMs: flags.timeBudgetSeconds * 1000,
    ...(process.stderr.isTTY ? { onProgress: progressLine(loaded.api.name) } : {}),
    limits: flags.limits,
    ...(proxyUrl ? { proxyUrl } : {}),
  };
  return { loaded, options, label: `${kind} ${baseUrl}${proxyUrl ? ` via proxy ${proxyUrl}` : ''}` };
}

/** `api: sent/planned generated requests`, rewritten in place on a terminal, cleared when done. */
function progressLine(api: string): (sent: number, planned: number) => void {
  return (sent, planned) => {
    process.stderr.write(`\r${api}: ${sent}/${planned} generated requests`);
    if (sent === planned) process.stderr.write('\r\x1b[K');
  };
}

const succeeded = <T>(results: ReadonlyArray<{ value: T } | { failure: ApiFailure }>): T[] =>
  results.flatMap((result) => ('value' in result ? [result.value] : []));
const failedOnes = <T>(results: ReadonlyArray<{ value: T } | { failure: ApiFailure }>): ApiFailure[] =>
  results.flatMap((result) => ('failure' in result ? [result.failure] : []));

/**
 * The whole run over `apis`. Each API stands alone: one whose description cannot be bundled or
 * loaded, whose mock cannot start or whose run breaks is reported by name, the others still run,
 * and the exit code is at least 1.
 */
export async function runContract(flags: ContractFlags, given?: readonly ApiEntry[], debug = false): Promise<number> {
  const apis = given ?? (await configuredApis(flags.api));
  const bundled = await Promise.all(
    apis.map((api) => attempt(api, async (): Promise<BuiltApi> => ({ api, document: await bundleSpec(api.root) }))),
  );
  const loading = bundled.map((result) =>
    'value' in result ? attemptSync(result.value.api, () => contractApi(result.value.api, result.value.document)) : result,
  );
  const loadedApis = succeeded(loading);
  const failures = failedOnes(loading);
  if (flags.listEnv) {
    console.log(formatEnvListing(loadedApis.map(envListing)));
    reportApiFailures(failures, debug);
    return exitCodeWith(failures);
  }
  // A report from an earlier run must not pass for this one's if this one ends early.
  rmSync(flags.junit, { force: true });
  if (flags.json) rmSync(flags.json, { force: true });
  // Credentials are checked for every API before anything starts (a missing one is a usage error).
  const credentials = loadedApis.map((loaded) =>
    flags.baseUrl === undefined || flags.mock ? placeholderCredentials(loaded.plan) : credentialsFromEnv(loaded.api, loaded.plan),
  );
  // The fresh bundles go to dist/ as npm run generate would; Prism serves private copies of them.
  // Loaded here, not at the top: it pulls in TypeScript and openapi-typescript (about 2 s), which --help does not need.
  const { bundleOutputs } = await import('./lib/build-outputs.ts');
  for (const output of succeeded(bundled).flatMap(bundleOutputs)) writeFileAtomic(output.path, output.content);
  const started: RunningMock[] = [];
  const reports: ApiReport[] = [];
  const labels: string[] = [];
  try {
    const targeting = await Promise.all(
      loadedApis.map((loaded, index) => attempt(loaded.api, () => targetFor(loaded, credentials[index]!, flags, started))),
    );
    failures.push(...failedOnes(targeting));
    for (const target of succeeded(targeting)) {
      const outcome = await attempt(target.loaded.api, () => runContractApi(target.loaded, target.options));
      if ('failure' in outcome) failures.push(outcome.failure);
      else {
        reports.push(outcome.value);
        labels.push(target.label);
      }
    }
  } finally {
    // Processes first, then the snapshots they served (pushed before each process).
    for (const running of [...started].reverse()) await running.stop();
  }
  for (const [index, report] of reports.entries()) console.log(`${formatReport(report, labels[index]!)}\n`);
  writeFileAtomic(flags.junit, junitXml(reports));
  if (flags.json) writeFileAtomic(flags.json, contractJson(reports));
  reportApiFailures(failures, debug);
  const totals = counts(reports.flatMap((report) => report.results));
  const errors = totals.errors > 0 ? `, ${totals.errors} could not finish (internal error)` : '';
  console.log(
    `contract: ${totals.passed} passed, ${totals.failed} failed, ${totals.notRun} not run${errors}${failedApisNote(failures, 'not run (errors above)')}; JUnit report in ${relative(process.cwd(), flags.junit)}`,
  );
  return exitCodeWith(failures, exitCodeOf(reports));
}

export const command = defineCommand({
  name: 'contract',
  flags,
  notes: 'Credentials for a server come from the environment: see --list-env.',
  run: (values) => runContract(contractFlags(values), undefined, Boolean((values as { debug?: unknown }).debug)),
});

/** The whole command: its exit code, whatever happens (usage errors and internal errors printed without a stack). */
export function main(argv: string[]): Promise<number> {
  return runCommand(command, argv);
}
