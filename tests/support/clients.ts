/** Generated clients pointed at the test mocks, with stand-in credentials from each spec's auth plan. */
import { authPlanOf } from '../../scripts/codegen/client.ts';
import { loadClientFactory, placeholderCredentials } from '../../scripts/lib/credentials.ts';
import type { LoadedApi } from './apis.ts';

export interface ClientOptions {
  readonly baseUrl: string;
  readonly fetch?: (request: Request) => Promise<Response>;
  readonly credentials?: Record<string, unknown>;
  readonly now?: () => number;
}

export async function mockClient(loaded: LoadedApi, options: ClientOptions): Promise<unknown> {
  const factory = await loadClientFactory(loaded.api);
  const credentials = options.credentials ?? placeholderCredentials(authPlanOf(loaded.api, loaded.document));
  return factory({
    ...credentials,
    baseUrl: options.baseUrl,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
}
