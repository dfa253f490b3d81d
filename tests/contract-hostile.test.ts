/**
 * The contract runner against servers that attack it, all on loopback and free ports: endless,
 * slow, huge and absurdly deep answers end as findings of their own within the run's bounds;
 * secrets never reach the output, whole or in part; a server's control characters are escaped; the
 * token endpoint of a real server sees only the run's own credentials, a few times; a self-
 * referencing schema or an engine fault ends one check, not the run; plain HTTP stays on this machine.
 */
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main as contractCli, parseFlags } from '../scripts/contract.ts';
import {
  contractApi,
  identifyingNames,
  isTokenOperation,
  isWrite,
  loadContractApi,
  tokenOperations,
  type ContractApi,
} from '../scripts/lib/contract/api.ts';
import { generatedRequests } from '../scripts/lib/contract/fuzz.ts';
import { judge, maxBodyDepth } from '../scripts/lib/contract/judge.ts';
import { junitXml } from '../scripts/lib/contract/junit.ts';
import { Masker } from '../scripts/lib/contract/mask.ts';
import { formatReport } from '../scripts/lib/contract/report.ts';
import { exitCodeOf, exitCodes, runContractApi } from '../scripts/lib/contract/run.ts';
import { maxTokenRequests } from '../scripts/lib/contract/send.ts';
import type { ApiReport, FindingCode, ResponseLimits, TargetOptions } from '../scripts/lib/contract/types.ts';
import { envName, placeholderCredentials } from '../scripts/lib/credentials.ts';
import type { OpenApiDocument } from '../scripts/lib/openapi.ts';
import { apis } from './support/apis.ts';
import { exampleIds } from './support/contract-ids.ts';
import { startContractTarget, withContractTarget } from './contract-target/server.ts';

const loadedApis: ContractApi[] = apis.map(loadContractApi);

/** An API with a read that needs no ids: its example request runs against any server. */
const reader = loadedApis.find((loaded) =>
  loaded.operations.some(
    (operation) => !isWrite(loaded, operation) && !isTokenOperation(loaded, operation) && identifyingNames(loaded, operation).length === 0,
  ),
)!;
/** An API whose client fetches tokens from an operation of its own. */
const tokenApi = loadedApis.find((loaded) => tokenOperations(loaded).length > 0)!;

const quick: ResponseLimits = { deadlineMs: 1500, headersTimeoutMs: 500, maxBodyBytes: 256 * 1024 };

interface Listening {
  readonly url: string;
  close(): Promise<void>;
}

async function listen(server: Server | TcpServer, sockets: Set<Socket>): Promise<Listening> {
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((closed) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => closed());
      }),
  };
}

/** A node:http server answering every request with `handler`. */
function hostile(
  handler: (request: IncomingMessage, response: ServerResponse) => void,
): Promise<Listening & { readonly requests: () => number; readonly paths: string[] }> {
  let count = 0;
  const paths: string[] = [];
  const server = createServer((request, response) => {
    count += 1;
    paths.push(new URL(request.url ?? '/', 'http://hostile.invalid').pathname);
    response.on('error', () => undefined);
    request.resume();
    request.on('end', () => handler(request, response));
  });
  return listen(server, new Set()).then((listening) => ({ ...listening, requests: () => count, paths }));
}

/** A raw TCP server: what it writes, byte by byte, is up to `onConnection`. */
function rawHostile(onConnection: (socket: Socket) => void): Promise<Listening> {
  const server = createTcpServer((socket) => {
    socket.on('error', () => undefined);
    onConnection(socket);
  });
  return listen(server, new Set());
}

function against(loaded: ContractApi, url: string, extra: Partial<TargetOptions> = {}): TargetOptions {
  return { kind: 'server', baseUrl: url, credentials: placeholderCredentials(loaded.plan), fuzzRuns: 0, limits: quick, ...extra };
}

const codesOf = (report: ApiReport): FindingCode[] => report.results.flatMap((result) => result.failures.map((failure) => failure.code));
const exampleOf = (report: ApiReport) => report.results.find((result) => result.check.kind === 'example' && result.outcome !== 'not run')!;

describe('bounded responses: each bound is a finding of its own', () => {
  it('an endless chunked body stops at the body cap', async () => {
    const server = await hostile((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = () => {
        while (!response.destroyed && response.write(chunk));
        if (!response.destroyed) response.once('drain', pump);
      };
      response.write('[');
      pump();
    });
    try {
      const before = process.memoryUsage().rss;
      const report = await runContractApi(reader, against(reader, server.url));
      expect(exampleOf(report).failures.map((failure) => failure.code)).toEqual(['limit.body-size']);
      expect(exampleOf(report).outcome).toBe('fail');
      // The cap is 256 kB here: however long the server goes on, the run holds no more than a few caps.
      expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
    } finally {
      await server.close();
    }
  });

  it('a 100 MB body announced by content-length is refused unread', async () => {
    const hundredMegabytes = 100 * 1024 * 1024;
    const server = await hostile((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': String(hundredMegabytes) });
      response.write('{"padding":"');
    });
    try {
      const report = await runContractApi(reader, against(reader, server.url, { limits: { ...quick, deadlineMs: 60_000 } }));
      expect(exampleOf(report).failures.map((failure) => failure.code)).toEqual(['limit.body-size']);
      expect(exampleOf(report).failures[0]!.details).toMatchObject({ declaredBytes: hundredMegabytes, limitBytes: quick.maxBodyBytes });
    } finally {
      await server.close();
    }
  });

  it('the body cap follows --max-body', async () => {
    const body = JSON.stringify({ padding: 'x'.repeat(600 * 1024) });
    const server = await hostile((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(body);
    });
    try {
      expect(parseFlags(['--max-body', '512kb']).limits.maxBodyBytes).toBe(512 * 1024);
      expect(parseFlags(['--max-body', '2mb']).limits.maxBodyBytes).toBe(2 * 1024 * 1024);
      expect(() => parseFlags(['--max-body', 'lots'])).toThrow(/--max-body lots: expected a size/);
      const capped = await runContractApi(
        reader,
        against(reader, server.url, { limits: { ...quick, maxBodyBytes: parseFlags(['--max-body', '512kb']).limits.maxBodyBytes } }),
      );
      expect(exampleOf(capped).failures.map((failure) => failure.code)).toContain('limit.body-size');
      const roomy = await runContractApi(
        reader,
        against(reader, server.url, { limits: { ...quick, maxBodyBytes: parseFlags(['--max-body', '2mb']).limits.maxBodyBytes } }),
      );
      expect(exampleOf(roomy).failures.map((failure) => failure.code)).not.toContain('limit.body-size');
    } finally {
      await server.close();
    }
  });

  it('a slowloris server that never ends its headers meets the headers timeout', async () => {
    const server = await rawHostile((socket) => {
      socket.once('data', () => {
        socket.write('HTTP/1.1 200 OK\r\n');
        const drip = setInterval(() => (socket.destroyed ? clearInterval(drip) : socket.write('x-slow: 1\r\n')), 100);
        socket.on('close', () => clearInterval(drip));
      });
    });
    try {
      const started = Date.now();
      const report = await runContractApi(
        reader,
        against(reader, server.url, { limits: { ...quick, headersTimeoutMs: 300, deadlineMs: 10_000 } }),
      );
      expect(exampleOf(report).failures.map((failure) => failure.code)).toEqual(['limit.headers-timeout']);
      // Three checks (example, without credentials, malformed), each cut at the headers timeout.
      expect(Date.now() - started).toBeLessThan(8000);
    } finally {
      await server.close();
    }
  });

  it('a body that trickles forever meets the request deadline', async () => {
    const server = await hostile((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('[');
      const drip = setInterval(() => (response.destroyed ? clearInterval(drip) : response.write('1,')), 50);
      response.on('close', () => clearInterval(drip));
    });
    try {
      const report = await runContractApi(reader, against(reader, server.url, { limits: { ...quick, deadlineMs: 400 } }));
      expect(exampleOf(report).failures.map((failure) => failure.code)).toEqual(['limit.deadline']);
    } finally {
      await server.close();
    }
  });

  it('generated requests stop after a few run into a time bound', async () => {
    const server = await rawHostile(() => undefined);
    try {
      const report = await runContractApi(
        reader,
        against(reader, server.url, { fuzzRuns: 200, concurrency: 4, limits: { ...quick, headersTimeoutMs: 150, deadlineMs: 300 } }),
      );
      const fuzz = report.results.find((result) => result.check.kind === 'fuzz')!;
      expect(fuzz.outcome).toBe('fail');
      expect(fuzz.details).toMatchObject({ requests: 200, stoppedBy: 'time-bound' });
      expect(fuzz.details!.sent).toBeLessThan(20);
    } finally {
      await server.close();
    }
  });
});

describe('bounded recursion and internal errors', () => {
  it('a 100,000-deep JSON body is a finding, not a stack overflow', async () => {
    const deep = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`;
    const server = await hostile((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(deep);
    });
    try {
      const report = await runContractApi(reader, against(reader, server.url, { limits: { ...quick, maxBodyBytes: 4 * 1024 * 1024 } }));
      expect(report.results.filter((result) => result.outcome === 'error')).toEqual([]);
      expect(exampleOf(report).failures.map((failure) => failure.code)).toContain('limit.body-depth');
      expect(exitCodeOf([report])).toBe(exitCodes.violated);
    } finally {
      await server.close();
    }
    // The judge alone, with a depth just inside the bound: judged normally.
    const operation = reader.operations.find((candidate) => !isWrite(reader, candidate))!;
    const shallow = `${'['.repeat(maxBodyDepth - 1)}${']'.repeat(maxBodyDepth - 1)}`;
    const exchange = {
      request: undefined,
      response: { status: 200, headers: new Headers({ 'content-type': 'application/json' }), text: shallow },
      result: { data: [] },
      thrown: undefined,
    };
    expect(judge(reader, operation, exchange).findings.map((finding) => finding.code)).not.toContain('limit.body-depth');
  });

  /** A one-operation spec around `schema` (a query parameter and a JSON body), served by the first API's client. */
  function scratchApi(schemas: Record<string, unknown>, parameterSchema: unknown, bodySchema: unknown): ContractApi {
    const document = {
      openapi: '3.1.0',
      info: { title: 'Scratch', version: '1.0.0' },
      paths: {
        '/things': {
          post: {
            operationId: 'things_create',
            parameters: [{ name: 'filter', in: 'query', required: true, schema: parameterSchema, example: 'a' }],
            requestBody: { required: true, content: { 'application/json': { schema: bodySchema, example: [] } } },
            responses: {
              '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object' }, example: {} } } },
              '422': { description: 'bad', content: { 'application/json': { schema: { type: 'object' }, example: {} } } },
            },
          },
        },
      },
      components: { schemas },
    } as unknown as OpenApiDocument;
    return contractApi(apis[0]!, document);
  }

  it('an array schema whose items are itself yields requests, not a stack overflow', () => {
    const loaded = scratchApi(
      {
        Tree: { type: 'array', items: { $ref: '#/components/schemas/Tree' } },
        Loop: { allOf: [{ $ref: '#/components/schemas/Loop' }] },
        Node: { type: 'object', required: ['child'], properties: { child: { $ref: '#/components/schemas/Node' } } },
      },
      { type: 'string' },
      { anyOf: [{ $ref: '#/components/schemas/Tree' }, { $ref: '#/components/schemas/Loop' }, { $ref: '#/components/schemas/Node' }] },
    );
    const requests = generatedRequests(loaded, { kind: 'mock', baseUrl: 'http://127.0.0.1:9', credentials: {}, fuzzRuns: 200 });
    expect(requests).toHaveLength(200);
    // About 2 s of CPU alone; inside a full `npm test` on a shared 2-core machine it has taken 25 s.
  }, 90_000);

  it('an engine fault ends its check as an error; the other checks run; the exit code is 3', async () => {
    // A pattern no regular-expression engine compiles: the malformed-request builder throws on it.
    const loaded = scratchApi({}, { type: 'string', pattern: '(' }, { type: 'array' });
    const server = await hostile((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{}');
    });
    try {
      const report = await runContractApi(loaded, {
        kind: 'mock',
        baseUrl: server.url,
        credentials: placeholderCredentials(loadedApis[0]!.plan),
        fuzzRuns: 20,
      });
      const errors = report.results.filter((result) => result.outcome === 'error');
      expect(errors.length).toBeGreaterThan(0);
      for (const error of errors) expect(error.failures.map((failure) => failure.code)).toEqual(['internal.error']);
      expect(report.results.find((result) => result.check.kind === 'example')!.outcome).toBe('pass');
      expect(exitCodeOf([report])).toBe(exitCodes.internal);
      const xml = junitXml([report]);
      expect(xml).toMatch(/<testsuites name="contract" tests="\d+" failures="\d+" errors="[1-9]\d*"/);
      expect(xml).toContain('type="InternalError"');
      expect(formatReport(report, 'scratch')).toMatch(/ERROR [^\n]*\n\s+check: [^\n]*\[internal\.error\]/);
      expect(formatReport(report, 'scratch')).not.toMatch(/\n\s+at /);
    } finally {
      await server.close();
    }
  });
});

describe('secrets and control characters in what a run prints', () => {
  it('the masker learns tokens from JSON (nested) and form bodies, and masks before it cuts', () => {
    const masker = new Masker(['configured-secret-1234']);
    masker.addFromBody(
      JSON.stringify({ data: { auth: { access_token: 'nested-token-abcdef' } }, token_type: 'Bearer' }),
      'application/json',
    );
    masker.addFromBody('refresh_token=form-refresh-987654&token_type=bearer', 'application/x-www-form-urlencoded');
    const text = `${'x'.repeat(190)}configured-secret-1234 nested-token-abcdef form-refresh-987654 "quo\\"ted"`;
    const excerpt = masker.excerpt(text);
    expect(excerpt.startsWith(`${'x'.repeat(190)}***`)).toBe(true);
    expect(masker.mask(text)).toBe(`${'x'.repeat(190)}*** *** *** "quo\\"ted"`);
    expect(masker.mask('Bearer is a word')).toBe('Bearer is a word');
    const special = new Masker(['s3cr/t+k3y"x']);
    for (const encoded of [
      encodeURIComponent('s3cr/t+k3y"x'),
      new URLSearchParams({ k: 's3cr/t+k3y"x' }).toString().slice(2),
      JSON.stringify('s3cr/t+k3y"x').slice(1, -1),
    ]) {
      expect(special.mask(`<${encoded}>`)).toBe('<***>');
    }
  });

  it('masks a credential before cutting: no part of it is printed', async () => {
    const apiKeyOption = Object.keys(placeholderCredentials(reader.plan))[0]!;
    const secret = 'sk_hostile_9Qv4Lw2Xz8Rt6Yp3Nm';
    // The echoed secret straddles the 200-character cut of a printed value.
    const server = await hostile((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(`not json ${'x'.repeat(180)}${secret} and more`);
    });
    try {
      const report = await runContractApi(
        reader,
        against(reader, server.url, { credentials: { ...placeholderCredentials(reader.plan), [apiKeyOption]: secret } }),
      );
      expect(codesOf(report)).toContain('body.not-json');
      const printed = `${formatReport(report, server.url)}\n${junitXml([report])}`;
      for (let start = 0; start + 6 <= secret.length; start += 1) expect(printed).not.toContain(secret.slice(start, start + 6));
    } finally {
      await server.close();
    }
  });

  it('a token handed out form-encoded joins the masker', async () => {
    const token = 'tok_form_7Hs2Kd9Lq4Wz1Xc8Vb';
    const tokenPath = tokenOperations(tokenApi)[0]!.path;
    const server = await hostile((request, response) => {
      if (request.url?.startsWith(tokenPath)) {
        response.writeHead(200, { 'content-type': 'application/x-www-form-urlencoded' });
        response.end(`access_token=${token}&token_type=bearer&expires_in=3600`);
        return;
      }
      response.writeHead(500, { 'content-type': 'text/plain' });
      response.end(`the token was ${token}`);
    });
    try {
      const credentials = { clientId: 'own-client-id', clientSecret: 'own-client-secret-value' };
      const report = await runContractApi(
        tokenApi,
        against(tokenApi, server.url, { credentials, allowWrites: true, params: exampleIds(tokenApi), fuzzRuns: 20 }),
      );
      expect(report.results.some((result) => result.outcome === 'fail')).toBe(true);
      const printed = `${formatReport(report, server.url)}\n${junitXml([report])}`;
      expect(printed).not.toContain(token.slice(0, 12));
      expect(printed).not.toContain(credentials.clientSecret);
    } finally {
      await server.close();
    }
  });

  it('escapes the control characters a server sends', async () => {
    const server = await hostile((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'x-note': Buffer.from('a\x9bb', 'latin1').toString('latin1') });
      response.end('\u001b[2J\u009b31m\u202eforged\ncontract: 0 failed');
    });
    try {
      const report = await runContractApi(reader, against(reader, server.url));
      const printed = formatReport(report, server.url);
      expect(printed).toContain('\\u009b');
      expect(printed).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
      expect(printed).not.toMatch(/^contract: 0 failed/m);
    } finally {
      await server.close();
    }
  });
});

describe('the token endpoint of a real server', () => {
  // The spec types client_id as a UUID: a server that validates would refuse anything else.
  const credentials = { clientId: '0195a1b2-0000-7000-8000-00000000c0de', clientSecret: 'own-client-secret-value' };
  const tokenPath = tokenOperations(tokenApi)[0]!.path;
  const tokenFields = Object.values(tokenApi.plan.schemes).flatMap((scheme) =>
    scheme.kind === 'clientCredentials' ? Object.entries(scheme.tokenRequest.fields) : [],
  );

  function tokenRequests(received: ReadonlyArray<{ method: string; path: string; body: string }>) {
    return received.filter((request) => request.method === 'post' && request.path.endsWith(tokenPath));
  }

  /** The body's fields, in whichever of the two token media types it came. */
  function bodyFields(body: string): Map<string, unknown> {
    try {
      return new Map(Object.entries(JSON.parse(body) as Record<string, unknown>));
    } catch {
      return new Map(new URLSearchParams(body));
    }
  }

  function onlyOwnCredentials(body: string): boolean {
    const fields = bodyFields(body);
    return (
      tokenFields.length > 0 &&
      tokenFields.every(([field, option]) => !fields.has(field) || fields.get(field) === credentials[option as keyof typeof credentials])
    );
  }

  it.each([
    ['without --allow-writes', false],
    ['with --allow-writes', true],
  ])('%s: called only with the configured credentials, a few times, never fuzzed', async (_label, allowWrites) => {
    await withContractTarget(tokenApi, {}, async (server) => {
      const report = await runContractApi(tokenApi, {
        kind: 'server',
        baseUrl: server.url,
        credentials,
        allowWrites,
        params: exampleIds(tokenApi),
        fuzzRuns: 200,
      });
      const calls = tokenRequests(server.received);
      expect(calls.length).toBeGreaterThan(0);
      expect(calls.length).toBeLessThanOrEqual(3);
      expect(calls.filter((call) => !onlyOwnCredentials(call.body))).toEqual([]);
      expect(report.results.find((result) => result.check.kind === 'example' && result.check.operation?.path === tokenPath)!.outcome).toBe(
        'pass',
      );
    });
  });

  it('a token endpoint that refuses every request is not asked more than the cap', async () => {
    const server = await hostile((_request, response) => {
      response.writeHead(401, { 'content-type': 'application/json' });
      response.end('{}');
    });
    try {
      const report = await runContractApi(tokenApi, {
        kind: 'server',
        baseUrl: server.url,
        credentials,
        allowWrites: true,
        params: exampleIds(tokenApi),
        fuzzRuns: 300,
      });
      expect(codesOf(report)).toContain('safety.token-request');
      expect(server.paths.filter((path) => path.endsWith(tokenPath)).length).toBeLessThanOrEqual(maxTokenRequests);
      expect(server.requests()).toBeLessThan(50);
    } finally {
      await server.close();
    }
  });

  it('without its own client id and secret, the run never calls the token operation', async () => {
    await withContractTarget(tokenApi, {}, async (server) => {
      const report = await runContractApi(tokenApi, {
        kind: 'server',
        baseUrl: server.url,
        credentials: { accessToken: 'given-access-token' },
        preferCodes: true,
        fuzzRuns: 200,
      });
      expect(tokenRequests(server.received).filter((call) => new URLSearchParams(call.body).has('client_secret'))).toEqual([]);
      const tokenChecks = report.results.filter(
        (result) => result.check.operation?.path === tokenPath && result.check.kind !== 'malformed',
      );
      expect(tokenChecks.length).toBeGreaterThan(0);
      expect(tokenChecks.every((result) => result.outcome === 'not run')).toBe(true);
    });
  });

  it(`caps the token requests of a run at ${maxTokenRequests}`, () => {
    expect(maxTokenRequests).toBeLessThanOrEqual(8);
  });
});

describe('the contract hole: documented is not correct', () => {
  const cases = (['documented-404', 'documented-401', 'documented-500'] as const).flatMap(
    (defect) =>
      [
        [defect, 0],
        [defect, 50],
      ] as const,
  );

  it.each(cases)('%s with --fuzz-runs %d: the example check fails', async (defect, fuzzRuns) => {
    const status = defect.slice('documented-'.length);
    const loaded =
      loadedApis.find((candidate) =>
        candidate.operations.some(
          (operation) =>
            !isWrite(candidate, operation) &&
            !isTokenOperation(candidate, operation) &&
            operation.responses.some(([key]) => key === status),
        ),
      ) ?? loadedApis.find((candidate) => candidate.operations.some((operation) => operation.responses.some(([key]) => key === status)))!;
    await withContractTarget(loaded, { defect }, async (server) => {
      const report = await runContractApi(loaded, {
        kind: 'server',
        baseUrl: server.url,
        credentials: placeholderCredentials(loaded.plan),
        allowWrites: true,
        params: exampleIds(loaded),
        fuzzRuns,
      });
      const example = report.results.filter((result) => result.check.kind === 'example' && result.outcome === 'fail');
      const owed = example
        .flatMap((result) => result.failures)
        .filter((failure) => failure.code === 'status.not-success' && failure.status === status);
      expect(owed.length).toBeGreaterThan(0);
      expect(owed[0]!.details?.actual).toBe(Number(status));
      expect((owed[0]!.details!.expected as string[]).every((success) => /^2/.test(success))).toBe(true);
      expect(exitCodeOf([report])).toBe(exitCodes.violated);
    });
  });
});

describe('npm run contract: flags and exit codes', () => {
  let directory = '';
  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'contract-cli-'));
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('refuses plain http:// to another host unless --allow-insecure-http', () => {
    expect(() => parseFlags(['--base-url', 'http://api.example.com'])).toThrow(/--allow-insecure-http/);
    expect(() => parseFlags(['--base-url', 'http://10.0.0.7:8080/v1'])).toThrow(/--allow-insecure-http/);
    expect(parseFlags(['--base-url', 'http://api.example.com', '--allow-insecure-http']).baseUrl).toBe('http://api.example.com');
    for (const local of ['http://127.0.0.1:4010', 'http://localhost:4010/', 'http://[::1]:4010', 'https://api.example.com'])
      expect(parseFlags(['--base-url', local]).baseUrl).toBe(local.replace(/\/$/, ''));
    expect(() => parseFlags(['--base-url', 'http://user:secret@127.0.0.1:1'])).toThrow(/no user name or password/);
  });

  it('exits 2 on a usage error, printing no stack, and leaves no stale JUnit report', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const junit = join(directory, 'junit.xml');
    const saved = Object.fromEntries(
      Object.keys(placeholderCredentials(reader.plan)).map((option) => [
        envName(reader.api, option),
        process.env[envName(reader.api, option)],
      ]),
    );
    try {
      expect(await contractCli(['--base-url', 'http://api.example.com'])).toBe(exitCodes.usage);
      expect(await contractCli(['--no-such-flag'])).toBe(exitCodes.usage);
      expect(await contractCli(['--junit', directory])).toBe(exitCodes.usage);
      writeFileSync(junit, '<testsuites failures="0"/>');
      for (const name of Object.keys(saved)) delete process.env[name];
      expect(await contractCli(['--api', reader.api.name, '--base-url', 'http://127.0.0.1:9', '--junit', junit])).toBe(exitCodes.usage);
      expect(existsSync(junit)).toBe(false);
      const printed = errors.mock.calls.map((call) => String(call[0])).join('\n');
      expect(printed).toMatch(/--allow-insecure-http/);
      expect(printed).toContain(envName(reader.api, Object.keys(placeholderCredentials(reader.plan))[0]!));
      expect(printed).not.toMatch(/\n\s+at /);
    } finally {
      errors.mockRestore();
      for (const [name, value] of Object.entries(saved)) if (value !== undefined) process.env[name] = value;
    }
  });

  it('exits 1 when a server answers a valid call with a documented 404', async () => {
    const loaded = loadedApis.find((candidate) =>
      candidate.operations.some((operation) => !isWrite(candidate, operation) && operation.responses.some(([key]) => key === '404')),
    )!;
    const server = await startContractTarget(loaded, { defect: 'documented-404' });
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const names = Object.entries(placeholderCredentials(loaded.plan)).map(
      ([option, value]) => [envName(loaded.api, option), value] as const,
    );
    const saved = names.map(([name]) => [name, process.env[name]] as const);
    try {
      for (const [name, value] of names) process.env[name] = value;
      const code = await contractCli([
        '--api',
        loaded.api.name,
        '--base-url',
        server.url,
        '--fuzz-runs',
        '0',
        '--junit',
        join(directory, 'hole.xml'),
      ]);
      const printed = log.mock.calls.map((call) => String(call[0])).join('\n');
      expect(code, printed).toBe(exitCodes.violated);
      expect(printed).toContain('[status.not-success]');
    } finally {
      log.mockRestore();
      for (const [name, value] of saved) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      await server.close();
    }
  });
});
