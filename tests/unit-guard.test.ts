/**
 * The unit project's promise — no child process, no socket — is enforced, not hoped for: inside a
 * unit test each way out throws, pointing at the integration list in vitest.config.ts.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createServer, connect } from 'node:net';
import { describe, expect, it } from 'vitest';

const refusal = /unit tests start no child process and open no socket .*integrationTests in vitest\.config\.ts/;

describe('unit project guard', () => {
  it('refuses child processes', () => {
    expect(() => spawn('node', ['-e', '0'])).toThrow(refusal);
    expect(() => spawnSync('node', ['-e', '0'])).toThrow(refusal);
    expect(() => execFileSync('node', ['-e', '0'])).toThrow(refusal);
  });

  it('refuses sockets and fetch', async () => {
    expect(() => createServer().listen(0)).toThrow(refusal);
    expect(() => connect(9, '127.0.0.1')).toThrow(refusal);
    await expect(fetch('http://127.0.0.1:9/')).rejects.toThrow(refusal);
  });
});
