/**
 * `npm run contract -- [--api <name>] [--base-url <url>] …`: runs the contract suite of one API (or
 * every API) against a server — a provider's sandbox, your own implementation — or, without
 * `--base-url`, against embedded Prism mocks started here from freshly bundled specs.
 * Writes JUnit XML for CI and exits non-zero on any failure. `--help` lists the flags.
 */
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { bundleOutputs } from './lib/build-outputs.ts';
import { bundleApis, type BuiltApi } from './lib/bundle.ts';
import { contractApi, type ContractApi } from './lib/contract/api.ts';
import { envListing, formatEnvListing, paramsFor } from './lib/contract/env.ts';
import { junitXml } from './lib/contract/junit.ts';
import { defaultFuzzRuns, defaultSeed } from './lib/contract/plan.ts';
import { counts, formatReport } from './lib/contract/report.ts';
import { failed, runContractApi } from './lib/contract/run.ts';
import { snapshotSpec } from './lib/spec-snapshot.ts';
import type { ApiReport, TargetOptions } from './lib/contract/types.ts';
import { credentialsFromEnv, placeholderCredentials } from './lib/credentials.ts';
import { runCli, UserError } from './lib/errors.ts';
import { writeFileAtomic } from './lib/fs-atomic.ts';
import { freePort, startMock, startProxy, type RunningMock } from './lib/prism.ts';
import { isMain } from './lib/processes.ts';
import { projectRoot, selectApis } from './lib/registry.ts';

const usage = `usage: npm run contract -- [options]
  --api <name>          one API of the registry (default: every API)
  --base-url <url>      the server to judge (default: embedded Prism mocks, placeholder credentials)
  --mock                the base URL is a Prism mock (npm run mock): judge it as the embedded ones
  --prefer-codes        the server honours Prefer: code=<status>: ask for every documented status
  --allow-writes        run operations that change state against the server
  --param <name=value>  an id a write needs (repeatable); or env CONTRACT_<API>_<NAME>
  --proxy               also pass valid traffic through prism proxy --errors; its violations fail the run
  --seed <n>            seed of the generated requests (default ${defaultSeed})
  --fuzz-runs <n>       generated requests per API (default ${defaultFuzzRuns}; 0 turns them off)
  --concurrency <n>     requests in flight while fuzzing (default 8)
  --junit <file>        JUnit XML report (default dist/contract/junit.xml)
  --list-env            print the environment variables each API reads, and exit
Credentials for a server come from the environment: see --list-env.`;

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
  readonly junit: string;
  readonly listEnv: boolean;
  readonly help: boolean;
}

function integerFlag(name: string, text: string | undefined, fallback: number, min: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) throw new UserError(`--${name} ${text}: expected an integer of at least ${min}`);
  return value;
}

export function parseFlags(argv: string[]): ContractFlags {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        api: { type: 'string' },
        'base-url': { type: 'string' },
        mock: { type: 'boolean', default: false },
        'prefer-codes': { type: 'boolean', default: false },
        'allow-writes': { type: 'boolean', default: false },
        param: { type: 'string', multiple: true, default: [] },
        proxy: { type: 'boolean', default: false },
        seed: { type: 'string' },
        'fuzz-runs': { type: 'string' },
        concurrency: { type: 'string' },
        junit: { type: 'string' },
        'list-env': { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    throw new UserError(`${(error as Error).message}\n${usage}`);
  }
  const { values } = parsed;
  const params: Record<string, string> = {};
  for (const entry of values.param ?? []) {
    const match = /^([A-Za-z_][A-Za-z0-9_.-]*)=(.*)$/s.exec(entry);
    if (!match) throw new UserError(`--param ${entry}: expected <name>=<value>, e.g. --param sessionId=cs_123`);
    params[match[1]!] = match[2]!;
  }
  const baseUrl = values['base-url'];
  if (baseUrl !== undefined && !/^https?:\/\/[^/]/.test(baseUrl)) throw new UserError(`--base-url ${baseUrl}: expected an http:// or https:// URL`);
  if (values.mock && baseUrl === undefined) throw new UserError('--mock: expected together with --base-url (the embedded mocks are judged as mocks already)');
  return {
    ...(values.api !== undefined ? { api: values.api } : {}),
    ...(baseUrl !== undefined ? { baseUrl: baseUrl.replace(/\/+$/, '') } : {}),
    mock: values.mock ?? false,
    preferCodes: values['prefer-codes'] ?? false,
    allowWrites: values['allow-writes'] ?? false,
    params,
    proxy: values.proxy ?? false,
    seed: integerFlag('seed', values.seed, defaultSeed, -(2 ** 31)),
    fuzzRuns: integerFlag('fuzz-runs', values['fuzz-runs'], defaultFuzzRuns, 0),
    concurrency: integerFlag('concurrency', values.concurrency, 8, 1),
    junit: resolve(values.junit ?? `${projectRoot}/dist/contract/junit.xml`),
    listEnv: values['list-env'] ?? false,
    help: values.help ?? false,
  };
}

interface Target {
  readonly loaded: ContractApi;
  readonly options: TargetOptions;
  readonly label: string;
}

/** The target of each API: the given server, or a mock started here. Returns what to stop. */
async function targetsFor(built: readonly BuiltApi[], flags: ContractFlags, started: RunningMock[]): Promise<Target[]> {
  const loadedApis = built.map(({ api, document }) => contractApi(api, document));
  // Credentials are checked for every API before anything starts.
  const credentials = loadedApis.map((loaded) =>
    flags.baseUrl === undefined || flags.mock ? placeholderCredentials(loaded.plan) : credentialsFromEnv(loaded.api, loaded.plan),
  );
  return Promise.all(
    loadedApis.map(async (loaded, index) => {
      const snapshot = snapshotSpec(loaded.api.name, loaded.document);
      started.push({ url: '', pid: undefined, stop: async () => snapshot.remove() });
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
        credentials: credentials[index]!,
        allowWrites: flags.allowWrites,
        params: paramsFor(loaded, flags.params),
        preferCodes: flags.preferCodes,
        fuzzRuns: flags.fuzzRuns,
        seed: flags.seed,
        concurrency: flags.concurrency,
        ...(proxyUrl ? { proxyUrl } : {}),
      };
      return { loaded, options, label: `${kind} ${baseUrl}${proxyUrl ? ` via proxy ${proxyUrl}` : ''}` };
    }),
  );
}

export async function main(argv: string[]): Promise<number> {
  const flags = parseFlags(argv);
  if (flags.help) {
    console.log(usage);
    return 0;
  }
  const apis = selectApis(flags.api);
  const built = await bundleApis(apis);
  if (flags.listEnv) {
    console.log(formatEnvListing(built.map(({ api, document }) => envListing(contractApi(api, document)))));
    return 0;
  }
  // The fresh bundles go to dist/ as npm run generate would; Prism serves private copies of them.
  for (const output of built.flatMap(bundleOutputs)) writeFileAtomic(output.path, output.content);
  const started: RunningMock[] = [];
  let reports: ApiReport[];
  let labels: string[];
  try {
    const targets = await targetsFor(built, flags, started);
    labels = targets.map((target) => target.label);
    reports = [];
    for (const target of targets) reports.push(await runContractApi(target.loaded, target.options));
  } finally {
    // Processes first, then the snapshots they served (pushed before each process).
    for (const running of [...started].reverse()) await running.stop();
  }
  reports.forEach((report, index) => console.log(`${formatReport(report, labels[index]!)}\n`));
  writeFileAtomic(flags.junit, junitXml(reports));
  const totals = counts(reports.flatMap((report) => report.results));
  console.log(`contract: ${totals.passed} passed, ${totals.failed} failed, ${totals.notRun} not run; JUnit report in ${relative(process.cwd(), flags.junit)}`);
  return failed(reports) ? 1 : 0;
}

if (isMain(import.meta.url)) await runCli(() => main(process.argv.slice(2)));
