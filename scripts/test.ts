/**
 * `npm test`: every check of the project, the independent ones at the same time — the ref gate,
 * lint (Redocly), code style (Biome), typecheck
 * (tsgo), the vitest suites (unit and integration) and the breaking-change gate. Each check's
 * output is held back and printed whole when it ends, so outputs never interleave; a summary with
 * each check's time and result comes last. Exits 0 when every check passed, else 1.
 *
 *   node --import tsx scripts/test.ts [--timings <file>]
 *
 * --timings  also write each check's wall time and exit code as JSON, and vitest's per-file report
 *            beside it (<file>.vitest.json): what `npm run bench -- --only test` reads
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { reportError, runMain } from './lib/cli/run.ts';
import { UserError } from './lib/errors.ts';
import { writeFileAtomic } from './lib/fs-atomic.ts';
import { isMain } from './lib/processes.ts';
import { projectRoot } from './lib/registry.ts';

export interface Check {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
}

export interface CheckResult {
  readonly name: string;
  readonly ms: number;
  readonly exitCode: number;
  readonly output: string;
}

/** A package's command, through the `bin` field of its package.json (what `npm run` puts on PATH). */
function binOf(packageName: string, command: string): string {
  const manifest = createRequire(import.meta.url).resolve(`${packageName}/package.json`);
  const { bin } = JSON.parse(readFileSync(manifest, 'utf8')) as { bin: string | Record<string, string> };
  return join(dirname(manifest), typeof bin === 'string' ? bin : bin[command]!);
}

/**
 * tsgo over the whole tree with one checker: the same diagnostics as its default four, in half the
 * CPU time (each checker checks the global types again); the other checks keep the second core busy.
 */
export const typecheckArgs = ['-p', '.', '--checkers', '1'] as const;

/** The checks of `npm test`, each run by node directly (no npm start-up per check). */
export function checks(vitestArgs: readonly string[] = []): Check[] {
  const node = process.execPath;
  return [
    { name: 'refs', command: node, args: ['--import', '@redocly/openapi-core', join('scripts', 'checkout-apis.js'), 'check-refs'] },
    { name: 'lint', command: node, args: [binOf('@redocly/cli', 'redocly'), 'lint'] },
    { name: 'code', command: node, args: [binOf('@biomejs/biome', 'biome'), 'check', '--error-on-warnings', '.'] },
    { name: 'typecheck', command: node, args: [binOf('@typescript/native-preview', 'tsgo'), ...typecheckArgs] },
    { name: 'vitest', command: node, args: [binOf('vitest', 'vitest'), 'run', ...vitestArgs] },
    { name: 'diff gate', command: node, args: ['--import', 'tsx', join('scripts', 'diff.ts'), '--if-base'] },
  ];
}

/**
 * The checks running now, each the leader of its own process group: a signal to this runner goes
 * to every process of every check (vitest's Prism mocks and Chromium too), so none outlives it.
 */
const running = new Set<ChildProcess>();

function passOn(signal: NodeJS.Signals): void {
  process.on(signal, () => {
    for (const child of running) {
      try {
        process.kill(-child.pid!, signal);
      } catch {
        // the group is gone already
      }
    }
  });
}

/** Runs one check to completion, its stdout and stderr kept together in order. */
export function runCheck(check: Check, env: NodeJS.ProcessEnv = process.env): Promise<CheckResult> {
  return new Promise((done) => {
    const started = performance.now();
    const child = spawn(check.command, check.args, { cwd: projectRoot, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    running.add(child);
    child.on('close', () => running.delete(child));
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
    const finish = (exitCode: number, extra = '') =>
      done({ name: check.name, ms: performance.now() - started, exitCode, output: Buffer.concat(chunks).toString() + extra });
    child.on('error', (error) => finish(127, `cannot start ${check.name}: ${error.message}\n`));
    child.on('close', (code, signal) => finish(code ?? (signal ? 128 : 1)));
  });
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

function verdict(result: CheckResult): string {
  return result.exitCode === 0 ? 'passed' : `FAILED (exit ${result.exitCode})`;
}

/** The closing summary: one line per check, then the total wall time. */
export function summary(results: readonly CheckResult[], wallMs: number): string {
  const width = Math.max(...results.map((result) => result.name.length));
  const lines = results.map((result) => `  ${result.name.padEnd(width)}  ${seconds(result.ms).padStart(7)}  ${verdict(result)}`);
  const failed = results.filter((result) => result.exitCode !== 0);
  const outcome =
    failed.length === 0
      ? 'all checks passed'
      : `${failed.length} of ${results.length} failed: ${failed.map((result) => result.name).join(', ')}`;
  return `npm test: ${outcome} in ${seconds(wallMs)} (checks run side by side)\n${lines.join('\n')}\n`;
}

function options(argv: string[]): { timings?: string; help: boolean } {
  try {
    const { values } = parseArgs({
      args: argv,
      options: { timings: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } },
      allowPositionals: false,
    });
    return { help: values.help, ...(values.timings ? { timings: resolve(values.timings) } : {}) };
  } catch (error) {
    throw new UserError(`${(error as Error).message}\nusage: node --import tsx scripts/test.ts [--timings <file>]`);
  }
}

export async function main(argv: string[]): Promise<number> {
  const flags = options(argv);
  if (flags.help) {
    console.log('usage: node --import tsx scripts/test.ts [--timings <file>]');
    return 0;
  }
  const vitestReport = flags.timings ? `${flags.timings}.vitest.json` : undefined;
  const vitestArgs = vitestReport ? ['--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`] : [];
  // Children write into pipes: keep their colours when this terminal shows colours.
  const env = process.stdout.isTTY ? { ...process.env, FORCE_COLOR: '1' } : process.env;
  const list = checks(vitestArgs);
  passOn('SIGINT');
  passOn('SIGTERM');
  console.log(`npm test: ${list.map((check) => check.name).join(', ')} — side by side; each output follows when its check ends.\n`);
  const started = performance.now();
  const results = await Promise.all(
    list.map(async (check) => {
      const result = await runCheck(check, env);
      process.stdout.write(
        `── ${result.name}: ${verdict(result)} in ${seconds(result.ms)} ${'─'.repeat(40)}\n${result.output.trimEnd()}\n\n`,
      );
      return result;
    }),
  );
  const wallMs = performance.now() - started;
  process.stdout.write(summary(results, wallMs));
  if (flags.timings) {
    const timings = { wallMs, checks: results.map(({ name, ms, exitCode }) => ({ name, ms, exitCode })), vitestReport };
    writeFileAtomic(flags.timings, `${JSON.stringify(timings, null, 2)}\n`);
  }
  return results.every((result) => result.exitCode === 0) ? 0 : 1;
}

if (isMain(import.meta.url))
  await runMain(() => main(process.argv.slice(2)).catch((error: unknown) => reportError('npm test', error, false)));
