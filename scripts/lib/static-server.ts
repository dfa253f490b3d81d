/**
 * A small static file server on node:http, for the docs: GET and HEAD only, content types by
 * extension, index.html for folders, and nothing outside the served folder — not by `..`, not by
 * an encoded `..`, not through a symbolic link.
 */
import { createReadStream, realpathSync, statSync, type Stats } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import { UserError } from './errors.ts';

export interface StaticServer {
  /** Base URL, with a trailing slash: `http://127.0.0.1:<port>/`. */
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

export const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.yaml': 'application/yaml; charset=utf-8',
  '.yml': 'application/yaml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

const fallbackType = 'application/octet-stream';

function send(response: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    ...headers,
  });
  response.end(response.req.method === 'HEAD' ? undefined : text);
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** The file a URL path names inside `root` (a real path), or why there is none. */
export function resolveRequestPath(root: string, urlPath: string): { file: string } | { status: 400 | 404 } {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return { status: 400 };
  }
  if (decoded.includes('\0')) return { status: 400 };
  const candidate = resolve(root, `.${decoded.startsWith('/') ? '' : '/'}${decoded}`);
  const inside = (path: string) => path === root || path.startsWith(root + sep);
  if (!inside(candidate)) return { status: 404 };
  let stats = statOrUndefined(candidate);
  let file = candidate;
  if (stats?.isDirectory()) {
    file = join(candidate, 'index.html');
    stats = statOrUndefined(file);
  }
  if (!stats?.isFile()) return { status: 404 };
  // A link inside the folder may point out of it: judge the real path.
  if (!inside(realpathSync(file))) return { status: 404 };
  return { file };
}

function handle(root: string, request: IncomingMessage, response: ServerResponse): void {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    send(response, 405, 'Method not allowed\n', { allow: 'GET, HEAD' });
    return;
  }
  const urlPath = (request.url ?? '/').split(/[?#]/)[0] ?? '/';
  const target = resolveRequestPath(root, urlPath);
  if ('status' in target) {
    send(response, target.status, target.status === 404 ? 'Not found\n' : 'Bad request\n');
    return;
  }
  const size = statSync(target.file).size;
  response.writeHead(200, {
    'content-type': contentTypes[extname(target.file).toLowerCase()] ?? fallbackType,
    'content-length': String(size),
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-cache',
  });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  createReadStream(target.file)
    .on('error', () => response.destroy())
    .pipe(response);
}

/** Serves `dir` on `host:port` (port 0: any free port). Loopback by default: the docs are local. */
export async function serveDirectory(dir: string, port: number, host = '127.0.0.1'): Promise<StaticServer> {
  const stats = statOrUndefined(dir);
  if (!stats?.isDirectory()) throw new UserError(`${dir}: expected a folder to serve; run \`npm run docs\` first`);
  const root = realpathSync(dir);
  const server = createServer((request, response) => handle(root, request, response));
  await new Promise<void>((done, fail) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      fail(
        error.code === 'EADDRINUSE' ? new UserError(`port ${port} on ${host} is in use: stop what holds it or choose another port`) : error,
      ),
    );
    server.listen(port, host, () => done());
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}/`,
    port: address.port,
    stop: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
