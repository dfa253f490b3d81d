/**
 * Rule level overrides, from the project's extension at the top of redocly.yaml:
 *
 *   x-checkout-apis:
 *     diff:
 *       rules:
 *         response-enum-value-added: breaking
 */
import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { UserError } from '../errors.ts';
import { ruleById } from './rules.ts';
import { isRecord, levels, type Level, type LevelOverrides } from './types.ts';

/** Reads and checks the overrides of a parsed redocly.yaml; `file` names it in errors. */
export function overridesFrom(config: unknown, file = 'redocly.yaml'): LevelOverrides {
  const extension = isRecord(config) ? config['x-checkout-apis'] : undefined;
  if (extension === undefined) return new Map();
  const field = (path: string, expected: string): never => {
    throw new UserError(`${file}: x-checkout-apis${path}: expected ${expected}`);
  };
  if (!isRecord(extension)) field('', 'a mapping');
  const diff = (extension as Record<string, unknown>).diff;
  if (diff === undefined) return new Map();
  if (!isRecord(diff)) field('.diff', 'a mapping with rules');
  const rules = (diff as Record<string, unknown>).rules;
  if (rules === undefined) return new Map();
  if (!isRecord(rules)) field('.diff.rules', 'a mapping of rule id to breaking, warning or info');
  const overrides = new Map<string, Level>();
  for (const [id, level] of Object.entries(rules as Record<string, unknown>)) {
    if (!ruleById.has(id)) field(`.diff.rules.${id}`, 'a rule id that `npm run diff -- --rules` lists');
    if (typeof level !== 'string' || !(levels as readonly string[]).includes(level))
      field(`.diff.rules.${id}`, `one of ${levels.join(', ')}, got ${JSON.stringify(level)}`);
    overrides.set(id, level as Level);
  }
  return overrides;
}

/** The overrides in a redocly.yaml file; none when the file does not exist. */
export function loadOverrides(file: string, label = 'redocly.yaml'): LevelOverrides {
  if (!existsSync(file)) return new Map();
  let config: unknown;
  try {
    config = parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UserError(`${label}: not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  return overridesFrom(config, label);
}
