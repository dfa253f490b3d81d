/**
 * A path parameter that would become a dot segment (`.` or `..`, also percent-encoded) is refused
 * before anything is sent: the URL would otherwise resolve to another endpoint, credentials and all.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { exampleInputs } from '../scripts/lib/requests.ts';
import { apis, loadApi } from './support/apis.ts';
import { call, createClientFor, issuedToken, securityCase, tokenPathOf } from './support/client-security.ts';
import { okJson, recordingServer, type RecordingServer } from './support/recording-server.ts';

const servers: RecordingServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const dotSegments = ['.', '..', '%2e', '%2E', '%2e%2e', '.%2E', '%2E.', '%252e%252e'];
const harmless = ['...', 'a..b', '.hidden', '..x'];

const withPathParameters = apis.flatMap((api) => {
  const loaded = loadApi(api);
  return loaded.operations.flatMap((operation) =>
    operation.parameters
      .filter((parameter) => parameter.in === 'path')
      .map((parameter) => [`${api.name} ${operation.operationId}`, parameter.name, loaded, operation] as const),
  );
});

describe.each(withPathParameters)('%s: path parameter %s', (_operation, name, loaded, operation) => {
  const { credentialSets, tokenScheme } = securityCase(loaded);

  async function clientAndServer() {
    const server = await recordingServer((request) =>
      tokenScheme && request.target === tokenPathOf(tokenScheme) ? { status: 200, body: issuedToken('token-1') } : okJson,
    );
    servers.push(server);
    const credentials = credentialSets.at(-1)!;
    return { server, client: await createClientFor(loaded, { baseUrl: `${server.origin}/base`, credentials }) };
  }

  it.each(dotSegments)('refuses %s before sending anything', async (value) => {
    const { server, client } = await clientAndServer();
    const inputs = exampleInputs(loaded.document, operation);
    const outcome = await call(client, loaded, operation, { ...inputs, path: { ...inputs.path, [name]: value } });
    expect(outcome).toHaveProperty('error');
    expect((outcome as { error: Error }).error.message).toContain(`path parameter "${name}" is "." or ".."`);
    expect(server.received).toEqual([]);
  });

  it.each(harmless)('sends %s, which only looks like one, encoded in its own segment', async (value) => {
    const { server, client } = await clientAndServer();
    const inputs = exampleInputs(loaded.document, operation);
    expect(await call(client, loaded, operation, { ...inputs, path: { ...inputs.path, [name]: value } })).toEqual({ status: 200 });
    const sent = server.received.at(-1)!.target.split('?')[0]!.split('/');
    expect(sent).toContain(encodeURIComponent(value));
    expect(sent.length).toBe(operation.path.split('/').length + 1);
  });
});
