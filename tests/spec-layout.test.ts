/**
 * Every registered API folder follows the one naming scheme of openapi/README.md: path files are
 * named after their operationId, component files after the component (schemas and responses
 * PascalCase, examples camelCase, parameters the camelCase of their wire name). Generic over the
 * registry: a new API is held to it without naming it here.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { projectRoot } from '../scripts/lib/registry.ts';
import { apis } from './support/apis.ts';

const methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
const pascalCase = /^[A-Z][A-Za-z0-9]*$/;
const camelCase = /^[a-z][A-Za-z0-9]*$/;

/** `checkout_session_id` → `checkoutSessionId`, `Idempotency-Key` → `idempotencyKey`, `attemptcountgte` stays. */
function camelCaseOf(name: string): string {
  const words = name.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return words
    .map((word, index) => (index === 0 ? word.charAt(0).toLowerCase() + word.slice(1) : word.charAt(0).toUpperCase() + word.slice(1)))
    .join('');
}

/** The name a path item file must have: its one operationId, or the resource its operationIds share. */
function pathFileName(item: Record<string, unknown>): string | undefined {
  const ids = methods.flatMap((method) => {
    const operation = item[method] as { operationId?: unknown } | undefined;
    return operation && typeof operation.operationId === 'string' ? [operation.operationId] : [];
  });
  if (ids.length === 1) return ids[0];
  const resources = new Set(ids.map((id) => id.split('_')[0]));
  return resources.size === 1 ? [...resources][0] : undefined;
}

const readYaml = (file: string): Record<string, unknown> => parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
const stem = (file: string): string => basename(file, '.yaml');
const filesIn = (dir: string): string[] =>
  statSync(dir, { throwIfNoEntry: false })?.isDirectory() ? readdirSync(dir).map((name) => join(dir, name)) : [];

/** Every violation of the scheme in one API folder, as `file: expected …` lines. */
function violations(root: string): string[] {
  const folder = dirname(root);
  const found: string[] = [];
  const where = (file: string) => relative(projectRoot, file);
  const allowed = new Set(['openapi.yaml', 'paths', 'components']);
  for (const name of readdirSync(folder))
    if (!allowed.has(name)) found.push(`${where(join(folder, name))}: expected only openapi.yaml, paths/ and components/`);

  const referenced = new Set<string>();
  for (const [path, entry] of Object.entries((readYaml(root).paths ?? {}) as Record<string, { $ref?: string }>)) {
    if (typeof entry.$ref !== 'string' || !entry.$ref.startsWith('paths/')) {
      found.push(`${where(root)}: paths["${path}"]: expected a $ref to a file under paths/`);
      continue;
    }
    const file = join(folder, entry.$ref);
    referenced.add(file);
    const expected = pathFileName(readYaml(file));
    if (expected === undefined) found.push(`${where(file)}: expected operationIds that share one resource (<resource>_<verb>)`);
    else if (stem(file) !== expected) found.push(`${where(file)}: expected paths/${expected}.yaml (named after its operationId)`);
  }
  for (const file of filesIn(join(folder, 'paths')))
    if (!referenced.has(file)) found.push(`${where(file)}: expected a path item referenced from openapi.yaml`);

  const kinds: Record<string, (file: string) => string | undefined> = {
    schemas: (file) => (pascalCase.test(stem(file)) ? undefined : 'a PascalCase name'),
    responses: (file) => (pascalCase.test(stem(file)) ? undefined : 'a PascalCase name'),
    examples: (file) => (camelCase.test(stem(file)) ? undefined : 'a camelCase name'),
    parameters: (file) => {
      const name = readYaml(file).name;
      const expected = typeof name === 'string' ? camelCaseOf(name) : undefined;
      return expected !== undefined && stem(file) === expected
        ? undefined
        : `${expected ?? '<name>'}.yaml, the camelCase of the parameter's name (${String(name)})`;
    },
  };
  for (const dir of filesIn(join(folder, 'components'))) {
    const check = kinds[basename(dir)];
    if (!check) {
      found.push(`${where(dir)}: expected one of components/${Object.keys(kinds).join(', components/')}`);
      continue;
    }
    for (const file of filesIn(dir)) {
      const problem = file.endsWith('.yaml') ? check(file) : 'a .yaml file';
      if (problem) found.push(`${where(file)}: expected ${problem}`);
    }
  }
  return found;
}

describe('naming scheme of the API folders (openapi/README.md)', () => {
  it.each(apis.map((api) => [api.name, api.root] as const))('%s follows it', (_name, root) => {
    expect(violations(root)).toEqual([]);
  });

  it('derives the expected names', () => {
    expect(camelCaseOf('checkout_session_id')).toBe('checkoutSessionId');
    expect(camelCaseOf('Idempotency-Key')).toBe('idempotencyKey');
    expect(camelCaseOf('attemptcountgte')).toBe('attemptcountgte');
    expect(pathFileName({ get: { operationId: 'checkoutSessions_list' } })).toBe('checkoutSessions_list');
    expect(
      pathFileName({ get: { operationId: 'checkoutSessions_get' }, delete: { operationId: 'checkoutSessions_cancel' }, parameters: [] }),
    ).toBe('checkoutSessions');
    expect(pathFileName({ get: { operationId: 'sessions_get' }, post: { operationId: 'refunds_create' } })).toBeUndefined();
  });
});
