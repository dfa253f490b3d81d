/**
 * The contract engine as data: the check registry (one entry per kind, each with a level and what
 * it applies to), the plan it makes of an API, and the session's lifecycle (created → open →
 * closed; checks run only while open; close idempotent and always reached through withSession).
 * In-process only: no check here sends a request.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { contractApi, documentedStatuses, isSecured, isWrite, loadContractApi, validationStatus } from '../scripts/lib/contract/api.ts';
import { checkOf, checkRegistry, planChecks } from '../scripts/lib/contract/checks/registry.ts';
import { nothingToMalform, planOptionsOf, writeGate } from '../scripts/lib/contract/plan.ts';
import { createSession, SessionStateError, withSession, type ContractSession } from '../scripts/lib/contract/session.ts';
import type { CheckKind, PlannedCheck, TargetOptions } from '../scripts/lib/contract/types.ts';
import { placeholderCredentials } from '../scripts/lib/credentials.ts';
import type { OpenApiDocument } from '../scripts/lib/openapi.ts';
import { apis } from './support/apis.ts';

const loaded = loadContractApi(apis[0]!);
const credentials = placeholderCredentials(loaded.plan);
// Nothing listens there, and no test here sends a request.
const mock: TargetOptions = { kind: 'mock', baseUrl: 'http://127.0.0.1:9', credentials, fuzzRuns: 0 };
const server: TargetOptions = { kind: 'server', baseUrl: 'http://127.0.0.1:9', credentials, fuzzRuns: 0 };

/** One unsecured write, nothing else. */
const onlyWrites = {
  openapi: '3.1.0',
  info: { title: 'Writes only', version: '1.0.0' },
  servers: [{ url: 'https://api.example.test' }],
  paths: {
    '/things': {
      post: {
        operationId: 'createThing',
        requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { n: { type: 'integer' } } } } } },
        responses: { '201': { description: 'made' } },
      },
    },
  },
} as unknown as OpenApiDocument;

const sessions: ContractSession[] = [];
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((session) => session.close()));
});

function session(target: TargetOptions = mock): ContractSession {
  const created = createSession(loaded, target);
  sessions.push(created);
  return created;
}

const kinds = (checks: readonly PlannedCheck[]) => checks.map((check) => check.kind);

describe('the check registry', () => {
  it('holds one entry per kind, each with a level and what it applies to', () => {
    expect(checkRegistry.map((check) => [check.kind, check.appliesTo, check.level])).toEqual([
      ['example', 'operation', 'error'],
      ['status', 'operation', 'error'],
      ['unauthenticated', 'operation', 'error'],
      ['malformed', 'operation', 'error'],
      ['fuzz', 'api', 'error'],
      ['coverage', 'api', 'error'],
    ]);
  });

  it('finds the entry of each kind, and refuses a kind it does not hold', () => {
    for (const check of checkRegistry) expect(checkOf(check.kind)).toBe(check);
    expect(() => checkOf('nonsense' as CheckKind)).toThrow(Error);
  });

  it('plans, per operation in spec order, the example, each status, the call without credentials, the malformed request; then fuzz and coverage', () => {
    const expected: CheckKind[] = [];
    for (const operation of loaded.operations) {
      expected.push('example', ...documentedStatuses(operation).map(() => 'status' as const));
      if (isSecured(operation)) expected.push('unauthenticated');
      expected.push('malformed');
    }
    const planned = planChecks(loaded, planOptionsOf(mock));
    expect(kinds(planned)).toEqual([...expected, 'fuzz', 'coverage']);
    expect(new Set(planned.map((check) => check.id)).size).toBe(planned.length);
    const statuses = planned.filter((check) => check.kind === 'status');
    expect(statuses.map((check) => `${check.operation!.operationId} ${check.status}`)).toEqual(
      loaded.operations.flatMap((operation) => documentedStatuses(operation).map((status) => `${operation.operationId} ${status}`)),
    );
    expect(planned.filter((check) => check.kind !== 'fuzz' && check.kind !== 'coverage').every((check) => check.operation)).toBe(true);
    expect(planned.find((check) => check.kind === 'fuzz')!.skip).toBe('turned off (--fuzz-runs 0)');
    expect(
      planned.filter((check) => check.kind === 'malformed').every((check) => check.skip === undefined || check.skip === nothingToMalform),
    ).toBe(true);
  });

  it('names each planned check by its operation and what it demands (the JUnit test case names)', () => {
    const idsOf = (target: TargetOptions) => planChecks(loaded, planOptionsOf(target)).map((check) => check.id);
    for (const operation of loaded.operations) {
      const id = operation.operationId;
      const fromMock = idsOf(mock);
      expect(fromMock).toContain(`${id} example request`);
      for (const status of documentedStatuses(operation)) expect(fromMock).toContain(`${id} → ${status}`);
      expect(fromMock.includes(`${id} without credentials → 401`)).toBe(isSecured(operation));
      expect(fromMock).toContain(`${id} malformed request → ${validationStatus(operation) ?? '422/400'}`);
      expect(idsOf(server)).toContain(`${id} malformed request → documented 4xx`);
    }
    expect(idsOf(mock).at(-1)).toBe('every documented (operation, status) observed');
  });

  it('plans no status and no coverage check for a server that is not asked with Prefer: code=', () => {
    const planned = planChecks(loaded, planOptionsOf(server));
    expect(kinds(planned)).not.toContain('status');
    expect(kinds(planned)).not.toContain('coverage');
    expect(kinds(planChecks(loaded, planOptionsOf({ ...server, preferCodes: true })))).toContain('coverage');
  });

  it('gates every check of a write against a server until writes are allowed', () => {
    const planned = planChecks(loaded, planOptionsOf({ ...server, preferCodes: true }));
    const writes = planned.filter((check) => check.operation && isWrite(loaded, check.operation));
    expect(writes.length).toBeGreaterThan(0);
    const options = planOptionsOf({ ...server, preferCodes: true });
    for (const check of writes) {
      expect(check.skip).toBeDefined();
      expect(check.skip).toBe(writeGate(loaded, check.operation!, options));
    }
  });

  it('plans only checks of the registry, and no call without credentials for an unsecured operation', () => {
    const known = new Set(checkRegistry.map((check) => check.kind));
    const open = contractApi(loaded.api, onlyWrites);
    for (const target of [mock, server, { ...server, preferCodes: true }])
      for (const api of [loaded, open]) expect(planChecks(api, planOptionsOf(target)).every((check) => known.has(check.kind))).toBe(true);
    expect(kinds(planChecks(open, planOptionsOf(mock)))).toEqual(['example', 'status', 'malformed', 'fuzz', 'coverage']);
  });

  it('plans no generated requests when no operation may run against the target', () => {
    const open = contractApi(loaded.api, onlyWrites);
    const fuzz = (target: TargetOptions) => planChecks(open, planOptionsOf(target)).find((check) => check.kind === 'fuzz')!;
    expect(fuzz({ ...server, fuzzRuns: 5 }).skip).toBe('no operation may run against this target');
    expect(fuzz({ ...mock, fuzzRuns: 5 }).skip).toBeUndefined();
  });

  it('plans the generated requests when they are on, with their count and seed in the id', () => {
    const [fuzz] = planChecks(loaded, planOptionsOf({ ...mock, fuzzRuns: 7, seed: 3 })).filter((check) => check.kind === 'fuzz');
    expect(fuzz).toEqual({ id: 'generated requests (7, seed 3)', kind: 'fuzz' });
  });
});

describe('the session lifecycle', () => {
  const skippedCheck = (created: ContractSession) => created.checks.find((check) => check.kind === 'fuzz')!;

  it('is created with its plan, and runs nothing before it is opened', async () => {
    const created = session();
    expect(created.state).toBe('created');
    expect(created.observed).toEqual([]);
    expect(created.checks).toEqual(planChecks(loaded, planOptionsOf(mock)));
    await expect(created.run(skippedCheck(created))).rejects.toThrow(SessionStateError);
    await expect(created.runAll()).rejects.toThrow(SessionStateError);
    await expect(created.probe({ operation: loaded.operations[0]!, inputs: { path: {}, query: {}, header: {} } })).rejects.toThrow(
      SessionStateError,
    );
  });

  it('opens once, runs while open, and closes idempotently', async () => {
    const created = session();
    expect(await created.open()).toBe(created);
    expect(created.state).toBe('open');
    await expect(created.open()).rejects.toThrow(SessionStateError);
    expect((await created.run(skippedCheck(created))).outcome).toBe('not run');
    await created.close();
    expect(created.state).toBe('closed');
    await created.close();
    expect(created.state).toBe('closed');
    await expect(created.run(skippedCheck(created))).rejects.toThrow(SessionStateError);
    await expect(created.open()).rejects.toThrow(SessionStateError);
  });

  it('can be closed without ever being opened', async () => {
    const created = session();
    await created.close();
    expect(created.state).toBe('closed');
    await expect(created.open()).rejects.toThrow(SessionStateError);
  });

  it('withSession hands over an open session and closes it, whatever happens', async () => {
    let seen: ContractSession | undefined;
    const value = await withSession(loaded, mock, async (open) => {
      seen = open;
      expect(open.state).toBe('open');
      return 42;
    });
    expect(value).toBe(42);
    expect(seen!.state).toBe('closed');
    const failure = new Error('the caller failed');
    await expect(
      withSession(loaded, mock, async (open) => {
        seen = open;
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(seen!.state).toBe('closed');
  });

  it('names the action and the state it refused', () => {
    const error = new SessionStateError('run a check of', 'closed');
    expect(error.name).toBe('SessionStateError');
    expect(error).toBeInstanceOf(Error);
  });
});
