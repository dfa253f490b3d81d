/**
 * Builds the installable packages at pack time: each client folder of generated/ (and the shared
 * runtime) is staged under dist/packages/<folder>/ with its committed manifest and README and its
 * compiled ES modules and declarations, then packed with `npm pack`. The clients import the runtime
 * as `../auth.js` in the repository; in a package that import becomes the runtime package's name.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import ts from 'typescript';
import { authRuntimeModule, resilienceRuntimeModule } from '../codegen/client.ts';
import { runtimeImports, runtimePackage } from '../codegen/package.ts';
import { UserError } from './errors.ts';
import { writeFileAtomic } from './fs-atomic.ts';
import { projectRoot, type ApiEntry } from './registry.ts';

export const packagesDir = join(projectRoot, 'dist', 'packages');

export interface StagedPackage {
  /** The folder under generated/ it comes from, and under dist/packages/ it is staged in. */
  readonly folder: string;
  readonly name: string;
  readonly version: string;
  readonly stagedDir: string;
}

export interface PackedPackage extends StagedPackage {
  readonly tarball: string;
  /** Every file in the tarball, relative to its package folder. */
  readonly files: readonly string[];
}

const compilerOptions: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  verbatimModuleSyntax: true,
  declaration: true,
  strict: true,
  skipLibCheck: true,
};

/** The module specifiers a source imports or re-exports (static and dynamic). */
export function moduleSpecifiers(source: string): string[] {
  return ts.preProcessFile(source, true, true).importedFiles.map((file) => file.fileName);
}

/** The client source with its runtime imports pointing at the runtime package. */
function withPackageImports(source: string, file: string): string {
  const rewritten = source.replace(/(from\s+)'(\.\.\/[^']+)'/g, (_whole, from: string, specifier: string) => {
    const target = runtimeImports[specifier];
    if (!target) throw new UserError(`${file}: imports ${specifier}, which is outside its package and not the runtime`);
    return `${from}'${target}'`;
  });
  const escaping = moduleSpecifiers(rewritten).filter((specifier) => specifier.startsWith('../'));
  if (escaping.length > 0) throw new UserError(`${file}: imports ${escaping.join(', ')}, outside its package`);
  return rewritten;
}

/** Compiles one TypeScript module to `<outDir>/<base>.js` and `.d.ts`; fails on any diagnostic. */
function compileModule(source: string, fileName: string, outDir: string, base: string): void {
  const js = ts.transpileModule(source, { compilerOptions, fileName, reportDiagnostics: true });
  const dts = ts.transpileDeclaration(source, {
    compilerOptions: { ...compilerOptions, isolatedDeclarations: true },
    fileName,
    reportDiagnostics: true,
  });
  const problems = [...(js.diagnostics ?? []), ...(dts.diagnostics ?? [])];
  if (problems.length > 0) {
    const messages = problems.map((problem) => ts.flattenDiagnosticMessageText(problem.messageText, '\n'));
    throw new UserError(`${fileName}: cannot be compiled for its package:\n  ${messages.join('\n  ')}`);
  }
  writeFileAtomic(join(outDir, `${base}.js`), js.outputText);
  writeFileAtomic(join(outDir, `${base}.d.ts`), dts.outputText);
}

function stage(
  into: string,
  folder: string,
  sourceDir: string,
  manifest: Record<string, unknown>,
  build: (distDir: string) => void,
): StagedPackage {
  const stagedDir = join(into, folder);
  rmSync(stagedDir, { recursive: true, force: true });
  mkdirSync(join(stagedDir, 'dist'), { recursive: true });
  writeFileAtomic(join(stagedDir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  for (const file of ['README.md', 'CHANGELOG.md'])
    if (existsSync(join(sourceDir, file))) copyFileSync(join(sourceDir, file), join(stagedDir, file));
  build(join(stagedDir, 'dist'));
  return { folder, name: String(manifest.name), version: String(manifest.version), stagedDir };
}

function readManifest(dir: string, repositoryUrl: string | undefined): Record<string, unknown> {
  const file = join(dir, 'package.json');
  if (!existsSync(file)) throw new UserError(`${file} is missing: run \`npm run generate\``);
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  // Provenance ties a package to the repository it was built in; only CI knows that URL.
  return repositoryUrl ? { ...manifest, repository: { type: 'git', url: repositoryUrl } } : manifest;
}

/** Stages the runtime package and one package per API, compiled from the committed generated/ files. */
export function stagePackages(apis: readonly ApiEntry[], options: { repositoryUrl?: string; into?: string } = {}): StagedPackage[] {
  const into = options.into ?? packagesDir;
  const first = apis[0];
  if (!first) return [];
  const generatedDir = dirname(dirname(first.clientFile));
  const runtimeDir = join(generatedDir, runtimePackage.folder);
  const runtime = stage(into, runtimePackage.folder, runtimeDir, readManifest(runtimeDir, options.repositoryUrl), (distDir) => {
    for (const module of [authRuntimeModule, resilienceRuntimeModule]) {
      const file = join(generatedDir, module);
      compileModule(readFileSync(file, 'utf8'), file, distDir, module.replace(/\.ts$/, ''));
    }
  });
  const clients = apis.map((api) => {
    const dir = dirname(api.clientFile);
    return stage(into, api.name, dir, readManifest(dir, options.repositoryUrl), (distDir) => {
      compileModule(withPackageImports(readFileSync(api.clientFile, 'utf8'), api.clientFile), api.clientFile, distDir, 'client');
      copyFileSync(api.typesFile, join(distDir, 'schema.d.ts'));
    });
  });
  return [runtime, ...clients];
}

/** `npm pack` of every staged package (one npm run for all) into `destination`; returns the tarballs and what they hold. */
export function packPackages(staged: readonly StagedPackage[], destination: string = packagesDir): PackedPackage[] {
  mkdirSync(destination, { recursive: true });
  if (staged.length === 0) return [];
  const names = staged.map((entry) => entry.name).join(', ');
  const result = spawnSync(
    'npm',
    ['pack', ...staged.map((entry) => entry.stagedDir), '--pack-destination', destination, '--json', '--ignore-scripts'],
    { encoding: 'utf8' },
  );
  if (result.status !== 0) throw new UserError(`npm pack of ${names} failed: ${result.stderr.trim()}`);
  // One report per package, in the order they were named.
  const reports = JSON.parse(result.stdout) as Array<{ name: string; filename: string; files: Array<{ path: string }> }>;
  return staged.map((entry, index) => {
    const report = reports[index];
    if (report?.name !== entry.name) throw new UserError(`npm pack ${entry.name}: no report`);
    return { ...entry, tarball: join(destination, report.filename), files: report.files.map((file) => file.path) };
  });
}

/**
 * Relative imports of a package's JavaScript and declarations that name no file in its tarball
 * (as `<file>: <specifier>`); empty when the package is self-contained.
 */
export function missingImports(packed: PackedPackage): string[] {
  const present = new Set(packed.files);
  const missing: string[] = [];
  for (const file of packed.files.filter((path) => /\.(?:js|d\.ts)$/.test(path))) {
    for (const specifier of moduleSpecifiers(readFileSync(join(packed.stagedDir, file), 'utf8'))) {
      if (!specifier.startsWith('.')) continue;
      const target = posix.normalize(posix.join(posix.dirname(file), specifier));
      const candidates = file.endsWith('.d.ts') ? [target.replace(/\.js$/, '.d.ts'), target] : [target];
      if (!candidates.some((candidate) => present.has(candidate))) missing.push(`${packed.name}/${file}: ${specifier}`);
    }
  }
  return missing;
}
