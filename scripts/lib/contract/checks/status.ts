/**
 * Every documented status of an operation, asked for with `Prefer: code=` (a mock, or a server
 * that honours it), must come back as asked and valid for that status.
 */
import { documentedStatuses } from '../api.ts';
import { exampleRequest } from '../inputs.ts';
import { tokenGate, usesPreferCodes } from '../plan.ts';
import { probeOnce, skipped, type OperationCheck } from './check.ts';

export const statusCheck: OperationCheck = {
  kind: 'status',
  level: 'error',
  appliesTo: 'operation',
  plan({ loaded, options, operation, writeGate }) {
    if (!usesPreferCodes(options)) return [];
    const gate = skipped(writeGate ?? tokenGate(loaded, operation, options));
    return documentedStatuses(operation).map((status) => ({
      id: `${operation.operationId} → ${status}`,
      kind: 'status' as const,
      operation,
      status,
      ...gate,
    }));
  },
  run(check, context) {
    const operation = check.operation!;
    return probeOnce(context, check, {
      operation,
      inputs: exampleRequest(context.loaded, operation, context.target.params ?? {}, context.target.credentials),
      headers: { Prefer: `code=${check.status}` },
      expectation: { status: check.status! },
    });
  },
};
