/**
 * A request made invalid in one field must be refused: with the documented 422 (else 400) and a
 * violations header naming the field by a mock, with any 4xx other than 401 by a server. A house
 * description must document the refusal.
 */
import { malformedRequest } from '../../invalid-values.ts';
import { documentedStatuses, validationStatus } from '../api.ts';
import { exampleRequest } from '../inputs.ts';
import { malformGate } from '../plan.ts';
import type { Expectation, Finding } from '../types.ts';
import { probeOnce, skipped, type OperationCheck } from './check.ts';

export const malformedCheck: OperationCheck = {
  kind: 'malformed',
  level: 'error',
  appliesTo: 'operation',
  plan({ loaded, options, operation, writeGate }) {
    const expected = options.kind === 'mock' ? (validationStatus(operation) ?? '422/400') : 'documented 4xx';
    return [
      {
        id: `${operation.operationId} malformed request → ${expected}`,
        kind: 'malformed',
        operation,
        ...skipped(writeGate ?? malformGate(loaded, operation)),
      },
    ];
  },
  run(check, context) {
    const { loaded, target, masker } = context;
    const operation = check.operation!;
    const wanted = validationStatus(operation);
    const documented = documentedStatuses(operation);
    const spec: Finding[] =
      wanted || loaded.api.style === 'external'
        ? []
        : [
            {
              code: 'spec.no-validation-status',
              pointer: '/responses',
              expected: 'a documented 422 or 400 for invalid requests',
              actual: `only ${documented.join(', ')}`,
              details: { documented },
            },
          ];
    // Planned only when one exists (see plan above).
    const bad = malformedRequest(loaded.document, operation, exampleRequest(loaded, operation, target.params ?? {}, target.credentials))!;
    const byMock = target.kind === 'mock' && wanted !== undefined;
    const expectation: Expectation = byMock
      ? { status: wanted }
      : {
          allowed: (status) => status >= 400 && status < 500 && status !== 401,
          allowedLabel: `4xx other than 401 for a request whose ${bad.field} is invalid`,
          allowedDetails: { allowed: '4xx except 401', field: bad.field },
        };
    return probeOnce(context, check, { operation, inputs: bad.inputs, viaProxy: false, expectation }, (result) => {
      // Prism names the violation in its header when it answers with the spec's documented 422/400;
      // with none documented it answers with its own problem+json, and no header.
      if (!byMock) return spec;
      // Prism gives the reason in its violations header: it names the field at fault, or the body.
      const violations = (result.exchange.response?.headers.get('sl-violations') ?? '').toLowerCase();
      const named = [bad.field.toLowerCase(), 'body'].some((name) => violations.includes(name));
      if (named) return spec;
      const reported = violations === '' ? '' : masker.excerpt(violations);
      return [
        ...spec,
        {
          code: 'mock.violation-unnamed',
          pointer: '/headers/sl-violations',
          expected: `a violation naming ${bad.field} or the body`,
          actual: reported === '' ? 'no such header' : reported,
          details: { field: bad.field, violations: reported },
        },
      ];
    });
  },
};
