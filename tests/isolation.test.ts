/**
 * What keeps tests apart from the project and from each other, enforced rather than hoped for:
 * a test run's build output goes to a temporary folder (never dist/, which a running `npm run mock`
 * serves), and inside a unit test every way to a child process or a socket throws, pointing at the
 * integration list in vitest.config.ts.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { outputRoot, projectRoot } from '../scripts/lib/registry.ts';
import { apis } from './support/apis.ts';
import { assertPrivateOutput } from './support/output.ts';

describe('test output', () => {
  it('goes to a temporary folder, not dist/', () => {
    expect(outputRoot().startsWith(tmpdir() + sep), outputRoot()).toBe(true);
    expect(() => assertPrivateOutput(apis)).not.toThrow();
    for (const api of apis) expect(api.bundleJson.startsWith(join(projectRoot, 'dist'))).toBe(false);
  });

  it('is refused inside the project', () => {
    expect(() => assertPrivateOutput([{ ...apis[0]!, bundleJson: join(projectRoot, 'dist', 'x', 'openapi.json') }])).toThrow(
      /must not write into the project/,
    );
  });
});

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
