/**
 * Starts and stops Prism mock servers, one process per API (Prism serves one description each).
 * Request validation is Prism's default in mock mode; logs are kept to errors so a mock stays quiet.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { UserError } from './errors.ts';
import { onShutdown } from './processes.ts';

/** The `prism` command as prism-cli's package.json declares it (`bin`), not a path into its build. */
function prismCliFile(): string {
  const manifest = createRequire(import.meta.url).resolve('@stoplight/prism-cli/package.json');
  const { bin } = JSON.parse(readFileSync(manifest, 'utf8')) as { bin?: string | Record<string, string> };
  const command = typeof bin === 'string' ? bin : bin?.prism;
  if (!command) throw new UserError(`${manifest}: declares no prism command (bin)`);
  return join(dirname(manifest), command);
}

const prismCli = prismCliFile();

export interface MockOptions {
  readonly specFile: string;
  readonly port: number;
  readonly host?: string;
  /** Prism's verbosity; `error` keeps per-request lines out of the terminal. */
  readonly logLevel?: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'silent';
  readonly extraArgs?: readonly string[];
  /** How long Prism may take to listen; by default readinessLimitMs of the spec file. */
  readonly readyTimeoutMs?: number;
}

/**
 * How long Prism may take to start on a spec file: CHECKOUT_APIS_MOCK_READY_SECONDS when set,
 * else 60 s plus 30 s per MiB of description (Prism parses and dereferences it all first; a 3 MB
 * description took it 25–54 s on a loaded machine).
 */
export function readinessLimitMs(specBytes: number, env: NodeJS.ProcessEnv = process.env): number {
  const configured = env.CHECKOUT_APIS_MOCK_READY_SECONDS;
  if (configured !== undefined && configured !== '') {
    const seconds = Number(configured);
    if (!Number.isFinite(seconds) || seconds <= 0)
      throw new UserError(`CHECKOUT_APIS_MOCK_READY_SECONDS: expected a positive number of seconds, got ${JSON.stringify(configured)}`);
    return seconds * 1000;
  }
  return 60_000 + Math.ceil((specBytes / (1024 * 1024)) * 30_000);
}

export interface RunningMock {
  readonly url: string;
  readonly pid: number | undefined;
  stop(): Promise<void>;
}

/** Linux reports a process's CPU time in /proc in clock ticks of USER_HZ, which is 100. */
const ticksPerSecond = 100;

/**
 * CPU time (user + system, ms) process `pid` has used so far, from /proc/<pid>/stat; undefined
 * where there is no /proc (not Linux) or the process is gone. Unlike the wall time to readiness,
 * it is the mock's own work, whatever else shares the machine.
 */
export function cpuMsOf(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (in parentheses, may hold spaces): state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? Math.round((ticks * 1000) / ticksPerSecond) : undefined;
  } catch {
    return undefined;
  }
}

/** A port the OS says is free right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

function stopProcess(child: ChildProcess): Promise<void> {
  return new Promise((resolveStop) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolveStop();
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolveStop();
    });
    child.kill('SIGTERM');
  });
}

async function waitUntilListening(url: string, child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new UserError(`Prism exited with code ${child.exitCode} before listening on ${url}:\n${output()}`);
    try {
      await fetch(url, { signal: AbortSignal.timeout(500) });
      return;
    } catch {
      await new Promise((wake) => setTimeout(wake, 100));
    }
  }
  throw new UserError(`Prism did not listen on ${url} within ${timeoutMs} ms:\n${output()}`);
}

/**
 * Runs Prism with `args` (its command first) and resolves once it answers on host:port. The child
 * is stopped on every way out of this process, not only by `stop()`.
 */
async function startPrism(args: readonly string[], host: string, port: number, readyTimeoutMs = 60_000): Promise<RunningMock> {
  const child = spawn(process.execPath, [prismCli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const forget = onShutdown(() => stopProcess(child));
  const stop = async () => {
    await stopProcess(child);
    forget();
  };
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const url = `http://${host}:${port}`;
  try {
    await waitUntilListening(url, child, () => log, readyTimeoutMs);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, pid: child.pid, stop };
}

/** Where a Prism server listens and how much it logs: `error` by default (measured by the bench: 1.8× the throughput of `info`). */
function serverArgs(host: string, port: number, logLevel: MockOptions['logLevel']): string[] {
  return ['-h', host, '-p', String(port), '-v', logLevel ?? 'error'];
}

export function startMock(options: MockOptions): Promise<RunningMock> {
  const host = options.host ?? '127.0.0.1';
  const args = ['mock', ...serverArgs(host, options.port, options.logLevel), ...(options.extraArgs ?? []), options.specFile];
  const limit = options.readyTimeoutMs ?? readinessLimitMs(existsSync(options.specFile) ? statSync(options.specFile).size : 0);
  return startPrism(args, host, options.port, limit);
}

export interface ProxyOptions {
  readonly specFile: string;
  /** The server the proxy forwards to. */
  readonly upstream: string;
  readonly port: number;
  readonly host?: string;
  readonly logLevel?: MockOptions['logLevel'];
}

/**
 * Starts `prism proxy --errors`: it forwards each request to `upstream`, validates the request and
 * the response against the spec, reports violations in the `sl-violations` header, and answers with
 * an error of its own in place of a response that violates the spec.
 */
export function startProxy(options: ProxyOptions): Promise<RunningMock> {
  const host = options.host ?? '127.0.0.1';
  const args = ['proxy', '--errors', ...serverArgs(host, options.port, options.logLevel), options.specFile, options.upstream];
  return startPrism(args, host, options.port);
}
