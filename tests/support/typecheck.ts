/**
 * Type-checks TypeScript sources with the project's own compiler options, the way `npm run
 * typecheck` does: with tsgo (the native TypeScript preview), in a temporary folder outside the
 * project. Returns the diagnostics as readable lines (none means the sources type-check).
 * tests/typecheck.test.ts holds tsgo to reporting exactly what tsc reports.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { projectRoot } from '../../scripts/lib/registry.ts';
import { scratchDir } from './output.ts';

/**
 * Where every file handed to `typecheckFiles` must live: this worker's own folder inside the test
 * run's temporary output folder (vitest.config.ts removes it when the run ends).
 */
export const typecheckOutputDir = scratchDir('typecheck-');

export type Checker = 'tsc' | 'tsgo';

/** A package's command, found through the `bin` field of its package.json. */
function binOf(packageName: string, command: string): string {
  const manifest = createRequire(import.meta.url).resolve(`${packageName}/package.json`);
  const { bin } = JSON.parse(readFileSync(manifest, 'utf8')) as { bin: Record<string, string> };
  return join(dirname(manifest), bin[command]!);
}

const checkerScripts: Record<Checker, string> = {
  tsc: binOf('typescript', 'tsc'),
  tsgo: binOf('@typescript/native-preview', 'tsgo'),
};

export interface CheckerRun {
  readonly exitCode: number;
  /** `file:line:column TScode: message`, file relative to the project root. */
  readonly diagnostics: string[];
}

/** `path(line,col): error TS1234: message` plus indented continuation lines, as `--pretty false` prints them. */
export function parseDiagnostics(output: string): string[] {
  const lines: string[] = [];
  for (const line of output.split('\n')) {
    const match = /^(.+)\((\d+),(\d+)\): error (TS\d+): (.*)$/.exec(line);
    if (match) {
      const [, file, row, column, code, message] = match;
      lines.push(`${relative(projectRoot, resolve(projectRoot, file!))}:${row}:${column} ${code}: ${message}`);
    } else if (/^\s+\S/.test(line) && lines.length > 0) {
      lines[lines.length - 1] += `\n${line}`;
    } else if (line.trim() !== '') {
      lines.push(line.trim());
    }
  }
  return lines;
}

/** Runs a checker's CLI on a tsconfig file, from the project root. */
export function runChecker(checker: Checker, tsconfig: string): CheckerRun {
  const run = spawnSync(process.execPath, [checkerScripts[checker], '-p', tsconfig, '--pretty', 'false'], {
    cwd: projectRoot,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.error) throw run.error;
  return { exitCode: run.status ?? 1, diagnostics: parseDiagnostics(`${run.stdout}${run.stderr}`) };
}

/**
 * A tsconfig in `dir` that checks `files` under the project's tsconfig.json options. The folder is
 * marked an ES module package, as the project is, and takes its packages from the project.
 */
export function writeProjectConfig(dir: string, files: readonly string[]): string {
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  // Generated code imports its dependencies (openapi-fetch) by package name: resolve them from the project.
  if (!existsSync(join(dir, 'node_modules'))) symlinkSync(join(projectRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const config = {
    extends: join(projectRoot, 'tsconfig.json'),
    compilerOptions: { typeRoots: [join(projectRoot, 'node_modules', '@types')] },
    files: files.map((file) => relative(dir, file)),
    include: [],
  };
  const path = join(dir, 'tsconfig.json');
  writeFileSync(path, `${JSON.stringify(config, null, 2)}\n`);
  return path;
}

/**
 * Writes `files` (absolute path → source, each under `typecheckOutputDir`) and type-checks them,
 * with everything they import, under tsconfig.json's options. Returns one line per diagnostic.
 */
export function typecheckFiles(files: Record<string, string>, checker: Checker = 'tsgo'): string[] {
  const paths = Object.entries(files).map(([path, source]) => {
    if (!isAbsolute(path) || !path.startsWith(typecheckOutputDir + sep)) {
      throw new Error(`typecheckFiles: ${path} must lie under ${typecheckOutputDir}/ (typecheckOutputDir)`);
    }
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, source);
    return path;
  });
  return runChecker(checker, writeProjectConfig(typecheckOutputDir, paths)).diagnostics;
}
