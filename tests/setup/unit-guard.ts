/**
 * Setup file of the unit project: a unit test starts no child process and opens no socket. Every
 * way to do either throws, naming the test file's mistake, so a test that needs one moves to the
 * integration project (vitest.config.ts) instead of slowing the edit loop down.
 */
import childProcess from 'node:child_process';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';

function refuse(what: string): never {
  throw new Error(
    `unit tests start no child process and open no socket (${what}); list the test file under integrationTests in vitest.config.ts`,
  );
}

for (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'] as const) {
  (childProcess as unknown as Record<string, unknown>)[name] = () => refuse(`child_process.${name}`);
}
net.Socket.prototype.connect = function connect() {
  return refuse('net.Socket#connect');
};
net.Server.prototype.listen = function listen() {
  return refuse('net.Server#listen');
};
globalThis.fetch = async () => refuse('fetch');
// Named ESM imports of node:child_process read the builtin's exports: bring them up to date.
syncBuiltinESMExports();
