/**
 * Child processes and temporary folders never outlive the command that made them: SIGTERM or
 * Ctrl-C during `npm run contract` stops its Prism child and removes the spec snapshot Prism served;
 * `npm start` checks its input before it starts anything. Each command runs as a real process here,
 * in a temporary directory of its own (TMPDIR), so what it leaves behind can be seen.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { projectRoot } from '../scripts/lib/registry.ts';
import { apis } from './support/apis.ts';

interface Run {
  readonly child: ChildProcess;
  readonly output: () => string;
  readonly exited: Promise<number | null>;
}

/** Runs `checkout-apis <command>` as npm scripts do: through the package's bin. */
function runBin(command: string, args: string[], env: Record<string, string>): Run {
  const child = spawn(process.execPath, ['scripts/checkout-apis.js', command, ...args], {
    cwd: projectRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return { child, output: () => output, exited };
}

function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    // A zombie has exited: only its parent has yet to read its status.
    return !/^\S+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

async function until<T>(probe: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = probe();
    if (value !== undefined) return value;
    await new Promise((wake) => setTimeout(wake, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const scratch: string[] = [];
const strays: number[] = [];
afterEach(() => {
  for (const pid of strays.splice(0)) if (alive(pid)) process.kill(pid, 'SIGKILL');
  for (const directory of scratch.splice(0)) rmSync(directory, { recursive: true, force: true });
});

describe('npm run contract, stopped by a signal', () => {
  it.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const)(
    '%s stops its Prism child and removes its temp folder',
    async (signal, exitCode) => {
      const temp = mkdtempSync(join(tmpdir(), 'contract-lifecycle-'));
      scratch.push(temp);
      const run = runBin('contract', ['--api', apis[0]!.name, '--fuzz-runs', '0', '--junit', join(temp, 'junit.xml')], { TMPDIR: temp });
      strays.push(run.child.pid!);
      const prism = await until(
        () => childrenOf(run.child.pid!).find((pid) => commandOf(pid).includes('prism')),
        60_000,
        `the Prism child to start\n${run.output()}`,
      );
      strays.push(prism);
      expect(readdirSync(temp).some((name) => name.startsWith(`contract-${apis[0]!.name}-`))).toBe(true);
      run.child.kill(signal);
      expect(await run.exited, run.output()).toBe(exitCode);
      await until(() => (alive(prism) ? undefined : true), 5000, `Prism (pid ${prism}) to stop`);
      expect(readdirSync(temp).filter((name) => name.startsWith('contract-'))).toEqual([]);
      expect(run.output()).not.toMatch(/\n\s+at /);
    },
    90_000,
  );
});

describe('npm start checks its input before starting anything', () => {
  it('DOCS_PORT=abc is refused by name, before the build, without a stack', async () => {
    const run = runBin('start', [], { DOCS_PORT: 'abc' });
    strays.push(run.child.pid!);
    const code = await run.exited;
    expect(code, run.output()).toBe(2);
    expect(run.output()).toContain('DOCS_PORT=abc: expected a port number from 1 to 65535');
    expect(run.output()).not.toContain('> build');
    expect(run.output()).not.toMatch(/\n\s+at /);
  }, 30_000);
});
