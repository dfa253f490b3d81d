/**
 * Every (operation, status) a status check asked for was seen by some check of the session.
 * A status not to be asked for (a gated write, a token operation without own credentials) is not owed.
 */
import { documentedStatuses } from '../api.ts';
import { usesPreferCodes } from '../plan.ts';
import type { Failure } from '../types.ts';
import type { ApiCheck } from './check.ts';

export const coverageCheck: ApiCheck = {
  kind: 'coverage',
  level: 'error',
  appliesTo: 'api',
  plan: ({ options }) => (usesPreferCodes(options) ? [{ id: 'every documented (operation, status) observed', kind: 'coverage' }] : []),
  async run(check, { loaded, checks, observed }) {
    const pair = (operationId: string, status: string) => `${operationId} ${status}`;
    const seen = new Set(observed.map((observation) => pair(observation.operationId, observation.status)));
    const asked = new Set(
      checks
        .filter((planned) => planned.kind === 'status' && planned.skip === undefined)
        .map((planned) => pair(planned.operation!.operationId, planned.status!)),
    );
    const failures: Failure[] = [];
    for (const operation of loaded.operations) {
      for (const status of documentedStatuses(operation)) {
        const key = pair(operation.operationId, status);
        if (seen.has(key) || !asked.has(key)) continue;
        failures.push({
          code: 'coverage.unobserved',
          details: { operationId: operation.operationId, status },
          api: loaded.api.name,
          check: check.id,
          operationId: operation.operationId,
          status,
          pointer: '/responses',
          expected: `status ${status} observed`,
          actual: 'never observed',
          curl: undefined,
        });
      }
    }
    return { failures, observations: [], notes: [] };
  },
};
