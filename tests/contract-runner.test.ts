/**
 * The contract runner judged by its own power: against the faithful test server (tests/contract-target)
 * every API passes; against each defect, the run fails and names it — where it is, what was expected,
 * what came back — with the request as a curl line whose secrets are masked. Each defect is tried on
 * the first API of the registry that has what the defect needs.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main as contractCli } from '../scripts/contract.ts';
import { identifyingNames, isWrite, loadContractApi, type ContractApi } from '../scripts/lib/contract/api.ts';
import { contractApi } from '../scripts/lib/contract/api.ts';
import { generatedRequests } from '../scripts/lib/contract/fuzz.ts';
import { judge } from '../scripts/lib/contract/judge.ts';
import { junitXml } from '../scripts/lib/contract/junit.ts';
import { nothingToMalform } from '../scripts/lib/contract/plan.ts';
import { formatFailure } from '../scripts/lib/contract/report.ts';
import { exitCodeOf, exitCodes, runContractApi } from '../scripts/lib/contract/run.ts';
import { snapshotSpec } from '../scripts/lib/spec-snapshot.ts';
import type { ApiReport, CheckKind, Failure, TargetOptions } from '../scripts/lib/contract/types.ts';
import { credentialSets, envName, placeholderCredentials } from '../scripts/lib/credentials.ts';
import type { OpenApiDocument } from '../scripts/lib/openapi.ts';
import { freePort, startProxy } from '../scripts/lib/prism.ts';
import { apis } from './support/apis.ts';
import { brokenPlace, defectApplies, defects, type Defect } from './contract-target/defects.ts';
import { exampleIds } from './support/contract-ids.ts';
import { startContractTarget, type TargetServer, withContractTarget } from './contract-target/server.ts';

const loadedApis: ContractApi[] = apis.map(loadContractApi);
/** Fewer than the CLI's 1,000 keeps the suite fast; the seeded-sample test checks the 1,000 themselves. */
const fuzzRunsInTests = 100;

/** Stand-in credentials of the longest set: with a client id and secret, the token operation runs too. */
function ownCredentials(loaded: ContractApi): Record<string, string> {
  const sets = credentialSets(loaded.plan);
  const longest = sets.reduce((best, set) => (set.length > best.length ? set : best), sets[0] ?? []);
  return placeholderCredentials(loaded.plan, longest);
}

function fullRun(loaded: ContractApi, server: TargetServer, extra: Partial<TargetOptions> = {}): TargetOptions {
  return {
    kind: 'server',
    baseUrl: server.url,
    credentials: ownCredentials(loaded),
    preferCodes: true,
    allowWrites: true,
    params: exampleIds(loaded),
    ...extra,
  };
}

const failuresOf = (report: ApiReport): Failure[] => report.results.flatMap((result) => result.failures);
const explain = (failures: readonly Failure[]) => failures.map(formatFailure).join('\n');

function firstApiWith(defect: Defect): ContractApi {
  const found = loadedApis.find((loaded) => defectApplies(loaded, defect));
  if (!found) throw new Error(`no API of the registry has what defect ${defect} needs`);
  return found;
}

describe.each(loadedApis.map((loaded) => [loaded.api.name, loaded] as const))('%s against the faithful test server', (_name, loaded) => {
  it('passes every check and observes every documented status', async () => {
    await withContractTarget(loaded, {}, async (server) => {
      const report = await runContractApi(loaded, fullRun(loaded, server, { fuzzRuns: fuzzRunsInTests }));
      expect(failuresOf(report), explain(failuresOf(report))).toEqual([]);
      // Not run: only a malformed request for an operation with nothing to break without a body on a GET or DELETE.
      expect(report.results.every((result) => result.outcome === 'pass' || result.check.skip === nothingToMalform)).toBe(true);
      expect(report.results.some((result) => result.check.kind === 'coverage')).toBe(true);
      const fuzz = report.results.find((result) => result.check.kind === 'fuzz')!;
      expect(fuzz.details).toMatchObject({ requests: fuzzRunsInTests, sent: fuzzRunsInTests, failed: 0 });
      expect(fuzz.details!.invalid).toBeGreaterThan(0);
      expect(fuzz.details!.invalid).toBeLessThan(fuzzRunsInTests);
    });
  });
});

describe('defects of the test server', () => {
  /** What each defect must produce: the failure that names it, by code, in a check of the right kind. */
  const expectations: Record<Defect, (failure: Failure, loaded: ContractApi, kind: CheckKind) => boolean> = {
    'missing-required-field': (failure, loaded) =>
      failure.code === 'body.required-missing' &&
      failure.pointer === brokenPlace(loaded, 'missing-required-field')!.pointer &&
      failure.pointer.endsWith(`/${String(failure.details?.property)}`),
    'wrong-type': (failure, loaded) => failure.code === 'body.invalid' && failure.pointer === brokenPlace(loaded, 'wrong-type')!.pointer,
    'wrong-enum': (failure, loaded) =>
      failure.code === 'body.invalid' &&
      failure.pointer === brokenPlace(loaded, 'wrong-enum')!.pointer &&
      String(failure.details?.value).includes('NOT_A_DOCUMENTED_VALUE'),
    'undocumented-status': (failure) =>
      failure.code === 'status.undocumented' && [418, 299, 207].includes(failure.details?.actual as number),
    'wrong-content-type': (failure) => failure.code === 'content-type.mismatch' && failure.details?.actual === 'text/plain',
    'no-auth-check': (failure, _loaded, kind) => kind === 'unauthenticated' && failure.code === 'status.not-requested',
    'wrong-error-body': (failure, _loaded, kind) =>
      kind === 'malformed' && (failure.code === 'body.required-missing' || failure.code === 'body.invalid'),
    'fuzz-5xx': (failure, _loaded, kind) => kind === 'fuzz' && failure.code === 'status.server-error' && failure.status === '500',
    'documented-404': (failure, _loaded, kind) => kind === 'example' && failure.code === 'status.not-success' && failure.status === '404',
    'documented-401': (failure, _loaded, kind) => kind === 'example' && failure.code === 'status.not-success' && failure.status === '401',
    'documented-500': (failure, _loaded, kind) => kind === 'example' && failure.code === 'status.not-success' && failure.status === '500',
  };

  it.each(defects.map((defect) => [defect]))('%s: the run fails and names it', async (defect) => {
    const loaded = firstApiWith(defect);
    await withContractTarget(loaded, { defect }, async (server) => {
      const report = await runContractApi(loaded, fullRun(loaded, server, { fuzzRuns: defect === 'fuzz-5xx' ? 200 : 50 }));
      const failures = failuresOf(report);
      const naming = report.results.flatMap((result) =>
        result.failures.filter((failure) => expectations[defect](failure, loaded, result.check.kind)),
      );
      expect(naming.length, `${loaded.api.name}: no failure names ${defect}:\n${explain(failures)}`).toBeGreaterThan(0);
      expect(exitCodeOf([report])).toBe(exitCodes.violated);
      const named = naming[0]!;
      expect(named.api).toBe(loaded.api.name);
      expect(loaded.operations.map((operation) => operation.operationId)).toContain(named.operationId);
      expect(named.curl).toMatch(/^curl -sS -X [A-Z]+ 'http:\/\/127\.0\.0\.1:\d+\//);
      for (const secret of Object.values(ownCredentials(loaded))) expect(named.curl).not.toContain(secret);
      expect(named.curl).not.toMatch(/authorization: (?!\*\*\*')/i);
      if (defect === 'fuzz-5xx') {
        // Only generated requests find it: the spec's examples are plain ASCII.
        expect(report.results.filter((result) => result.outcome === 'fail').map((result) => result.check.kind)).toEqual(['fuzz']);
        const fuzz = report.results.find((result) => result.check.kind === 'fuzz')!;
        expect(fuzz.details?.counterexample).toEqual(expect.any(Number));
        expect(fuzz.failures[0]!.check).toBe(`${fuzz.check.id} #${fuzz.details!.counterexample}`);
      }
    });
  });

  it('the generated requests are a function of the seed', () => {
    const loaded = loadedApis[0]!;
    const options = { kind: 'mock', baseUrl: 'http://127.0.0.1:9', credentials: {}, fuzzRuns: 50 } as const;
    const inputs = (seed: number) =>
      generatedRequests(loaded, { ...options, seed }).map((request) => [request.operation.operationId, request.inputs, request.invalid]);
    expect(inputs(7)).toEqual(inputs(7));
    expect(inputs(7)).not.toEqual(inputs(8));
    const labels = generatedRequests(loaded, { ...options, fuzzRuns: 1000 }).map((request) => request.invalid);
    expect(labels).toHaveLength(1000);
    expect(labels.filter((label) => label === undefined).length).toBeGreaterThan(100);
    expect(labels.filter((label) => label !== undefined).length).toBeGreaterThan(100);
  });
});

describe('safe by default against a server', () => {
  const loaded = loadedApis.find((candidate) => candidate.operations.some((operation) => isWrite(candidate, operation)))!;

  it('runs no state-changing operation without --allow-writes and ids', async () => {
    await withContractTarget(loaded, {}, async (server) => {
      const report = await runContractApi(loaded, {
        kind: 'server',
        baseUrl: server.url,
        credentials: placeholderCredentials(loaded.plan),
        fuzzRuns: 200,
      });
      expect(failuresOf(report), explain(failuresOf(report))).toEqual([]);
      const writes = loaded.operations.filter((operation) => isWrite(loaded, operation));
      const skipped = report.results.filter((result) => result.outcome === 'not run');
      for (const operation of writes) {
        expect(skipped.some((result) => result.check.operation === operation && result.notes[0]!.includes('--allow-writes'))).toBe(true);
        expect(
          server.received.filter(
            (request) => request.method === operation.method && request.path.startsWith(operation.path.split('{')[0]!),
          ),
        ).toEqual([]);
      }
    });
  });

  it('with --allow-writes but no ids, names the variable that would give them', async () => {
    await withContractTarget(loaded, {}, async (server) => {
      const report = await runContractApi(loaded, {
        kind: 'server',
        baseUrl: server.url,
        credentials: placeholderCredentials(loaded.plan),
        allowWrites: true,
        fuzzRuns: 0,
      });
      const write = loaded.operations.find((operation) => isWrite(loaded, operation) && identifyingNames(loaded, operation).length > 0)!;
      const [name] = identifyingNames(loaded, write);
      const skipped = report.results.find((result) => result.check.operation === write && result.outcome === 'not run')!;
      expect(skipped.notes[0]).toContain(`--param ${name}=`);
      expect(skipped.notes[0]).toContain(`CONTRACT_${envName(loaded.api, name!)}`);
    });
  });
});

describe('judging documented response headers', () => {
  // No registry API documents a response header yet: a one-operation spec shows the check works.
  const document = {
    openapi: '3.1.0',
    info: { title: 'Headers', version: '1.0.0' },
    paths: {
      '/things': {
        get: {
          operationId: 'things_list',
          responses: {
            '200': {
              description: 'ok',
              headers: { 'X-Rate-Limit-Remaining': { required: true, schema: { type: 'integer', minimum: 0 } } },
              content: { 'application/json': { schema: { type: 'object' } } },
            },
          },
        },
      },
    },
  } as unknown as OpenApiDocument;
  const loaded = contractApi(apis[0]!, document);
  const operation = loaded.operations[0]!;
  const exchange = (headers: Record<string, string>) => ({
    request: undefined,
    response: { status: 200, headers: new Headers({ 'content-type': 'application/json', ...headers }), text: '{}' },
    result: { data: {} },
    thrown: undefined,
  });

  it('names a missing required header and a value of the wrong type', () => {
    expect(judge(loaded, operation, exchange({})).findings.map(({ code, pointer }) => ({ code, pointer }))).toEqual([
      { code: 'header.missing', pointer: '/headers/x-rate-limit-remaining' },
    ]);
    const wrongType = judge(loaded, operation, exchange({ 'x-rate-limit-remaining': 'many' })).findings;
    expect(wrongType.length).toBeGreaterThan(0);
    expect(new Set(wrongType.map(({ code, pointer }) => `${code} ${pointer}`))).toEqual(
      new Set(['header.invalid /headers/x-rate-limit-remaining']),
    );
    expect(judge(loaded, operation, exchange({ 'x-rate-limit-remaining': '-1' })).findings.map((finding) => finding.code)).toEqual([
      'header.invalid',
    ]);
    expect(judge(loaded, operation, exchange({ 'x-rate-limit-remaining': '7' })).findings).toEqual([]);
  });
});

describe('--proxy: prism proxy --errors in front of the server', () => {
  const loaded = firstApiWith('wrong-enum');
  // Prism takes seconds to boot: it starts when this file is collected, while the tests above run.
  const started = (async () => {
    const defective = await startContractTarget(loaded, { defect: 'wrong-enum' });
    const snapshot = snapshotSpec(loaded.api.name, loaded.document);
    const proxy = await startProxy({ specFile: snapshot.file, upstream: defective.url, port: await freePort() });
    return { defective, proxy, snapshot };
  })();
  started.catch(() => undefined);
  afterAll(async () => {
    const { defective, proxy, snapshot } = await started;
    await Promise.all([proxy.stop(), defective.close()]);
    snapshot.remove();
  });

  it('fails the run on the violations the proxy reports, naming them', async () => {
    const { defective, proxy } = await started;
    const report = await runContractApi(loaded, fullRun(loaded, defective, { proxyUrl: proxy.url, fuzzRuns: 50 }));
    const fromProxy = failuresOf(report).filter((failure) => failure.code === 'proxy.violation' || failure.code === 'proxy.replaced');
    expect(fromProxy.length, explain(failuresOf(report))).toBeGreaterThan(0);
    const place = brokenPlace(loaded, 'wrong-enum')!;
    expect(
      fromProxy.some((failure) => failure.pointer.endsWith(place.pointer)),
      explain(fromProxy),
    ).toBe(true);
  });
});

describe('npm run contract (the CLI)', () => {
  const loaded = loadedApis[loadedApis.length - 1]!;
  let server: TargetServer | undefined;
  let directory = '';
  const saved: Record<string, string | undefined> = {};

  beforeAll(async () => {
    server = await startContractTarget(loaded);
    directory = mkdtempSync(join(tmpdir(), 'contract-'));
    for (const [option, value] of Object.entries(placeholderCredentials(loaded.plan))) {
      const name = envName(loaded.api, option);
      saved[name] = process.env[name];
      process.env[name] = value;
    }
  });
  afterAll(async () => {
    await server?.close();
    rmSync(directory, { recursive: true, force: true });
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('judges a server with credentials from the environment and writes JUnit XML', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      const junit = join(directory, 'junit.xml');
      const json = join(directory, 'contract.json');
      const params = Object.entries(exampleIds(loaded)).flatMap(([name, value]) => ['--param', `${name}=${value}`]);
      const code = await contractCli([
        '--api',
        loaded.api.name,
        '--base-url',
        server!.url,
        '--prefer-codes',
        '--allow-writes',
        ...params,
        '--fuzz-runs',
        '100',
        '--junit',
        junit,
        '--json',
        json,
      ]);
      const printed = log.mock.calls.map((call) => String(call[0])).join('\n');
      expect(code, printed).toBe(0);
      expect(printed).toContain(`${loaded.api.name}  server ${server!.url}`);
      const xml = readFileSync(junit, 'utf8');
      expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="contract" tests="\d+" failures="0"/);
      expect(xml).toContain(`<testsuite name="contract.${loaded.api.name}"`);
      const data = JSON.parse(readFileSync(json, 'utf8'));
      expect(data.version).toBe(1);
      expect(data.apis.map((api: { api: string }) => api.api)).toEqual([loaded.api.name]);
      expect(data.totals).toMatchObject({ failed: 0, errors: 0 });
      expect(data.totals.passed).toBeGreaterThan(0);
    } finally {
      log.mockRestore();
    }
  });

  it('--list-env prints every API with the variables it reads', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      expect(await contractCli(['--list-env'])).toBe(0);
      const printed = log.mock.calls.map((call) => String(call[0])).join('\n');
      for (const candidate of loadedApis) {
        for (const option of Object.keys(placeholderCredentials(candidate.plan))) expect(printed).toContain(envName(candidate.api, option));
      }
    } finally {
      log.mockRestore();
    }
  });

  it('JUnit XML escapes what it quotes', () => {
    const xml = junitXml([
      {
        api: 'x',
        documented: [],
        results: [
          {
            check: { id: 'a <b> & "c"', kind: 'example' },
            outcome: 'fail',
            failures: [
              {
                code: 'body.invalid',
                api: 'x',
                check: 'a',
                operationId: 'o',
                status: '200',
                pointer: '/a',
                expected: '<x>',
                actual: '"&"',
                curl: undefined,
              },
            ],
            observations: [],
            durationMs: 1,
            notes: [],
          },
        ],
      },
    ]);
    expect(xml).toContain('name="a &lt;b&gt; &amp; &quot;c&quot;"');
    expect(xml).toContain('failures="1"');
    expect(xml).not.toMatch(/<x>/);
  });
});
