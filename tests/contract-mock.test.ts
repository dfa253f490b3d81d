/**
 * Client ↔ spec ↔ mock, judged by the contract engine (scripts/lib/contract): for every operation
 * of every API and every status it documents, a call through the generated client gets that status
 * (Prism's `Prefer: code=…`), the documented content type and a body that validates against the
 * spec; 2xx bodies land in `data`, others in `error`. The last test of each API fails if any
 * documented (operation, status) was not observed.
 */
import { describe, expect, it } from 'vitest';
import { formatFailure } from '../scripts/lib/contract/report.ts';
import { apis } from './support/apis.ts';
import { mockSession } from './support/mock-session.ts';

describe.each(apis.map((api) => [api.name, api] as const))('%s: client against the mock', (_name, api) => {
  const session = mockSession(api);
  const statusChecks = session.checks.filter((check) => check.kind === 'status');
  const coverage = session.checks.find((check) => check.kind === 'coverage')!;

  it.each(statusChecks.map((check) => [check.id, check] as const))('%s', async (_id, check) => {
    const result = await session.run(check);
    expect(result.failures.map(formatFailure).join('\n\n')).toBe('');
    expect(result.observations.map((observation) => observation.status)).toEqual([check.status]);
  });

  it('observed every documented (operation, status)', async () => {
    expect(statusChecks.length).toBeGreaterThan(0);
    const result = await session.run(coverage);
    expect(result.failures.map(formatFailure).join('\n')).toBe('');
  });
});
