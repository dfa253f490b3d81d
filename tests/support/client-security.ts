/**
 * What the client security tests share: each API's auth plan, credentials that are easy to spot,
 * and one call of an operation through the generated client that yields its result or its error.
 */
import type { SchemePlan } from '../../scripts/codegen/auth-plan.ts';
import { authPlanOf } from '../../scripts/codegen/client.ts';
import { credentialSets, loadClientFactory } from '../../scripts/lib/credentials.ts';
import type { Operation } from '../../scripts/lib/openapi.ts';
import { exampleInputs, sendThroughClient, type RequestInputs } from '../../scripts/lib/requests.ts';
import type { LoadedApi } from './apis.ts';

export type TokenScheme = Extract<SchemePlan, { kind: 'clientCredentials' }>;

export interface SecurityCase {
  readonly loaded: LoadedApi;
  /** Every alternative set of credential options, each with values unlike anything else on the wire. */
  readonly credentialSets: Array<Record<string, string>>;
  /** An operation that needs credentials. */
  readonly operation: Operation;
  readonly tokenScheme: TokenScheme | undefined;
}

export function securityCase(loaded: LoadedApi): SecurityCase {
  const plan = authPlanOf(loaded.api, loaded.document);
  const operation = loaded.operations.find((candidate) => candidate.security.some((requirement) => Object.keys(requirement).length > 0));
  if (!operation) throw new Error(`${loaded.api.name}: no operation needs credentials`);
  return {
    loaded,
    credentialSets: credentialSets(plan).map((set) => Object.fromEntries(set.map((option) => [option, `secret-${option}-9f3c1a7e`]))),
    operation,
    tokenScheme: Object.values(plan.schemes).find((scheme): scheme is TokenScheme => scheme.kind === 'clientCredentials'),
  };
}

export interface ClientSetup {
  readonly baseUrl: string;
  readonly credentials: Record<string, string>;
  readonly fetch?: (request: Request) => Promise<Response>;
  readonly now?: () => number;
  /** Resilience options (timeoutMs, retries, …), passed through as given. */
  readonly options?: Readonly<Record<string, unknown>>;
}

export async function createClientFor(loaded: LoadedApi, setup: ClientSetup): Promise<unknown> {
  const factory = await loadClientFactory(loaded.api);
  return factory({
    ...setup.credentials,
    baseUrl: setup.baseUrl,
    ...(setup.fetch ? { fetch: setup.fetch } : {}),
    ...(setup.now ? { now: setup.now } : {}),
    ...setup.options,
  });
}

export type Outcome = { readonly status: number } | { readonly error: Error };

/** One call of `operation` with its example inputs (or `inputs`): the status it got, or the error it threw. */
export async function call(
  client: unknown,
  loaded: LoadedApi,
  operation: Operation,
  inputs: RequestInputs = exampleInputs(loaded.document, operation),
): Promise<Outcome> {
  try {
    return { status: (await sendThroughClient(client, operation, inputs)).response.status };
  } catch (error) {
    return { error: error as Error };
  }
}

/** The path a token operation is served at, below a base URL's own path. */
export function tokenPathOf(scheme: TokenScheme): string {
  return new URL(scheme.tokenUrl).pathname;
}

/** A token response; `lifetime` is its `expires_in` member, or `{}` for none. */
export const issuedToken = (token: string, lifetime: { expires_in?: unknown } = { expires_in: 3600 }) => ({
  access_token: token,
  token_type: 'Bearer',
  ...lifetime,
});
