/**
 * A contract session against the run's Prism mock of `api` (started once by tests/setup/mocks.ts),
 * opened before the suite's tests and closed after them. Call it inside a `describe`.
 */
import { afterAll, beforeAll, inject } from 'vitest';
import { loadContractApi } from '../../scripts/lib/contract/api.ts';
import { type ContractSession, createSession } from '../../scripts/lib/contract/session.ts';
import { placeholderCredentials } from '../../scripts/lib/credentials.ts';
import type { ApiEntry } from '../../scripts/lib/registry.ts';

export function mockSession(api: ApiEntry): ContractSession {
  const loaded = loadContractApi(api);
  const session = createSession(loaded, {
    kind: 'mock',
    baseUrl: inject('mockUrls')[api.name]!,
    credentials: placeholderCredentials(loaded.plan),
    fuzzRuns: 0,
  });
  beforeAll(async () => {
    await session.open();
  });
  afterAll(() => session.close());
  return session;
}
