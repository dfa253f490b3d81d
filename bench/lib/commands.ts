/** Runs a command to completion and times it by the wall clock. */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { projectRoot } from '../../scripts/lib/registry.ts';

export interface CommandRun {
  readonly label: string;
  readonly ms: number;
  readonly exitCode: number;
  /** The last few kilobytes of stdout and stderr together, for a failure's message. */
  readonly output: string;
}

/** A tool's launcher from node_modules/.bin, the one `npm run` puts on PATH. */
export function bin(name: string): string {
  return join(projectRoot, 'node_modules', '.bin', name);
}

/**
 * The command line an npm script runs (a single `node …` command), without npm's own start-up:
 * so the bench times what `npm run <name>` does, preloads included.
 */
export function npmScript(name: string): readonly [string, string[]] {
  const { scripts } = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const line = scripts[name];
  if (!line || /&&|\|\||[;|]/.test(line)) throw new Error(`package.json: script ${name} is not a single command`);
  const [command, ...args] = line.trim().split(/\s+/);
  return [command!, args];
}

export interface RunOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** How the run is named in the table, when the command line is too long to read. */
  readonly label?: string;
}

export function runCommand(command: string, args: readonly string[], options: RunOptions = {}): Promise<CommandRun> {
  // Labels go into results.json, which is committed: paths in them are made relative to the project.
  const label =
    options.label ??
    [command.startsWith(projectRoot) ? basename(command) : command, ...args]
      .map((part) => (part === projectRoot ? '.' : part.replaceAll(`${projectRoot}/`, '')))
      .join(' ');
  return new Promise((resolveRun, reject) => {
    const started = performance.now();
    const child = spawn(command, args, {
      cwd: options.cwd ?? projectRoot,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-16_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      resolveRun({ label, ms: performance.now() - started, exitCode: code ?? (signal ? 128 : 1), output });
    });
  });
}

/** The last lines of a run's output, colour codes removed, to say why it failed. */
export function tail(run: CommandRun, lines = 6): string {
  return run.output
    .replace(/\u001b\[[0-9;]*m/g, '')
    .trim()
    .split('\n')
    .slice(-lines)
    .join('\n');
}
