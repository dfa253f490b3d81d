/**
 * The registry of APIs: `apis:` in redocly.yaml. Every script and test derives what it works on
 * from here, so adding a provider is a folder under openapi/ plus one entry in that file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { UserError } from './errors.ts';
import { checkSpecText, specFileLimits } from './spec-yaml.ts';
import { styleOf, type StyleProfile } from './style-profile.ts';

export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const registryFile = join(projectRoot, 'redocly.yaml');

export interface ApiEntry {
  /** Registry key, e.g. `selectwin@v1`. */
  readonly id: string;
  /** The part before `@`, e.g. `selectwin`: names folders, env vars and the client factory. */
  readonly name: string;
  /** Root file of the hand-authored description. */
  readonly root: string;
  readonly mockPort: number;
  /** `x-checkout-apis.style`: house conventions enforced (default), or an external description taken as it is. */
  readonly style: StyleProfile;
  readonly bundleYaml: string;
  readonly bundleJson: string;
  readonly typesFile: string;
  readonly clientFile: string;
  readonly docsFile: string;
  readonly fixturesDir: string;
}

const apiIdPattern = /^([a-z][a-z0-9-]*)@v\d+$/;

/**
 * Where build output goes: `<root>/dist`, unless CHECKOUT_APIS_OUT_DIR names another folder. The
 * test run points it at a temporary folder, so tests never write into dist/ (which a running
 * `npm run mock` serves and watches).
 */
export function outputRoot(root: string = projectRoot): string {
  const override = process.env.CHECKOUT_APIS_OUT_DIR;
  return override ? resolve(override) : join(root, 'dist');
}

function fail(field: string, expected: string): never {
  throw new UserError(`redocly.yaml: ${field}: expected ${expected}`);
}

function entryFrom(id: string, raw: unknown, root: string): ApiEntry {
  const name = apiIdPattern.exec(id)?.[1] ?? fail(`apis.${id}`, 'a key of the form <name>@v<major>, name in lower case');
  if (typeof raw !== 'object' || raw === null) fail(`apis.${id}`, 'a mapping with root, x-openapi-ts and x-checkout-apis');
  const entry = raw as Record<string, unknown>;
  const rootFile = entry.root;
  if (typeof rootFile !== 'string') fail(`apis.${id}.root`, 'the path of the API root file');
  if (!existsSync(join(root, rootFile))) fail(`apis.${id}.root`, `an existing file, but ${rootFile} is missing`);
  const typesOutput = (entry['x-openapi-ts'] as Record<string, unknown> | undefined)?.output;
  if (typeof typesOutput !== 'string') fail(`apis.${id}.x-openapi-ts.output`, 'the path of the generated types file');
  const mockPort = (entry['x-checkout-apis'] as Record<string, unknown> | undefined)?.mockPort;
  if (!Number.isInteger(mockPort) || (mockPort as number) < 1024 || (mockPort as number) > 65535) {
    fail(`apis.${id}.x-checkout-apis.mockPort`, 'an integer port between 1024 and 65535');
  }
  const generatedDir = dirname(join(root, typesOutput));
  const out = outputRoot(root);
  return {
    id,
    name,
    root: join(root, rootFile),
    mockPort: mockPort as number,
    style: styleOf(id, entry),
    bundleYaml: join(out, name, 'openapi.yaml'),
    bundleJson: join(out, name, 'openapi.json'),
    typesFile: join(root, typesOutput),
    clientFile: join(generatedDir, 'client.ts'),
    docsFile: join(out, 'docs', `${name}.html`),
    fixturesDir: join(root, 'tests', 'fixtures', name),
  };
}

/** Parses the registry text; `root` resolves the relative paths in it. */
export function parseRegistry(text: string, root: string = projectRoot): ApiEntry[] {
  checkSpecText('redocly.yaml', text);
  let config: unknown;
  try {
    config = parse(text, { maxAliasCount: specFileLimits.maxAliasCount });
  } catch (error) {
    throw new UserError(`redocly.yaml: not valid YAML: ${(error as Error).message}`);
  }
  return entriesOf((config as Record<string, unknown> | null)?.apis, root);
}

/**
 * The registry as Redocly itself reads redocly.yaml: through openapi-core's `loadConfig` (config
 * validation, plugins and all). Every command reads it this way; the synchronous `loadRegistry`
 * stays for test setup and the bench, which need it at module load, and a test keeps the two equal.
 */
export async function loadRegistryConfig(configPath: string = registryFile): Promise<ApiEntry[]> {
  const { loadConfig } = await import('@redocly/openapi-core');
  // Bounded like every spec file before a YAML parser sees it (size, alias expansion).
  checkSpecText(configPath, readFileSync(configPath, 'utf8'));
  let apis: unknown;
  try {
    apis = (await loadConfig({ configPath })).resolvedConfig.apis;
  } catch (error) {
    throw new UserError(`${configPath}: ${(error as Error).message}`);
  }
  return entriesOf(apis, dirname(configPath));
}

function entriesOf(apis: unknown, root: string): ApiEntry[] {
  if (typeof apis !== 'object' || apis === null || Object.keys(apis).length === 0) {
    return fail('apis', 'a mapping of at least one API');
  }
  const entries = Object.entries(apis).map(([id, raw]) => entryFrom(id, raw, root));
  const ports = new Map<number, string>();
  for (const entry of entries) {
    const clash = ports.get(entry.mockPort);
    if (clash) fail(`apis.${entry.id}.x-checkout-apis.mockPort`, `a port of its own, but ${clash} uses ${entry.mockPort}`);
    ports.set(entry.mockPort, entry.id);
  }
  return entries;
}

export function loadRegistry(): ApiEntry[] {
  return parseRegistry(readFileSync(registryFile, 'utf8'));
}

/** The registry, or the one API a `--api <name>` flag names. */
export function selectApis(name: string | undefined, all: readonly ApiEntry[] = loadRegistry()): ApiEntry[] {
  if (name === undefined) return [...all];
  const chosen = all.filter((api) => api.name === name || api.id === name);
  if (chosen.length === 0) {
    throw new UserError(`--api ${name}: expected one of ${all.map((api) => api.name).join(', ')}`);
  }
  return chosen;
}

/** What a command works on: the registry read through `loadConfig`, or the one API `--api` names. */
export async function configuredApis(name?: string, configPath: string = registryFile): Promise<ApiEntry[]> {
  return selectApis(name, await loadRegistryConfig(configPath));
}
