/**
 * A fetch over node:http(s) with kept-alive connections: the same Request in, Response out, at a
 * fraction of undici's cost per call — the generated requests are CPU-bound on this side.
 * Every response is bounded: headers within a timeout, the whole exchange within a deadline, the
 * body within a size cap. A server that crosses a bound gets a `ExchangeStopped` naming it, and its
 * connection is dropped: an endless, slow or huge answer costs the run only time and memory it set.
 * It also hands back the request body it sent, so the caller can print it without a second read.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { FindingDetails, ResponseLimits, StopCode } from './types.ts';

const httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 32 });
const httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 32 });

export const defaultLimits: ResponseLimits = { deadlineMs: 30_000, headersTimeoutMs: 10_000, maxBodyBytes: 4 * 1024 * 1024 };

/** Statuses whose responses never carry a body. */
const bodiless = new Set([101, 204, 205, 304]);

/** A bound or safety rule of the run that stopped an exchange; `code` is the finding it becomes. */
export class ExchangeStopped extends Error {
  override name = 'ExchangeStopped';
  constructor(
    readonly code: StopCode,
    message: string,
    /** The bound crossed, as data for the finding. */
    readonly details?: FindingDetails,
  ) {
    super(message);
  }
}

export interface Sent {
  readonly response: Response;
  readonly requestBody: string | undefined;
}

/** The body, read until the cap or the deadline, whichever comes first. */
function readCapped(stream: IncomingMessage, limits: ResponseLimits, deadlineAt: number, origin: string): Promise<Buffer> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    // The first reason wins: destroying the stream fires its own 'aborted' and 'error' events.
    const stop = (error: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(error);
      stream.destroy();
    };
    const timer = setTimeout(
      () =>
        stop(
          new ExchangeStopped('limit.deadline', `the response from ${origin} did not end within ${limits.deadlineMs} ms`, {
            limitMs: limits.deadlineMs,
          }),
        ),
      Math.max(0, deadlineAt - Date.now()),
    );
    const declared = Number(stream.headers['content-length']);
    if (Number.isFinite(declared) && declared > limits.maxBodyBytes) {
      stop(
        new ExchangeStopped(
          'limit.body-size',
          `a body of ${declared} bytes (content-length), more than the cap of ${limits.maxBodyBytes}`,
          {
            limitBytes: limits.maxBodyBytes,
            declaredBytes: declared,
          },
        ),
      );
      return;
    }
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limits.maxBodyBytes)
        stop(
          new ExchangeStopped('limit.body-size', `a body of more than ${limits.maxBodyBytes} bytes (the cap)`, {
            limitBytes: limits.maxBodyBytes,
          }),
        );
      else chunks.push(chunk);
    });
    stream.on('end', () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolveBody(Buffer.concat(chunks));
    });
    stream.on('error', (error) => stop(error));
    stream.on('aborted', () => stop(new Error(`the connection to ${origin} closed before the response ended`)));
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

export async function sendHttp(request: Request, limits: ResponseLimits = defaultLimits): Promise<Sent> {
  return sendPrepared(await prepare(request), limits);
}

export async function sendPrepared(prepared: PreparedRequest, limits: ResponseLimits = defaultLimits): Promise<Sent> {
  const { url, body, headers } = prepared;
  const secure = url.protocol === 'https:';
  const deadlineAt = Date.now() + limits.deadlineMs;
  const attempt = () =>
    new Promise<IncomingMessage>((resolveResponse, reject) => {
      const outgoing = (secure ? httpsRequest : httpRequest)(url, {
        method: prepared.method,
        headers,
        agent: secure ? httpsAgent : httpAgent,
      });
      const remaining = Math.max(0, deadlineAt - Date.now());
      const headersFirst = limits.headersTimeoutMs < remaining;
      const timer = setTimeout(
        () =>
          outgoing.destroy(
            headersFirst
              ? new ExchangeStopped(
                  'limit.headers-timeout',
                  `no response headers from ${url.origin} within ${limits.headersTimeoutMs} ms`,
                  {
                    limitMs: limits.headersTimeoutMs,
                  },
                )
              : new ExchangeStopped('limit.deadline', `no response from ${url.origin} within ${limits.deadlineMs} ms`, {
                  limitMs: limits.deadlineMs,
                }),
          ),
        headersFirst ? limits.headersTimeoutMs : remaining,
      );
      outgoing.on('response', (incoming) => {
        clearTimeout(timer);
        resolveResponse(incoming);
      });
      outgoing.on('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(Object.assign(error, { reusedSocket: outgoing.reusedSocket }));
      });
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
  const payload = await readCapped(incoming, limits, deadlineAt, url.origin);
  const responseHeaders = new Headers();
  for (let index = 0; index < incoming.rawHeaders.length; index += 2)
    responseHeaders.append(incoming.rawHeaders[index]!, incoming.rawHeaders[index + 1]!);
  const status = incoming.statusCode ?? 0;
  if (status < 200 || status > 599) throw new Error(`status ${status} cannot be read as an HTTP response`);
  return {
    response: new Response(bodiless.has(status) ? null : new Uint8Array(payload), {
      status,
      statusText: incoming.statusMessage ?? '',
      headers: responseHeaders,
    }),
    requestBody: body?.toString('utf8'),
  };
}

/** The plain fetch signature, for the auth middleware's token requests. */
export function httpFetch(limits: ResponseLimits = defaultLimits): (request: Request) => Promise<Response> {
  return async (request) => (await sendHttp(request, limits)).response;
}
