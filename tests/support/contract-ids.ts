/** What a user passes with `--param` for the writes of an API: the ids, taken from the spec's own examples. */
import { type ContractApi, identifyingNames, isWrite } from '../../scripts/lib/contract/api.ts';
import { exampleInputs } from '../../scripts/lib/requests.ts';

export function exampleIds(loaded: ContractApi): Record<string, string> {
  const ids: Record<string, string> = {};
  for (const operation of loaded.operations.filter((candidate) => isWrite(loaded, candidate))) {
    const inputs = exampleInputs(loaded.document, operation);
    for (const name of identifyingNames(loaded, operation)) {
      const value = inputs.path[name] ?? (inputs.body as Record<string, unknown> | undefined)?.[name];
      if (value !== undefined) ids[name] = String(value);
    }
  }
  return ids;
}
