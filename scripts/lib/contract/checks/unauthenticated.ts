/**
 * A secured operation called without any credential must answer 401 (straight to the target, not
 * through a proxy); a house description must document that 401.
 */
import { documentedStatuses, isSecured } from '../api.ts';
import { exampleRequest } from '../inputs.ts';
import { probeOnce, skipped, type OperationCheck } from './check.ts';

export const unauthenticatedCheck: OperationCheck = {
  kind: 'unauthenticated',
  level: 'error',
  appliesTo: 'operation',
  plan: ({ operation, writeGate }) =>
    isSecured(operation)
      ? [{ id: `${operation.operationId} without credentials → 401`, kind: 'unauthenticated', operation, ...skipped(writeGate) }]
      : [],
  run(check, context) {
    const operation = check.operation!;
    const documented = documentedStatuses(operation);
    return probeOnce(
      context,
      check,
      {
        operation,
        inputs: exampleRequest(context.loaded, operation, context.target.params ?? {}, {}),
        authenticated: false,
        viaProxy: false,
        expectation: { status: '401' },
      },
      () =>
        // A documented 401 is a house convention, not demanded of an external description.
        documented.includes('401') || context.loaded.api.style === 'external'
          ? []
          : [
              {
                code: 'spec.no-401',
                pointer: '/responses',
                expected: 'a documented 401 for calls without credentials',
                actual: `only ${documented.join(', ')}`,
                details: { documented },
              },
            ],
    );
  },
};
