/**
 * The static server behind the docs: right content types, index.html for folders, 404 for what is
 * missing, and no way out of the served folder.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../scripts/lib/errors.ts';
import { serveDirectory, type StaticServer } from '../scripts/lib/static-server.ts';

interface Reply {
  status: number;
  type: string | undefined;
  body: string;
}

/** A request with the path sent exactly as written (fetch would normalise `..` away). */
function get(server: StaticServer, rawPath: string, method = 'GET'): Promise<Reply> {
  return new Promise((done, fail) => {
    const outgoing = request({ host: '127.0.0.1', port: server.port, path: rawPath, method }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => done({ status: response.statusCode ?? 0, type: response.headers['content-type'], body }));
    });
    outgoing.on('error', fail);
    outgoing.end();
  });
}

describe('serveDirectory', () => {
  let base: string;
  let server: StaticServer;

  beforeAll(async () => {
    base = mkdtempSync(join(tmpdir(), 'static-server-'));
    const root = join(base, 'site');
    mkdirSync(join(root, 'nested'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<h1>home</h1>');
    writeFileSync(join(root, 'page one.html'), '<p>spaced</p>');
    writeFileSync(join(root, 'app.js'), 'export {};');
    writeFileSync(join(root, 'style.css'), 'body {}');
    writeFileSync(join(root, 'data.json'), '{}');
    writeFileSync(join(root, 'logo.svg'), '<svg/>');
    writeFileSync(join(root, 'blob.bin'), 'x');
    writeFileSync(join(root, 'nested', 'index.html'), '<p>nested</p>');
    writeFileSync(join(base, 'secret.txt'), 'outside the served folder');
    symlinkSync(join(base, 'secret.txt'), join(root, 'link.txt'));
    server = await serveDirectory(root, 0);
  });

  afterAll(async () => {
    await server?.stop();
    rmSync(base, { recursive: true, force: true });
  });

  it('listens on loopback at the URL it reports', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
  });

  it('serves index.html for the root and for folders', async () => {
    expect(await get(server, '/')).toMatchObject({ status: 200, type: 'text/html; charset=utf-8', body: '<h1>home</h1>' });
    expect(await get(server, '/nested/')).toMatchObject({ status: 200, body: '<p>nested</p>' });
    expect(await get(server, '/?query=ignored')).toMatchObject({ status: 200, body: '<h1>home</h1>' });
  });

  it.each([
    ['/app.js', 'text/javascript; charset=utf-8'],
    ['/style.css', 'text/css; charset=utf-8'],
    ['/data.json', 'application/json; charset=utf-8'],
    ['/logo.svg', 'image/svg+xml'],
    ['/blob.bin', 'application/octet-stream'],
    ['/page%20one.html', 'text/html; charset=utf-8'],
  ])('answers %s as %s', async (path, type) => {
    const reply = await get(server, path);
    expect(reply.status).toBe(200);
    expect(reply.type).toBe(type);
  });

  it('answers 404 for what is missing', async () => {
    expect((await get(server, '/missing.html')).status).toBe(404);
    expect((await get(server, '/nested/missing/')).status).toBe(404);
  });

  it.each(['/../secret.txt', '/nested/../../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/link.txt'])(
    'never serves a file outside the folder (%s)',
    async (path) => {
      const reply = await get(server, path);
      expect(reply.status).toBe(404);
      expect(reply.body).not.toContain('outside the served folder');
    },
  );

  it('rejects malformed paths and methods other than GET and HEAD', async () => {
    expect((await get(server, '/%E0%A4%A')).status).toBe(400);
    expect((await get(server, '/index.html%00.js')).status).toBe(400);
    expect((await get(server, '/', 'POST')).status).toBe(405);
    expect(await get(server, '/', 'HEAD')).toMatchObject({ status: 200, body: '' });
  });

  it('refuses to serve a folder that does not exist, and a port in use, with a clear error', async () => {
    await expect(serveDirectory(join(base, 'nowhere'), 0)).rejects.toThrow(UserError);
    await expect(serveDirectory(join(base, 'site'), server.port)).rejects.toThrow(/port \d+ on 127\.0\.0\.1 is in use/);
  });
});
