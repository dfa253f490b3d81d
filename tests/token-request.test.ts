/**
 * A client-credentials client sends the token request its spec's token operation describes —
 * media type and body fields — byte for byte, as a local node:http server records it, and the
 * mock (Prism, validating against the same operation) accepts exactly those bytes. A token URL
 * that the spec does not describe gets the RFC 6749 form body; a token operation the generator
 * cannot map fails with a message naming the field.
 */
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { clientCredentials, type AuthContext } from '../scripts/codegen/auth-runtime.ts';
import { authPlanOf } from '../scripts/codegen/client.ts';
import { rfc6749TokenRequest, tokenRequestOf } from '../scripts/codegen/token-request.ts';
import { canonicalPointer, examplesOf, type OpenApiDocument } from '../scripts/lib/openapi.ts';
import { exampleInputs, sendThroughClient } from '../scripts/lib/requests.ts';
import { apis, format, loadApi } from './support/apis.ts';
import { mockClient } from './support/clients.ts';

interface Recorded {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

/** A server that records every request and answers the token path with a token, anything else with `{}`. */
async function recordingServer(tokenPath: string): Promise<{ server: Server; url: string; log: Recorded[] }> {
  const log: Recorded[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = new URL(request.url ?? '/', 'http://recorder').pathname;
      log.push({ method: request.method ?? '', path, headers: request.headers, body: Buffer.concat(chunks) });
      response.setHeader('content-type', 'application/json');
      response.end(path === tokenPath ? JSON.stringify({ access_token: 'recorded-token', token_type: 'Bearer', expires_in: 3600 }) : '{}');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, log };
}

/** The bytes a body is sent as in a media type: JSON text, or a form string, in the value's own key order. */
function encode(mediaType: string, value: Record<string, string>): string {
  return mediaType === 'application/json' ? JSON.stringify(value) : new URLSearchParams(value).toString();
}

const withTokenOperation = apis.flatMap((api) => {
  const loaded = loadApi(api);
  const scheme = Object.values(authPlanOf(api, loaded.document).schemes).find((candidate) => candidate.kind === 'clientCredentials');
  return scheme?.kind === 'clientCredentials' && scheme.tokenUrlIsOperation ? [[api.name, loaded, scheme] as const] : [];
});

describe('token request', () => {
  it('some API of the registry describes its token operation (else this suite proves nothing)', () => {
    expect(withTokenOperation.length).toBeGreaterThan(0);
  });

  describe.each(withTokenOperation)('%s', (_name, loaded, scheme) => {
    const { document, operations, validator } = loaded;
    const tokenPath = new URL(scheme.tokenUrl).pathname;
    const tokenOperation = operations.find((operation) => operation.path === tokenPath && operation.method === 'post')!;
    const mediaType = scheme.tokenRequest.mediaType;
    // The spec's own request example: its values become the credentials, its bytes the expectation.
    const [, example] = examplesOf(document, tokenOperation.requestBody!.content[mediaType]!)[0]!;
    const credentials = Object.fromEntries(
      Object.entries(scheme.tokenRequest.fields).map(([field, option]) => [option, (example as Record<string, string>)[field]!]),
    );
    const secured = operations.find((operation) => operation.security.some((requirement) => Object.keys(requirement).length > 0))!;
    let recorder: Awaited<ReturnType<typeof recordingServer>>;

    beforeAll(async () => {
      recorder = await recordingServer(tokenPath);
    });
    afterAll(async () => {
      recorder.server.close();
      await once(recorder.server, 'close');
    });

    it('sends exactly the body of the spec example, in the spec media type', async () => {
      const client = await mockClient(loaded, { baseUrl: recorder.url, credentials });
      await sendThroughClient(client, secured, exampleInputs(document, secured));
      const token = recorder.log.find((entry) => entry.path === tokenPath);
      expect(token, 'a token request reached the server').toBeDefined();
      expect(token!.method).toBe('POST');
      expect(token!.headers['content-type']).toBe(mediaType);
      expect(token!.body.toString('utf8')).toBe(encode(mediaType, example as Record<string, string>));
      // And the call itself carries the token the server handed out.
      const call = recorder.log.find((entry) => entry.path !== tokenPath)!;
      expect(call.headers.authorization).toBe('Bearer recorded-token');
    });

    it('sends a body that validates against the token operation', () => {
      const token = recorder.log.find((entry) => entry.path === tokenPath)!;
      const body =
        mediaType === 'application/json'
          ? JSON.parse(token.body.toString('utf8'))
          : Object.fromEntries(new URLSearchParams(token.body.toString('utf8')));
      const pointer = canonicalPointer(document, ['paths', tokenPath, 'post', 'requestBody', 'content', mediaType, 'schema']);
      const issues = validator.validate(pointer, body);
      expect(issues, format(issues)).toEqual([]);
    });

    it('is accepted by the mock, byte for byte', async () => {
      const token = recorder.log.find((entry) => entry.path === tokenPath)!;
      const response = await fetch(new URL(tokenPath, inject('mockUrls')[loaded.api.name]!), {
        method: 'POST',
        headers: { 'content-type': token.headers['content-type']!, accept: 'application/json' },
        body: new Uint8Array(token.body),
      });
      expect(response.status, response.headers.get('sl-violations') ?? '').toBe(200);
    });

    it.runIf(mediaType !== rfc6749TokenRequest.mediaType)('is not the RFC 6749 form body, which the mock refuses', async () => {
      const form = new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: String(credentials.clientId),
        client_secret: String(credentials.clientSecret),
      });
      const response = await fetch(new URL(tokenPath, inject('mockUrls')[loaded.api.name]!), {
        method: 'POST',
        headers: { 'content-type': rfc6749TokenRequest.mediaType, accept: 'application/json' },
        body: form,
      });
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
    });
  });
});

describe('token request plan', () => {
  const tokenDocument = (schema: Record<string, unknown>, mediaType = 'application/json'): OpenApiDocument => ({
    openapi: '3.1.0',
    info: { title: 'scratch', version: '1.0.0' },
    paths: { '/token': { post: { requestBody: { content: { [mediaType]: { schema } } }, responses: { '200': { description: 'ok' } } } } },
  });

  it('maps x-client-option fields and string constants', () => {
    const plan = tokenRequestOf(
      tokenDocument({
        type: 'object',
        required: ['grant_type', 'merchantId', 'clientSecret'],
        properties: {
          grant_type: { type: 'string', const: 'client_credentials' },
          merchantId: { type: 'string', 'x-client-option': 'clientId' },
          clientSecret: { type: 'string', 'x-client-option': 'clientSecret' },
        },
      }),
      '/token',
      'scratch.yaml',
    );
    expect(plan).toEqual({
      mediaType: 'application/json',
      fields: { merchantId: 'clientId', clientSecret: 'clientSecret' },
      constants: { grant_type: 'client_credentials' },
    });
  });

  it('builds the body the plan describes, JSON or form', async () => {
    const sent: Array<[string | null, string]> = [];
    const context: AuthContext = {
      credentials: { clientId: 'id-1', clientSecret: 's&cret=2' },
      baseUrl: 'http://127.0.0.1:9',
      now: () => 0,
      fetch: async (request) => {
        sent.push([request.headers.get('content-type'), await request.text()]);
        return new Response(JSON.stringify({ access_token: 't', expires_in: 60 }), { status: 200 });
      },
    };
    for (const plan of [
      rfc6749TokenRequest,
      { mediaType: 'application/json' as const, fields: { client_id: 'clientId', client_secret: 'clientSecret' } },
    ]) {
      await clientCredentials('http://127.0.0.1:9/token', plan)(context).value();
    }
    expect(sent).toEqual([
      ['application/x-www-form-urlencoded', 'grant_type=client_credentials&client_id=id-1&client_secret=s%26cret%3D2'],
      ['application/json', '{"client_id":"id-1","client_secret":"s&cret=2"}'],
    ]);
  });

  it('names the field a required token field lacks a source for', () => {
    const document = tokenDocument({
      type: 'object',
      required: ['client_id', 'audience'],
      properties: { client_id: { type: 'string', 'x-client-option': 'clientId' }, audience: { type: 'string' } },
    });
    expect(() => tokenRequestOf(document, '/token', 'scratch.yaml')).toThrow(
      'scratch.yaml: token operation POST /token: audience: a required field needs x-client-option (clientId or clientSecret) or a string const',
    );
  });

  it('refuses a media type it cannot encode, and a body without the secret', () => {
    expect(() => tokenRequestOf(tokenDocument({ type: 'object' }, 'multipart/form-data'), '/token', 'scratch.yaml')).toThrow(
      'requestBody: expected application/json or application/x-www-form-urlencoded, got "multipart/form-data"',
    );
    const noSecret = tokenDocument({ type: 'object', properties: { client_id: { type: 'string', 'x-client-option': 'clientId' } } });
    expect(() => tokenRequestOf(noSecret, '/token', 'scratch.yaml')).toThrow('expected a body field marked x-client-option: clientSecret');
  });
});
