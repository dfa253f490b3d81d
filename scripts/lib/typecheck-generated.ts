/**
 * `generate` type-checks what it wrote before it says "done": the generated clients, with
 * everything they import (their schema.d.ts and the auth runtime), under the project's compiler
 * options but with `skipLibCheck: false`, so a generated declaration file is checked too. Runs the
 * TypeScript compiler in-process through its documented API.
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/** tsconfig.json's compilerOptions of the project at `root`, with declaration files checked. */
function compilerOptionsOf(root: string): ts.CompilerOptions {
  const configFile = join(root, 'tsconfig.json');
  const { config, error } = ts.readConfigFile(configFile, (path) => readFileSync(path, 'utf8'));
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
  const { options } = ts.convertCompilerOptionsFromJson((config as { compilerOptions?: object }).compilerOptions ?? {}, root, configFile);
  return { ...options, noEmit: true, skipLibCheck: false, typeRoots: [join(root, 'node_modules', '@types')] };
}

/** The last check of this process, whose results the next one reuses where nothing changed. */
let previousCheck: ts.SemanticDiagnosticsBuilderProgram | undefined;

/**
 * The type errors in `files` and what they import, one line each (`file:line:column TScode:
 * message`, file relative to `root`); none means they type-check. `root` holds tsconfig.json.
 */
export function typecheckGenerated(files: readonly string[], root: string): string[] {
  const options = compilerOptionsOf(root);
  // A builder program reuses the previous check's results for every file that did not change (the
  // default libraries and the packages' declarations, which skipLibCheck: false makes the bulk of
  // the work), as `tsc --watch` does; anything that changed, or depends on a change, is checked again.
  const builder = ts.createSemanticDiagnosticsBuilderProgram([...files], options, ts.createIncrementalCompilerHost(options), previousCheck);
  previousCheck = builder;
  const diagnostics = ts.sortAndDeduplicateDiagnostics([
    ...builder.getConfigFileParsingDiagnostics(),
    ...builder.getOptionsDiagnostics(),
    ...builder.getSyntacticDiagnostics(),
    ...builder.getGlobalDiagnostics(),
    ...builder.getSemanticDiagnostics(),
  ]);
  return diagnostics.map((diagnostic) => {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    if (!diagnostic.file || diagnostic.start === undefined) return `TS${diagnostic.code}: ${message}`;
    const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    return `${relative(root, diagnostic.file.fileName)}:${line + 1}:${character + 1} TS${diagnostic.code}: ${message}`;
  });
}
