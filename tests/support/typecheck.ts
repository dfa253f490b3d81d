/**
 * Compiles TypeScript sources with the project's own compiler options, in process, and returns the
 * diagnostics as readable lines (none means the sources type-check). The files are written under
 * tests/.output/ so that relative imports reach generated/ and node_modules as they would in the
 * project.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { projectRoot } from '../../scripts/lib/registry.ts';

/** Where every file handed to `typecheckFiles` must live (git-ignored). */
export const typecheckOutputDir = join(projectRoot, 'tests', '.output');

function compilerOptions(): ts.CompilerOptions {
  const configFile = join(projectRoot, 'tsconfig.json');
  const read = ts.readConfigFile(configFile, (path) => ts.sys.readFile(path));
  if (read.error) throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, '\n'));
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, projectRoot, undefined, configFile);
  return { ...parsed.options, noEmit: true };
}

function format(diagnostic: ts.Diagnostic): string {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
  if (!diagnostic.file || diagnostic.start === undefined) return `TS${diagnostic.code}: ${message}`;
  const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
  return `${relative(projectRoot, diagnostic.file.fileName)}:${line + 1}:${character + 1} TS${diagnostic.code}: ${message}`;
}

/**
 * Writes `files` (path → source; relative paths are taken from the project root) and type-checks
 * them, with everything they import, under tsconfig.json's options. Returns one line per diagnostic.
 */
export function typecheckFiles(files: Record<string, string>): string[] {
  const paths = Object.entries(files).map(([path, source]) => {
    const absolute = isAbsolute(path) ? path : resolve(projectRoot, path);
    if (!absolute.startsWith(typecheckOutputDir + sep)) {
      throw new Error(`typecheckFiles: ${path} must lie under ${relative(projectRoot, typecheckOutputDir)}/, which is git-ignored`);
    }
    mkdirSync(dirname(absolute), { recursive: true });
    writeFileSync(absolute, source);
    return absolute;
  });
  const program = ts.createProgram({ rootNames: paths, options: compilerOptions() });
  return ts.getPreEmitDiagnostics(program).map(format);
}
