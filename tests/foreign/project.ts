/**
 * A throwaway project for the foreign-description tests: a registry and small specs of the test's
 * own, in a scratch folder of the test run, with the project's tsconfig.json and packages.
 */
import { copyFileSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';
import { parseRegistry, projectRoot, type ApiEntry } from '../../scripts/lib/registry.ts';
import { scratchDir } from '../support/output.ts';

export interface ScratchProject {
  readonly root: string;
  readonly apis: ApiEntry[];
}

/** Writes one spec per API (`name` → document) and a registry listing them, in a fresh folder. */
export function scratchProject(specs: Record<string, object>, extra: Record<string, object> = {}): ScratchProject {
  const root = scratchDir('foreign-');
  copyFileSync(join(projectRoot, 'tsconfig.json'), join(root, 'tsconfig.json'));
  writeFileSync(join(root, 'package.json'), '{ "type": "module" }\n');
  symlinkSync(join(projectRoot, 'node_modules'), join(root, 'node_modules'), 'dir');
  const apis: Record<string, object> = {};
  Object.entries(specs).forEach(([name, document], index) => {
    const file = join(root, 'openapi', name, 'openapi.yaml');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, stringify(document));
    apis[`${name}@v1`] = {
      root: `openapi/${name}/openapi.yaml`,
      'x-openapi-ts': { output: `generated/${name}/schema.d.ts` },
      'x-checkout-apis': { mockPort: 5100 + index, ...(extra[name] ?? {}) },
    };
  });
  const registry = stringify({ apis });
  writeFileSync(join(root, 'redocly.yaml'), registry);
  return { root, apis: parseRegistry(registry, root) };
}

/** A small valid 3.1 description with one operation per entry of `operations` (`METHOD /path` → operation). */
export function spec(operations: Record<string, object>, components: object = {}, top: object = {}): object {
  const paths: Record<string, Record<string, object>> = {};
  for (const [key, operation] of Object.entries(operations)) {
    const [method, path] = key.split(' ') as [string, string];
    paths[path] = { ...paths[path], [method.toLowerCase()]: { responses: { '200': { description: 'OK' } }, ...operation } };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Scratch', version: '1.0.0' },
    servers: [{ url: 'https://api.invalid' }],
    paths,
    components,
    ...top,
  };
}
