/** Generated requests (valid and invalid, seeded): every answer documented, no 5xx, valid for its status. */
import { runFuzz } from '../fuzz.ts';
import { defaultFuzzRuns, defaultSeed, fuzzableOperations } from '../plan.ts';
import { skipped, type ApiCheck } from './check.ts';

export const fuzzCheck: ApiCheck = {
  kind: 'fuzz',
  level: 'error',
  appliesTo: 'api',
  plan({ loaded, options }) {
    const runs = options.fuzzRuns ?? defaultFuzzRuns;
    const reason =
      runs <= 0
        ? 'turned off (--fuzz-runs 0)'
        : fuzzableOperations(loaded, options).length === 0
          ? 'no operation may run against this target'
          : undefined;
    return [{ id: `generated requests (${runs}, seed ${options.seed ?? defaultSeed})`, kind: 'fuzz', ...skipped(reason) }];
  },
  run: (check, context) => runFuzz(context, check),
};
