/**
 * The credentials a generated client takes, derived from the spec's auth plan, and where they come
 * from: the environment (named per API) for real servers, stand-ins for the mocks.
 */
import { pathToFileURL } from 'node:url';
import { authPlanOf, credentialSets, type AuthPlan } from '../codegen/auth-plan.ts';
import { pascalCase } from '../codegen/client.ts';
import { UserError } from './errors.ts';
import type { OpenApiDocument } from './openapi.ts';
import type { ApiEntry } from './registry.ts';

/** `SELECTWIN_API_KEY` for api `selectwin`, option `apiKey`. */
export function envName(api: ApiEntry, option: string): string {
  return `${api.name}_${option.replace(/([a-z0-9])([A-Z])/g, '$1_$2')}`.replace(/[^A-Za-z0-9]+/g, '_').toUpperCase();
}

/** Stand-in credentials for the mocks, which check only that they are present. */
export function placeholderCredentials(plan: AuthPlan, set: readonly string[] = credentialSets(plan)[0] ?? []): Record<string, string> {
  // UUID-shaped, distinct per option: a token operation may type its client id `format: uuid`,
  // and a UUID is also a valid plain-string key or secret.
  return Object.fromEntries(set.map((option, index) => [option, `00000000-0000-4000-8000-${String(index + 1).padStart(12, '0')}`]));
}

/** The first complete set of credentials the environment holds, else an error naming the variables. */
export function credentialsFromEnv(api: ApiEntry, plan: AuthPlan, env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const sets = credentialSets(plan);
  for (const set of sets) {
    if (set.every((option) => env[envName(api, option)]))
      return Object.fromEntries(set.map((option) => [option, env[envName(api, option)]!]));
  }
  const wanted = sets.map((set) => set.map((option) => envName(api, option)).join(' + ')).join(', or ');
  throw new UserError(`${api.name}: credentials missing: set ${wanted}`);
}

export type ClientFactory = (options: Record<string, unknown>) => unknown;

/** The generated factory of an API (`createSelectwinClient` …), loaded from generated/. */
export async function loadClientFactory(api: ApiEntry): Promise<ClientFactory> {
  const module = (await import(pathToFileURL(api.clientFile).href)) as Record<string, unknown>;
  const factory = module[`create${pascalCase(api.name)}Client`];
  if (typeof factory !== 'function')
    throw new UserError(`${api.clientFile}: expected an export create${pascalCase(api.name)}Client; run \`npm run generate\``);
  return factory as ClientFactory;
}

export { authPlanOf, credentialSets };
export type { OpenApiDocument };
