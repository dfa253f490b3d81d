/**
 * The contract session against servers that answer every API call the same way: each kind of
 * check must fail when the answer is not what it asked for (a status check demands its status,
 * the example check a success, the unauthenticated check a 401, the malformed check a 4xx other
 * than 401), the coverage check fails for statuses never observed, a Prism proxy's reports become
 * findings, and a skipped check is "not run". Token requests are answered properly throughout.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { contractApi, documentedStatuses, loadContractApi, tokenOperations, type ContractApi } from '../scripts/lib/contract/api.ts';
import { createSession, type ContractSession } from '../scripts/lib/contract/session.ts';
import type { CheckKind, CheckResult, TargetOptions } from '../scripts/lib/contract/types.ts';
import { credentialSets, placeholderCredentials } from '../scripts/lib/credentials.ts';
import type { OpenApiDocument } from '../scripts/lib/openapi.ts';
import { apis } from './support/apis.ts';

interface Answer {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body?: string;
}

const servers: Array<{ close(): Promise<void> }> = [];
const sessions: ContractSession[] = [];
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((session) => session.close()));
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** A session opened for one test, closed after it. */
async function openSession(api: ContractApi, options: TargetOptions): Promise<ContractSession> {
  const session = createSession(api, options);
  sessions.push(session);
  return session.open();
}

/** A server answering token requests with a token and every other request with `answer`. */
async function fixedServer(
  loaded: ContractApi,
  answer: (request: IncomingMessage) => Answer,
): Promise<{ url: string; received: string[] }> {
  const tokenPaths = tokenOperations(loaded).map((operation) => operation.path);
  const received: string[] = [];
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    request.resume();
    request.on('end', () => {
      const path = new URL(request.url ?? '/', 'http://localhost').pathname;
      received.push(`${request.method} ${path}`);
      const {
        status,
        headers = {},
        body = '',
      } = tokenPaths.includes(path)
        ? {
            status: 200,
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ access_token: 'session-token-1', token_type: 'Bearer', expires_in: 3600 }),
          }
        : answer(request);
      response.writeHead(status, headers).end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push({ close: () => new Promise<void>((resolve) => server.close(() => resolve())) });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
}

const loaded = loadContractApi(apis[0]!);
const longest = credentialSets(loaded.plan).reduce((best, set) => (set.length > best.length ? set : best), [] as string[]);
const credentials = placeholderCredentials(loaded.plan, longest);

function target(url: string, extra: Partial<TargetOptions> = {}): TargetOptions {
  return { kind: 'server', baseUrl: url, credentials, preferCodes: true, allowWrites: true, fuzzRuns: 0, ...extra };
}

/**
 * Tests assert codes and details, never wording; the text for people is only required to be there,
 * and a check's time to be a plausible duration.
 */
function worded(results: readonly CheckResult[]): CheckResult[] {
  for (const result of results) {
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
    expect(result.durationMs).toBeLessThan(60_000);
    for (const failure of result.failures) {
      expect(failure.expected, `${failure.code}: expected`).not.toBe('');
      expect(failure.actual, `${failure.code}: actual`).not.toBe('');
    }
  }
  return [...results];
}

async function runKind(options: TargetOptions, kind: CheckKind, api: ContractApi = loaded): Promise<CheckResult[]> {
  const session = await openSession(api, options);
  const results: CheckResult[] = [];
  for (const check of session.checks.filter((planned) => planned.kind === kind && planned.skip === undefined))
    results.push(await session.run(check));
  return worded(results);
}

const codesOf = (results: readonly CheckResult[]) =>
  [...new Set(results.flatMap((result) => result.failures.map((failure) => failure.code)))].sort();
const json = (status: number, body: unknown = {}): Answer => ({
  status,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

describe(`${loaded.api.name}: the contract session`, () => {
  it('a status check demands the status it asked for', async () => {
    const server = await fixedServer(loaded, () => json(299));
    const results = await runKind(target(server.url), 'status');
    expect(results.length).toBeGreaterThan(0);
    expect(results.every((result) => result.outcome === 'fail')).toBe(true);
    for (const result of results) {
      expect(result.failures.map((failure) => failure.code)).toContain('status.not-requested');
      const failure = result.failures.find((candidate) => candidate.code === 'status.not-requested')!;
      expect(failure).toMatchObject({
        details: { expected: result.check.status, actual: 299 },
        api: loaded.api.name,
        check: result.check.id,
        operationId: result.check.operation!.operationId,
        status: '299',
        pointer: '/status',
      });
      expect(failure.curl).toMatch(/^curl /);
      for (const secret of Object.values(credentials)) expect(failure.curl).not.toContain(secret);
    }
  });

  it('the status checks ask for each status with Prefer: code=', async () => {
    const prefers: string[] = [];
    const server = await fixedServer(loaded, (request) => {
      prefers.push(String(request.headers.prefer));
      return json(299);
    });
    const results = await runKind(target(server.url), 'status');
    expect(prefers).toEqual(results.map((result) => `code=${result.check.status}`));
  });

  it('the example check owes a documented success to a valid, authenticated request', async () => {
    const server = await fixedServer(loaded, () => json(404, { error: 'not found' }));
    const results = await runKind(target(server.url), 'example');
    expect(results.length).toBeGreaterThan(0);
    expect(results.map((result) => result.outcome)).toEqual(results.map(() => 'fail'));
    expect(codesOf(results)).toContain('status.not-success');
    expect(
      results.every((result) =>
        result.failures.some((failure) => failure.code === 'status.not-success' || failure.code === 'spec.no-success-status'),
      ),
    ).toBe(true);
  });

  it('the unauthenticated check demands a 401, and sends no credential', async () => {
    const authorizations: Array<string | undefined> = [];
    const sent: string[] = [];
    const server = await fixedServer(loaded, (request) => {
      authorizations.push(request.headers.authorization);
      sent.push(`${request.url} ${JSON.stringify(request.headers)}`);
      return json(200);
    });
    const results = await runKind(target(server.url), 'unauthenticated');
    expect(results.length).toBeGreaterThan(0);
    for (const result of results)
      expect(result.failures.find((failure) => failure.code === 'status.not-requested')?.details).toEqual({ expected: '401', actual: 200 });
    expect(authorizations.every((value) => value === undefined)).toBe(true);
    expect(sent.length).toBeGreaterThan(0);
    for (const secret of Object.values(credentials)) expect(sent.join('\n')).not.toContain(secret);
  });

  it('the unauthenticated check passes on a documented 401', async () => {
    const server = await fixedServer(loaded, () => json(401, { error: 'unauthorized' }));
    const results = await runKind(target(server.url), 'unauthenticated');
    for (const result of results) {
      const documents401 = documentedStatuses(result.check.operation!).includes('401');
      expect(result.failures.map((failure) => failure.code).filter((code) => code.startsWith('status.') || code === 'spec.no-401')).toEqual(
        documents401 ? [] : ['spec.no-401'],
      );
    }
  });

  it.each([200, 401, 500])('the malformed check against a server wants a 4xx other than 401, not %d', async (status) => {
    const server = await fixedServer(loaded, () => json(status));
    const results = await runKind(target(server.url), 'malformed');
    expect(results.length).toBeGreaterThan(0);
    for (const result of results) {
      const failure = result.failures.find((candidate) => candidate.code === 'status.not-allowed');
      expect(failure?.details).toEqual({ allowed: '4xx except 401', field: expect.any(String), actual: status });
      expect(failure!.details!.field).not.toBe('');
    }
  });

  it('the malformed check against a server accepts a 400 or 422', async () => {
    for (const status of [400, 422]) {
      const server = await fixedServer(loaded, () => json(status));
      const results = await runKind(target(server.url), 'malformed');
      expect(codesOf(results).filter((code) => code.startsWith('status.') || code.startsWith('mock.'))).toEqual([]);
    }
  });

  it('the malformed check against a mock wants its validation status and a violation naming the field', async () => {
    const server = await fixedServer(loaded, () => json(200));
    const results = await runKind(target(server.url, { kind: 'mock' }), 'malformed');
    for (const result of results) {
      const codes = result.failures.map((failure) => failure.code);
      expect(codes).toContain('mock.violation-unnamed');
      expect(result.failures.find((failure) => failure.code === 'mock.violation-unnamed')!.details).toEqual({
        field: expect.any(String),
        violations: '',
      });
      const wanted = ['422', '400'].find((status) => documentedStatuses(result.check.operation!).includes(status));
      expect(codes).toContain(wanted ? 'status.not-requested' : 'spec.no-validation-status');
    }
  });

  it('a mock violation naming the body is enough', async () => {
    const server = await fixedServer(loaded, () => ({
      ...json(422),
      headers: { 'content-type': 'application/json', 'sl-violations': '[{"location":["request","body"],"message":"invalid"}]' },
    }));
    const results = await runKind(target(server.url, { kind: 'mock' }), 'malformed');
    expect(results.length).toBeGreaterThan(0);
    expect(codesOf(results)).not.toContain('mock.violation-unnamed');
    // No proxy in this run: a violations header on the target's own answer is no proxy report.
    expect(codesOf(results)).not.toContain('proxy.violation');
  });

  it('a mock violation naming neither the field nor the body is reported with what it said', async () => {
    const server = await fixedServer(loaded, () => ({
      ...json(422),
      headers: { 'content-type': 'application/json', 'sl-violations': '[{"location":["request","header","X-Zz"],"message":"Odd"}]' },
    }));
    const results = await runKind(target(server.url, { kind: 'mock' }), 'malformed');
    const unnamed = results.flatMap((result) => result.failures).filter((failure) => failure.code === 'mock.violation-unnamed');
    expect(unnamed.length).toBeGreaterThan(0);
    for (const failure of unnamed)
      expect(failure).toMatchObject({
        pointer: '/headers/sl-violations',
        details: { field: expect.any(String), violations: '[{"location":["request","header","x-zz"],"message":"odd"}]' },
      });
  });

  it('a malformed request that gets no response at all fails, and is no engine error', async () => {
    const server = await fixedServer(loaded, () => json(200));
    await servers.splice(0)[0]!.close();
    const results = await runKind(target(server.url, { kind: 'mock' }), 'malformed');
    expect(results.length).toBeGreaterThan(0);
    expect(results.map((result) => result.outcome)).toEqual(results.map(() => 'fail'));
    for (const result of results) expect(result.failures.map((failure) => failure.code)).toContain('response.none');
    expect(codesOf(results)).not.toContain('internal.error');
  });

  it('the generated requests report their counts and seed as details', async () => {
    const server = await fixedServer(loaded, () => json(200));
    const results = await runKind(target(server.url, { fuzzRuns: 5, seed: 7 }), 'fuzz');
    expect(results).toHaveLength(1);
    expect(results[0]!.details).toMatchObject({ requests: 5, sent: 5, seed: 7 });
  });

  it('the coverage check fails for every status asked for and never observed, and passes once all were', async () => {
    const server = await fixedServer(loaded, () => json(299));
    const session = await openSession(loaded, target(server.url));
    const results = await session.runAll();
    const coverage = results.find((result) => result.check.kind === 'coverage')!;
    const asked = session.checks.filter((check) => check.kind === 'status' && check.skip === undefined);
    expect(coverage.outcome).toBe('fail');
    expect(coverage.failures.map((failure) => `${failure.operationId} ${failure.status}`).sort()).toEqual(
      asked.map((check) => `${check.operation!.operationId} ${check.status}`).sort(),
    );
    for (const failure of coverage.failures)
      expect(failure).toMatchObject({
        code: 'coverage.unobserved',
        check: coverage.check.id,
        pointer: '/responses',
        details: { operationId: failure.operationId, status: failure.status },
      });
  });

  it('the coverage check counts a status observed when a check saw it', async () => {
    const server = await fixedServer(loaded, (request) => {
      const asked = /code=(\d+)/.exec(String(request.headers.prefer ?? ''))?.[1];
      return json(asked ? Number(asked) : 200);
    });
    const session = await openSession(loaded, target(server.url));
    const results = await session.runAll();
    expect(results.find((result) => result.check.kind === 'coverage')!.failures).toEqual([]);
    const observed = results.flatMap((result) => result.observations);
    expect(observed.length).toBeGreaterThan(0);
    expect(observed.every((observation) => typeof observation.ok === 'boolean' && observation.status !== undefined)).toBe(true);
  });

  it('a check that is skipped is "not run", with its reason', async () => {
    const server = await fixedServer(loaded, () => json(200));
    const session = await openSession(loaded, target(server.url, { fuzzRuns: 0 }));
    const fuzz = session.checks.find((check) => check.kind === 'fuzz')!;
    expect(await session.run(fuzz)).toEqual({
      check: fuzz,
      outcome: 'not run',
      failures: [],
      observations: [],
      durationMs: 0,
      notes: ['turned off (--fuzz-runs 0)'],
    });
    expect(server.received).toEqual([]);
  });

  it('no response at all is a finding, and no observation', async () => {
    const server = await fixedServer(loaded, () => json(200));
    await servers.splice(0)[0]!.close();
    const results = await runKind(target(server.url), 'example');
    expect(codesOf(results)).toEqual(['response.none']);
    expect(results.flatMap((result) => result.observations)).toEqual([]);
  });
});

describe(`${loaded.api.name}: what the spec lacks, and what the engine cannot do`, () => {
  /** The same API with no 401, 400 or 422 documented anywhere. */
  const stripped = (() => {
    const document = structuredClone(loaded.document) as OpenApiDocument;
    for (const item of Object.values(document.paths ?? {})) {
      for (const operation of Object.values(item as Record<string, { responses?: Record<string, unknown> }>)) {
        if (typeof operation !== 'object' || operation === null || !operation.responses) continue;
        for (const status of ['401', '400', '422']) delete operation.responses[status];
      }
    }
    return contractApi(loaded.api, document);
  })();

  it('an operation needing credentials that documents no 401 is a spec finding', async () => {
    const server = await fixedServer(stripped, () => json(401));
    const results = await runKind(target(server.url), 'unauthenticated', stripped);
    expect(results.length).toBeGreaterThan(0);
    for (const result of results) {
      expect(result.failures.find((failure) => failure.code === 'spec.no-401')).toMatchObject({
        pointer: '/responses',
        details: { documented: documentedStatuses(result.check.operation!) },
      });
    }
  });

  it('an operation that documents no 400 or 422 is a spec finding of the malformed check', async () => {
    const server = await fixedServer(stripped, () => json(400));
    const results = await runKind(target(server.url), 'malformed', stripped);
    for (const result of results) {
      expect(result.outcome).toBe('fail');
      expect(result.failures.find((failure) => failure.code === 'spec.no-validation-status')).toMatchObject({
        pointer: '/responses',
        details: { documented: documentedStatuses(result.check.operation!) },
      });
    }
  });

  it('an external description is held to neither house convention', async () => {
    const external = contractApi({ ...stripped.api, style: 'external' }, stripped.document);
    const server = await fixedServer(external, () => json(400));
    const results = [
      ...(await runKind(target(server.url), 'unauthenticated', external)),
      ...(await runKind(target(server.url), 'malformed', external)),
    ];
    expect(results.length).toBeGreaterThan(0);
    expect(codesOf(results).filter((code) => code.startsWith('spec.'))).toEqual([]);
  });

  it('a check the engine cannot run ends as an error naming the fault, and the session goes on', async () => {
    const server = await fixedServer(loaded, () => json(200));
    const session = await openSession(loaded, target(server.url));
    const broken = { id: 'broken check', kind: 'example' as const };
    const result = await session.run(broken);
    expect(result.outcome).toBe('error');
    expect(result.observations).toEqual([]);
    expect(result.notes).toEqual([]);
    worded([result]);
    expect(result.failures).toHaveLength(1);
    expect(result.failures[0]).toMatchObject({
      code: 'internal.error',
      api: loaded.api.name,
      check: 'broken check',
      operationId: '',
      status: undefined,
      pointer: '',
      details: { error: 'TypeError' },
      curl: undefined,
    });
  });

  it('a check that finds nothing passes, and its observation is ok', async () => {
    const server = await fixedServer(loaded, (request) => {
      const asked = /code=(\d+)/.exec(String(request.headers.prefer ?? ''))?.[1];
      return json(asked ? Number(asked) : 200);
    });
    const session = await openSession(loaded, target(server.url));
    const results = await session.runAll();
    const coverage = results.find((result) => result.check.kind === 'coverage')!;
    expect(coverage.outcome).toBe('pass');
    expect(coverage.observations).toEqual([]);
    expect(coverage.notes).toEqual([]);
    worded(results);
    for (const result of results.filter((candidate) => candidate.outcome !== 'not run')) expect(result.notes).toEqual([]);
    for (const result of results) {
      if (result.outcome === 'not run') continue;
      expect(result.outcome).toBe(result.failures.length > 0 ? 'fail' : 'pass');
      for (const observation of result.observations) expect(observation.ok).toBe(result.failures.length === 0);
    }
  });
});

describe(`${loaded.api.name}: through a Prism proxy`, () => {
  it('violations the proxy reports are findings beside the judgement', async () => {
    const upstream = await fixedServer(loaded, () => json(404));
    const proxy = await fixedServer(loaded, () => ({
      ...json(404),
      headers: {
        'content-type': 'application/json',
        'sl-violations': '[{"location":["response","body"],"message":"odd","severity":"Error"}]',
      },
    }));
    const results = await runKind(target(upstream.url, { proxyUrl: proxy.url }), 'example');
    expect(codesOf(results)).toEqual(expect.arrayContaining(['proxy.violation', 'status.not-success']));
    expect(upstream.received.filter((line) => !tokenOperations(loaded).some((operation) => line.endsWith(operation.path)))).toEqual([]);
  });

  it('an error response of the proxy replaces the judgement of its body', async () => {
    const upstream = await fixedServer(loaded, () => json(200));
    const problem = {
      type: 'https://stoplight.io/prism/errors#UNPROCESSABLE_ENTITY',
      title: 'Invalid request',
      validation: [{ location: ['request', 'body'], message: 'bad', severity: 'Error' }],
    };
    const proxy = await fixedServer(loaded, () => ({
      status: 422,
      headers: { 'content-type': 'application/problem+json' },
      body: JSON.stringify(problem),
    }));
    const results = await runKind(target(upstream.url, { proxyUrl: proxy.url }), 'example');
    expect(codesOf(results)).toEqual(['proxy.replaced']);
  });

  it('the unauthenticated and malformed checks bypass the proxy', async () => {
    const upstream = await fixedServer(loaded, () => json(401));
    const proxy = await fixedServer(loaded, () => json(401));
    await runKind(target(upstream.url, { proxyUrl: proxy.url }), 'unauthenticated');
    await runKind(target(upstream.url, { proxyUrl: proxy.url }), 'malformed');
    expect(proxy.received).toEqual([]);
    expect(upstream.received.length).toBeGreaterThan(0);
  });
});
