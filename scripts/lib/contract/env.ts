/**
 * Where a contract run against a real server finds its inputs: credentials in variables named per
 * API (scripts/lib/credentials.ts), resource ids in `CONTRACT_<API>_<PARAM>` or `--param`.
 */
import { credentialSets, envName } from '../credentials.ts';
import type { ApiEntry } from '../registry.ts';
import { identifyingNames, isWrite, type ContractApi } from './api.ts';

/** `CONTRACT_SELECTWIN_SESSION_ID` for api `selectwin`, parameter `sessionId`. */
export function paramEnvName(api: ApiEntry, name: string): string {
  return `CONTRACT_${envName(api, name)}`;
}

/** `--param` values first, then the environment's `CONTRACT_<API>_<PARAM>`, for every id the API's writes need. */
export function paramsFor(
  loaded: ContractApi,
  flags: Readonly<Record<string, string>>,
  env: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
  const params: Record<string, string> = { ...flags };
  for (const name of writeIdNames(loaded)) {
    const fromEnv = env[paramEnvName(loaded.api, name)];
    if (params[name] === undefined && fromEnv) params[name] = fromEnv;
  }
  return params;
}

export function writeIdNames(loaded: ContractApi): string[] {
  return [
    ...new Set(
      loaded.operations.filter((operation) => isWrite(loaded, operation)).flatMap((operation) => identifyingNames(loaded, operation)),
    ),
  ];
}

export interface EnvListing {
  readonly api: string;
  /** Alternatives: any one complete set authenticates. */
  readonly credentials: string[][];
  readonly params: Array<{ readonly name: string; readonly env: string }>;
}

export function envListing(loaded: ContractApi): EnvListing {
  return {
    api: loaded.api.name,
    credentials: credentialSets(loaded.plan).map((set) => set.map((option) => envName(loaded.api, option))),
    params: writeIdNames(loaded).map((name) => ({ name, env: paramEnvName(loaded.api, name) })),
  };
}

/** The listing as text: one line per API, quoted verbatim by the README. */
export function formatEnvListing(listings: readonly EnvListing[]): string {
  return listings
    .map((listing) => {
      const credentials = listing.credentials.map((set) => set.join(' + ')).join(' or ') || '(none)';
      const params = listing.params.map((param) => `${param.env} (--param ${param.name}=…)`).join(', ') || '(none)';
      return `${listing.api}: credentials ${credentials}; ids for writes ${params}`;
    })
    .join('\n');
}
