/** Child process of bench/lib/plain-server.ts: serves one canned response on a free loopback port. */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const file = process.argv[2];
if (!file) throw new Error('usage: plain-server-main.ts <response.json>');
const canned = JSON.parse(readFileSync(file, 'utf8')) as { status: number; contentType: string; body: string };
const body = Buffer.from(canned.body, 'base64');
const headers = { 'content-type': canned.contentType, 'content-length': String(body.length) };

const server = createServer((request, response) => {
  // Read the request to its end, as any server must, then answer with the same bytes every time.
  request.resume();
  request.on('end', () => {
    response.writeHead(canned.status, headers);
    response.end(body);
  });
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (typeof address === 'object' && address) process.stdout.write(`listening ${address.port}\n`);
});
process.on('SIGTERM', () => process.exit(0));
