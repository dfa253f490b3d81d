/** The spec's example request, valid and authenticated, must get a documented success. */
import { exampleRequest } from '../inputs.ts';
import { exampleGate } from '../plan.ts';
import { probeOnce, skipped, type OperationCheck } from './check.ts';

export const exampleCheck: OperationCheck = {
  kind: 'example',
  level: 'error',
  appliesTo: 'operation',
  plan: ({ loaded, options, operation, writeGate }) => [
    {
      id: `${operation.operationId} example request`,
      kind: 'example',
      operation,
      ...skipped(writeGate ?? exampleGate(loaded, operation, options)),
    },
  ],
  run(check, context) {
    const operation = check.operation!;
    return probeOnce(context, check, {
      operation,
      inputs: exampleRequest(context.loaded, operation, context.target.params ?? {}, context.target.credentials),
      expectation: { success: true },
    });
  },
};
