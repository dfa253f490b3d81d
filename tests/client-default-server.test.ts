/**
 * Each generated client's default base URL is the spec's first server, and it is pinned: a change
 * of `servers[0]` moves every client built without `baseUrl` to another host, so it must show up
 * here as a snapshot change (`vitest -u` after a deliberate move), not slip through a regenerate.
 */
import { describe, expect, it } from 'vitest';
import { authPlanOf } from '../scripts/codegen/client.ts';
import { loadClientFactory, placeholderCredentials } from '../scripts/lib/credentials.ts';
import { exampleInputs, sendThroughClient } from '../scripts/lib/requests.ts';
import { apis, loadApi } from './support/apis.ts';

describe.each(apis.map((api) => [api.name, api] as const))('%s: default server', (_name, api) => {
  const loaded = loadApi(api);
  const first = loaded.document.servers?.[0]?.url;

  it('is pinned', () => {
    expect(first).toMatchSnapshot();
  });

  it('is where a client built without baseUrl sends its calls', async () => {
    const sent: string[] = [];
    const factory = await loadClientFactory(api);
    const client = factory({
      ...placeholderCredentials(authPlanOf(api, loaded.document)),
      // Nothing leaves the process: every request is recorded and answered here.
      fetch: async (request: Request) => {
        sent.push(request.url);
        const token = { access_token: 'token-1', token_type: 'Bearer', expires_in: 3600 };
        return new Response(JSON.stringify(token), { status: 200, headers: { 'content-type': 'application/json' } });
      },
    });
    const operation = loaded.operations.find((candidate) => candidate.method === 'get') ?? loaded.operations[0]!;
    await sendThroughClient(client, operation, exampleInputs(loaded.document, operation));
    const call = new URL(sent.at(-1)!);
    const server = new URL(first!);
    expect(call.origin).toBe(server.origin);
    expect(call.pathname.startsWith(server.pathname.replace(/\/$/, ''))).toBe(true);
  });
});
