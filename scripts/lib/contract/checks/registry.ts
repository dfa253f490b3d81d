/**
 * Every contract check, in the order a plan lists them: per operation (spec order) the example
 * request, each documented status, the call without credentials, the malformed request; then per
 * API the generated requests and, last, coverage (it reads what the others saw). Adding a check is
 * one module and one entry here.
 */
import { writeGate, type PlanOptions } from '../plan.ts';
import type { ContractApi } from '../api.ts';
import type { CheckKind, PlannedCheck } from '../types.ts';
import type { ContractCheck } from './check.ts';
import { coverageCheck } from './coverage.ts';
import { exampleCheck } from './example.ts';
import { fuzzCheck } from './fuzz.ts';
import { malformedCheck } from './malformed.ts';
import { statusCheck } from './status.ts';
import { unauthenticatedCheck } from './unauthenticated.ts';

export const checkRegistry: readonly ContractCheck[] = [
  exampleCheck,
  statusCheck,
  unauthenticatedCheck,
  malformedCheck,
  fuzzCheck,
  coverageCheck,
];

/** The registry entry of a planned check. */
export function checkOf(kind: CheckKind): ContractCheck {
  const check = checkRegistry.find((entry) => entry.kind === kind);
  if (!check) throw new Error(`no contract check of kind ${JSON.stringify(kind)} in the registry`);
  return check;
}

/** The plan of one API against one target: every check of the registry, each as often as it applies. */
export function planChecks(loaded: ContractApi, options: PlanOptions): PlannedCheck[] {
  const planned: PlannedCheck[] = [];
  for (const operation of loaded.operations) {
    const gate = writeGate(loaded, operation, options);
    for (const check of checkRegistry)
      if (check.appliesTo === 'operation') planned.push(...check.plan({ loaded, options, operation, writeGate: gate }));
  }
  for (const check of checkRegistry) if (check.appliesTo === 'api') planned.push(...check.plan({ loaded, options }));
  return planned;
}
