/**
 * A fetch over node:http(s) with kept-alive connections: the same Request in, Response out, at a
 * fraction of undici's cost per call — the generated requests are CPU-bound on this side.
 * It also hands back the request body it sent, so the caller can print it without a second read.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

const httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 32 });
const httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 32 });

/** Statuses whose responses never carry a body. */
const bodiless = new Set([101, 204, 205, 304]);

export interface Sent {
  readonly response: Response;
  readonly requestBody: string | undefined;
}

function readAll(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolveBody(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

/** A Request read once: its body as bytes, so it can be both printed and sent. */
export interface PreparedRequest {
  readonly url: URL;
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body: Buffer | undefined;
}

export async function prepare(request: Request): Promise<PreparedRequest> {
  const body = request.body === null ? undefined : Buffer.from(await request.arrayBuffer());
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  if (body !== undefined) headers['content-length'] = String(body.length);
  return { url: new URL(request.url), method: request.method, headers, body };
}

export async function sendHttp(request: Request, timeoutMs: number): Promise<Sent> {
  return sendPrepared(await prepare(request), timeoutMs);
}

export async function sendPrepared(prepared: PreparedRequest, timeoutMs: number): Promise<Sent> {
  const { url, body, headers } = prepared;
  const secure = url.protocol === 'https:';
  const attempt = () =>
    new Promise<IncomingMessage>((resolveResponse, reject) => {
      const outgoing = (secure ? httpsRequest : httpRequest)(url, { method: prepared.method, headers, agent: secure ? httpsAgent : httpAgent, timeout: timeoutMs }, resolveResponse);
      outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer from ${url.origin} within ${timeoutMs} ms`)));
      outgoing.on('error', (error: NodeJS.ErrnoException) => reject(Object.assign(error, { reusedSocket: outgoing.reusedSocket })));
      outgoing.end(body);
    });
  let incoming: IncomingMessage;
  try {
    incoming = await attempt();
  } catch (error) {
    // A kept-alive socket the server closed while idle: the request never reached it (Node's own advice: retry once).
    const failure = error as NodeJS.ErrnoException & { reusedSocket?: boolean };
    if (!failure.reusedSocket || failure.code !== 'ECONNRESET') throw error;
    incoming = await attempt();
  }
  const payload = await readAll(incoming);
  const responseHeaders = new Headers();
  for (let index = 0; index < incoming.rawHeaders.length; index += 2) responseHeaders.append(incoming.rawHeaders[index]!, incoming.rawHeaders[index + 1]!);
  const status = incoming.statusCode ?? 0;
  if (status < 200 || status > 599) throw new Error(`status ${status} cannot be read as an HTTP response`);
  return {
    response: new Response(bodiless.has(status) ? null : new Uint8Array(payload), { status, statusText: incoming.statusMessage ?? '', headers: responseHeaders }),
    requestBody: body?.toString('utf8'),
  };
}

/** The plain fetch signature, for the auth middleware's token requests. */
export function httpFetch(timeoutMs: number): (request: Request) => Promise<Response> {
  return async (request) => (await sendHttp(request, timeoutMs)).response;
}
