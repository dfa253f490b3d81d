/**
 * Issue 11: only documented entry points of each dependency, and no import cycle among our own
 * modules. Read from the sources themselves (scripts/, tests/, bench/, generated/).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../scripts/lib/registry.ts';
import { importCycles, projectSources, type SourceFile } from './support/source-graph.ts';

/**
 * Subpaths that are a package's documented entry point although they sit under dist/ or lib/:
 * each with where its own documentation names it.
 */
const documentedSubpaths: Readonly<Record<string, string>> = {
  // Ajv's "JSON Schema draft 2020-12" guide: `import Ajv2020 from "ajv/dist/2020"`.
  'ajv/dist/2020': 'Ajv docs, JSON Schema draft 2020-12',
  'ajv/dist/2020.js': 'Ajv docs, JSON Schema draft 2020-12',
};

const internalSegment = /(^|\/)(lib|dist|chunks)(\/|$)/;

/** `@scope/name` or `name`, and the subpath after it, of a bare specifier. */
function splitSpecifier(specifier: string): { name: string; subpath: string } | undefined {
  const match = /^((?:@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*)(?:\/(.+))?$/i.exec(specifier);
  return match ? { name: match[1]!, subpath: match[2] ?? '' } : undefined;
}

/** Strings of a file that name a path inside an installed package's lib/, dist/ or chunks/. */
function internalPaths(file: SourceFile, root: string): string[] {
  const installed = (name: string) => existsSync(join(root, 'node_modules', name, 'package.json'));
  const named = [...file.imports.map((entry) => entry.specifier), ...file.strings].filter((text) => {
    const parts = splitSpecifier(text);
    return parts !== undefined && internalSegment.test(parts.subpath) && installed(parts.name) && !(text in documentedSubpaths);
  });
  // A path built from a package's own folder: resolve('<pkg>/package.json'), then join 'lib', 'chunks'….
  const fromPackageFolder = file.strings.some(
    (text) => /^(@[\w.-]+\/)?[\w.-]+\/package\.json$/.test(text) && installed(text.replace(/\/package\.json$/, '')),
  );
  const segments = fromPackageFolder ? file.strings.filter((text) => ['lib', 'dist', 'chunks'].includes(text)) : [];
  return [...new Set([...named, ...segments.map((segment) => `'${segment}' joined onto a package folder`)])];
}

const sources = projectSources(projectRoot, ['scripts', 'tests', 'bench', 'generated']);

describe("other packages' internals", () => {
  it('reads every source folder', () => {
    expect(sources.length).toBeGreaterThan(50);
    expect(sources.some((file) => file.path.endsWith(join('scripts', 'lib', 'bundle.ts')))).toBe(true);
  });

  it('finds no import or path into a dependency’s lib/, dist/ or chunks/', () => {
    const found = sources.flatMap((file) => internalPaths(file, projectRoot).map((path) => `${relative(projectRoot, file.path)}: ${path}`));
    expect(found).toEqual([]);
  });

  it('catches such a path where one is written (the check itself)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'internals-'));
    try {
      mkdirSync(join(dir, 'scripts'));
      writeFileSync(
        join(dir, 'scripts', 'reach.ts'),
        [
          `const entry = '@redocly/openapi-core/${'lib'}/bundle-oas';`,
          `import { x } from 'openapi-typescript/${'dist'}/lib/utils.js';`,
          "const cli = require.resolve('@redocly/cli/package.json');",
          "const file = join(dirname(cli), 'lib', 'chunks', 'redoc.standalone.js');",
          "import Ajv2020 from 'ajv/dist/2020.js';",
          "const own = join(root, 'dist', 'docs');",
        ].join('\n'),
      );
      const [file] = projectSources(dir, ['scripts']);
      // Package names are looked up in the project's node_modules.
      expect(internalPaths(file!, projectRoot).sort()).toEqual(
        [
          `@redocly/openapi-core/${'lib'}/bundle-oas`,
          `openapi-typescript/${'dist'}/lib/utils.js`,
          "'lib' joined onto a package folder",
          "'chunks' joined onto a package folder",
          "'dist' joined onto a package folder",
        ].sort(),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('import cycles', () => {
  it('has none among our modules (imports that reach the emitted JavaScript)', () => {
    expect(importCycles(sources, projectRoot)).toEqual([]);
  });

  it('finds a cycle where there is one (the check itself)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cycles-'));
    try {
      mkdirSync(join(dir, 'scripts'));
      writeFileSync(join(dir, 'scripts', 'a.ts'), "import { b } from './b.ts';\nexport const a = () => b;\n");
      writeFileSync(join(dir, 'scripts', 'b.ts'), "import { c } from './c.ts';\nexport const b = 1 + c;\n");
      writeFileSync(join(dir, 'scripts', 'c.ts'), "import { a } from './a.ts';\nexport const c = a.length;\n");
      writeFileSync(join(dir, 'scripts', 'd.ts'), "import type { a } from './a.ts';\nexport type D = typeof a;\n");
      writeFileSync(join(dir, 'scripts', 'e.ts'), "export type { D } from './d.ts';\nimport './a.ts';\n");
      const files = projectSources(dir, ['scripts']);
      expect(importCycles(files, dir)).toEqual([['scripts/a.ts', 'scripts/b.ts', 'scripts/c.ts']]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
