/**
 * TypeScript code samples for the reference docs (`x-codeSamples`), written from the spec alone:
 * the generated client of the API, credentials from the environment as the auth plan names them,
 * and the call with the operation's own example inputs. Pure: document and API in, samples out.
 */
import { authPlanOf, pascalCase } from '../codegen/client.ts';
import { isIdempotencyKeyHeader } from '../codegen/resilience-plan.ts';
import { credentialSets, envName } from './credentials.ts';
import { examplesOf, listOperations, type OpenApiDocument, type Operation, type ParameterObject } from './openapi.ts';
import type { ApiEntry } from './registry.ts';
import { formMediaType } from './requests.ts';

/** One entry of an operation's `x-codeSamples`, as Redoc reads it. */
export interface CodeSample {
  readonly lang: string;
  readonly label: string;
  readonly source: string;
}

export interface CodeSampleOptions {
  /**
   * The module specifier the sample imports the client from. Readers see the default, a path
   * relative to a file that sits beside the generated/ folder; a test that compiles the samples
   * elsewhere passes the specifier that resolves from where it writes them.
   */
  readonly clientModule?: (api: ApiEntry) => string;
}

export const sampleLanguage = 'TypeScript';

/** At most this many optional parameters are shown, so a sample stays readable. */
const optionalParameterLimit = 3;

const defaultClientModule = (api: ApiEntry): string => `./generated/${api.name}/client.js`;

/** Samples per operationId, one TypeScript sample each, in the document's operation order. */
export function codeSamples(document: OpenApiDocument, api: ApiEntry, options: CodeSampleOptions = {}): Map<string, CodeSample[]> {
  const clientModule = (options.clientModule ?? defaultClientModule)(api);
  const credentials = chosenCredentials(api, document);
  const secrets = new Map(credentials.map((option) => [option, `process.env.${envName(api, option)}!`]));
  const samples = new Map<string, CodeSample[]>();
  for (const operation of listOperations(document)) {
    const lines = [
      ...header(api, clientModule),
      ...clientLines(api, credentials, secrets),
      '',
      ...callLines(document, operation, secrets),
      '',
    ];
    const source = lines.join('\n');
    samples.set(operation.operationId, [{ lang: sampleLanguage, label: sampleLanguage, source }]);
  }
  return samples;
}

/** A copy of `document` whose operations carry their samples; other languages already there stay. */
export function withCodeSamples(document: OpenApiDocument, samples: ReadonlyMap<string, readonly CodeSample[]>): OpenApiDocument {
  const copy = structuredClone(document);
  for (const operation of listOperations(copy)) {
    const own = samples.get(operation.operationId);
    if (!own) continue;
    const existing = (operation.operation['x-codeSamples'] as CodeSample[] | undefined) ?? [];
    operation.operation['x-codeSamples'] = [...own, ...existing.filter((sample) => !own.some((mine) => mine.lang === sample.lang))];
  }
  return copy;
}

function header(api: ApiEntry, clientModule: string): string[] {
  return [
    '// The client `npm run generate` writes to generated/: this path',
    '// assumes your file sits beside that folder (ESM wants the .js).',
    `import { create${pascalCase(api.name)}Client } from '${clientModule}';`,
    '',
  ];
}

/** The client options a sample sets. */
export function chosenCredentials(api: ApiEntry, document: OpenApiDocument): string[] {
  const sets = credentialSets(authPlanOf(api, document));
  // With alternatives (an OAuth token, or a client id and secret) the last set is the one that
  // lets the client fetch and refresh tokens itself.
  return sets[sets.length - 1] ?? [];
}

/** The client factory call, each credential read from the environment variable the project names. */
function clientLines(api: ApiEntry, credentials: readonly string[], secrets: ReadonlyMap<string, string>): string[] {
  const factory = `create${pascalCase(api.name)}Client`;
  if (credentials.length === 0) return [`const client = ${factory}({});`];
  return [
    '// Secrets come from the environment, never from code.',
    `const client = ${factory}({`,
    ...credentials.map((option) => `  ${option}: ${secrets.get(option)},`),
    '});',
  ];
}

function callLines(document: OpenApiDocument, operation: Operation, secrets: ReadonlyMap<string, string>): string[] {
  const init = requestInit(document, operation, secrets);
  const method = operation.method.toUpperCase();
  const target = `${method} ${operation.path}`;
  const call =
    init.length === 0
      ? `client.${method}(${quote(operation.path)})`
      : `client.${method}(${quote(operation.path)}, {\n${init.join('\n')}\n})`;
  // With no error status documented, openapi-fetch types `error` as never: a branch on it would not compile.
  if (!documentsError(operation)) return [`const { data } = await ${call};`, ...successNote(operation), 'console.log(data);'];
  return [
    `const { data, error, response } = await ${call};`,
    'if (error) {',
    '  // A documented error status; `error` is its typed body.',
    `  throw new Error(\`${escapeTemplate(target)} failed with \${response.status}: \${JSON.stringify(error)}\`);`,
    '}',
    ...successNote(operation),
    'console.log(data);',
  ];
}

/** Whether the operation documents a status openapi-fetch returns as `error` (not 2xx, `default` included). */
function documentsError(operation: Operation): boolean {
  return operation.responses.some(([status]) => !/^2/.test(status));
}

/** What `data` holds on success: the status and the first sentence of its description. */
function successNote(operation: Operation): string[] {
  const success = operation.responses.find(([status]) => /^2/.test(status));
  if (!success) return [];
  const sentence = /^.*?[.!?](?=\s|$)/.exec(success[1].description.replace(/\s+/g, ' ').trim())?.[0] ?? success[1].description;
  return [`// ${success[0]}: ${sentence.replace(/\s+/g, ' ').trim()}`];
}

/** An optional parameter is worth showing when its example says something. */
function hasTellingExample(document: OpenApiDocument, parameter: ParameterObject): boolean {
  const example = examplesOf(document, parameter)[0];
  return example !== undefined && example[1] !== '' && example[1] !== null;
}

/** The `params` (required parameters, then a few optional ones) and body of the call. */
function requestInit(document: OpenApiDocument, operation: Operation, secrets: ReadonlyMap<string, string>): string[] {
  const shown = [
    ...operation.parameters.filter((parameter) => parameter.required),
    ...operation.parameters
      .filter((parameter) => !parameter.required && hasTellingExample(document, parameter))
      .slice(0, optionalParameterLimit),
  ].filter((parameter) => parameter.in !== 'cookie');
  const groups = new Map<ParameterObject['in'], string[]>();
  for (const parameter of shown) {
    const example = examplesOf(document, parameter)[0];
    if (!example) continue;
    // A fixed key copied from the spec would make every call after the first a replay of it.
    const value = isIdempotencyKeyHeader(parameter)
      ? 'crypto.randomUUID()'
      : (secretFor(parameter.name, secrets) ?? literal(example[1], 3, secrets));
    groups.set(parameter.in, [...(groups.get(parameter.in) ?? []), `${propertyKey(parameter.name)}: ${value}`]);
  }
  const lines: string[] = [];
  if (groups.size > 0) {
    lines.push('  params: {');
    for (const where of ['path', 'query', 'header'] as const) {
      const entries = groups.get(where);
      if (entries) lines.push(`    ${where}: {`, ...entries.map((entry) => `      ${entry},`), '    },');
    }
    lines.push('  },');
  }
  const [mediaType, media] = Object.entries(operation.requestBody?.content ?? {})[0] ?? [];
  const body = media ? examplesOf(document, media)[0] : undefined;
  if (body) {
    lines.push(`  body: ${literal(body[1], 1, secrets)},`);
    if (mediaType === formMediaType) {
      // openapi-fetch sends JSON unless told otherwise: a form body needs its own serializer.
      lines.push(
        `  headers: { 'content-type': ${quote(formMediaType)} },`,
        '  bodySerializer: (form) => new URLSearchParams(form as Record<string, string>).toString(),',
      );
    }
  }
  return lines;
}

const identifier = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function propertyKey(name: string): string {
  return identifier.test(name) ? name : quote(name);
}

function quote(text: string): string {
  return `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'").replaceAll('\n', '\\n')}'`;
}

function escapeTemplate(text: string): string {
  return text.replaceAll('\\', '\\\\').replaceAll('`', '\\`').replaceAll('${', '\\${');
}

/**
 * The environment read for a field that carries one of the client's credentials (`client_secret`
 * in a token request is the `clientSecret` option): a sample never prints a secret, even an example.
 */
function secretFor(name: string, secrets: ReadonlyMap<string, string>): string | undefined {
  const camel = name.toLowerCase().replace(/[-_ ]+([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());
  return [...secrets].find(([option]) => option.toLowerCase() === camel.toLowerCase())?.[1];
}

/** A value as a TypeScript literal, indented `depth` levels of two spaces; credential fields read the environment. */
function literal(value: unknown, depth: number, secrets: ReadonlyMap<string, string>): string {
  const pad = '  '.repeat(depth);
  if (typeof value === 'string') return quote(value);
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'undefined';
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((item) => `${pad}  ${literal(item, depth + 1, secrets)},`).join('\n')}\n${pad}]`;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return '{}';
  const fields = entries.map(
    ([key, item]) => `${pad}  ${propertyKey(key)}: ${secretFor(key, secrets) ?? literal(item, depth + 1, secrets)},`,
  );
  return `{\n${fields.join('\n')}\n${pad}}`;
}
