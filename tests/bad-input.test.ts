/**
 * Bad input meets the provider's documented envelope, not the mock's own problem+json, judged by
 * the contract engine: a call without credentials gets the documented 401, a malformed request the
 * documented 422 (else 400) with the mock's violations header naming the field at fault.
 */
import { describe, expect, it } from 'vitest';
import { isSecured } from '../scripts/lib/contract/api.ts';
import { formatFailure } from '../scripts/lib/contract/report.ts';
import { nothingToMalform } from '../scripts/lib/contract/plan.ts';
import { apis } from './support/apis.ts';
import { mockSession } from './support/mock-session.ts';

describe.each(apis.map((api) => [api.name, api] as const))('%s: bad input', (_name, api) => {
  const session = mockSession(api);
  const loaded = session.loaded;
  const anonymous = session.checks.filter((check) => check.kind === 'unauthenticated');
  const malformed = session.checks.filter((check) => check.kind === 'malformed');

  it('plans a call without credentials for every secured operation, a malformed request for every operation', () => {
    expect(anonymous.map((check) => check.operation)).toEqual(loaded.operations.filter(isSecured));
    expect(malformed.map((check) => check.operation)).toEqual(loaded.operations);
  });

  it.each([...anonymous, ...malformed].map((check) => [check.id, check] as const))('%s', async (_id, check) => {
    const result = await session.run(check);
    // A GET or DELETE whose parameters take any text has nothing to break without a body (issue 15.6).
    if (check.skip === nothingToMalform) return expect(result.outcome).toBe('not run');
    expect(result.outcome).toBe('pass');
    expect(result.failures.map(formatFailure).join('\n\n')).toBe('');
  });
});
