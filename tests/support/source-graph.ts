/**
 * The project's own source files and what each imports, read with the TypeScript compiler's
 * parser (no regular expressions over code): for the tests that hold the module graph acyclic and
 * keep it off other packages' internals.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

export interface Import {
  readonly specifier: string;
  /** `import type` / `export type … from`: erased from the emitted JavaScript. */
  readonly typeOnly: boolean;
}

export interface SourceFile {
  readonly path: string;
  readonly imports: readonly Import[];
  /** Every string literal in the file (template literals without substitutions included). */
  readonly strings: readonly string[];
}

const sourceExtensions = /\.(ts|mts|js|mjs)$/;

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    if (name === 'node_modules' || name.startsWith('.')) return [];
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path);
    return sourceExtensions.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

function parse(path: string): SourceFile {
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
  const imports: Import[] = [];
  const strings: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      imports.push({ specifier: node.moduleSpecifier.text, typeOnly: node.importClause?.isTypeOnly === true });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      imports.push({ specifier: node.moduleSpecifier.text, typeOnly: node.isTypeOnly });
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [argument] = node.arguments;
      if (argument && ts.isStringLiteralLike(argument)) imports.push({ specifier: argument.text, typeOnly: false });
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      imports.push({ specifier: node.argument.literal.text, typeOnly: true });
    }
    if (ts.isStringLiteralLike(node)) strings.push(node.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { path, imports, strings };
}

/** Every source file under the given top-level folders of `root`. */
export function projectSources(root: string, folders: readonly string[]): SourceFile[] {
  return folders.flatMap((folder) => filesUnder(join(root, folder))).map(parse);
}

/** The file a relative specifier names (as written, or a `.js` specifier's `.ts` twin). */
export function resolveRelative(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const target = resolve(dirname(from), specifier);
  const candidates = [target, target.replace(/\.js$/, '.ts'), `${target}.ts`, join(target, 'index.ts')];
  return candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
}

/** Strongly connected groups of more than one file (or a file importing itself): the import cycles. */
export function importCycles(files: readonly SourceFile[], root: string, { includeTypeOnly = false } = {}): string[][] {
  const edges = new Map<string, string[]>();
  for (const file of files) {
    const targets = file.imports
      .filter((entry) => includeTypeOnly || !entry.typeOnly)
      .map((entry) => resolveRelative(file.path, entry.specifier))
      .filter((target): target is string => target !== undefined);
    edges.set(file.path, targets);
  }
  // Tarjan's algorithm, iterative enough for a project this size.
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const connect = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter);
    counter += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node) ?? []) {
      if (!index.has(next)) {
        connect(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const group: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        group.push(member);
      } while (member !== node);
      if (group.length > 1 || (edges.get(node) ?? []).includes(node)) cycles.push(group.map((path) => relative(root, path)).sort());
    }
  };
  for (const node of edges.keys()) if (!index.has(node)) connect(node);
  return cycles;
}
