/**
 * Renders `generated/<api>/client.ts`: a factory over openapi-fetch whose authentication is the
 * plan read off the spec's security schemes. Nothing in here knows any provider.
 */
import { relative } from 'node:path';
import { UserError } from '../lib/errors.ts';
import type { OpenApiDocument } from '../lib/openapi.ts';
import type { ApiEntry } from '../lib/registry.ts';
import { projectRoot } from '../lib/registry.ts';
import { authPlanOf, type AuthPlan, type Requirement } from './auth-plan.ts';
import { kindOfPlan, optionsOfPlan } from './scheme-kinds.ts';
import { resiliencePlanOf } from './resilience-plan.ts';
import type { ResiliencePlan } from './resilience-runtime.ts';

/** Read off the spec by auth-plan.ts; exported here too for the callers that render clients. */
export { authPlanOf };

export const authRuntimeModule = 'auth.ts';
/** The resilience runtime, beside the auth runtime one folder above the clients. */
export const resilienceRuntimeModule = 'resilience.ts';

/** Spec text becomes a name in generated code only when it is an identifier; elsewhere it is quoted (commentText, tsString). */
const identifierPattern = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function pascalCase(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join('');
}

/**
 * The credential options as a type. A scheme every operation needs has its options required (one
 * of its alternatives, for a scheme with several); any other scheme's options are optional.
 */
function credentialTypes(plan: AuthPlan, document: OpenApiDocument): string {
  const fields: string[] = [];
  const alternatives: string[] = [];
  for (const [name, scheme] of Object.entries(plan.schemes)) {
    const kind = kindOfPlan(scheme);
    const about = commentText(document.components?.securitySchemes?.[name]?.description ?? '') || kind.display(scheme);
    const required = plan.requiredSchemes.includes(name);
    const sets = kind.credentialSets(scheme);
    const doc = (option: string) => kind.optionDocs?.[option] ?? `${about} (scheme ${name})`;
    const field = (option: string, optional: boolean) =>
      `  /** ${commentText(doc(option))} */\n  ${option}${optional ? '?' : ''}: string;\n`;
    if (sets.length === 1 || !required) {
      for (const option of new Set(sets.flat())) fields.push(field(option, !required));
      continue;
    }
    const all = [...new Set(sets.flat())];
    alternatives.push(
      `(${sets.map((set) => `{\n${all.map((option) => (set.includes(option) ? field(option, false) : `  ${option}?: never;\n`)).join('')}}`).join(' | ')})`,
    );
  }
  const base = `{\n${fields.join('')}}`;
  return alternatives.length === 0 ? base : `${base} & ${alternatives.join(' & ')}`;
}

/**
 * Spec text inside a comment: on one line (line terminators, U+2028/2029 included, end a `//`
 * comment) and unable to close a block comment.
 */
export function commentText(value: unknown): string {
  return String(value).replace(/\s+/g, ' ').replaceAll('*/', '*\\/').trim();
}

/** Spec text as a single-quoted string literal: quotes, backslashes and every control or line-terminator character escaped. */
export function tsString(value: string): string {
  const escaped = value.replace(/[\\'\u0000-\u001f\u007f\u2028\u2029]/g, (char) =>
    char === '\\' || char === "'" ? `\\${char}` : `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return `'${escaped}'`;
}

/** A name for generated identifiers: `my-api` → `myApi`; anything else is refused. */
function camelCase(name: string): string {
  const pascal = pascalCase(name);
  const camel = pascal.charAt(0).toLowerCase() + pascal.slice(1);
  if (!identifierPattern.test(camel))
    throw new UserError(
      `API name ${JSON.stringify(name)}: expected letters and digits, starting with a letter, to name the generated client`,
    );
  return camel;
}

function renderAuth(plan: AuthPlan): { imports: string[]; source: string } {
  const calls = Object.entries(plan.schemes).map(([name, scheme]) => [name, kindOfPlan(scheme).runtime(scheme)] as const);
  // Objects (the token request) as JSON, which escapes every string it holds.
  const literal = (value: string | boolean | object) =>
    typeof value === 'string' ? tsString(value) : typeof value === 'object' ? JSON.stringify(value) : String(value);
  const list = (names: readonly string[]) => `[${names.map(tsString).join(', ')}]`;
  const alternatives = (requirement: Requirement) => `[${requirement.map(list).join(', ')}]`;
  const schemes = calls.map(([name, [fn, args]]) => `    ${tsString(name)}: ${fn}(${args.map(literal).join(', ')}),`).join('\n');
  const operations = Object.entries(plan.operations)
    .map(([key, names]) => `    ${tsString(key)}: ${alternatives(names)},`)
    .join('\n');
  return {
    imports: [...new Set(calls.map(([, [fn]]) => fn))].sort(),
    source: `{\n  schemes: {\n${schemes}\n  },\n  defaultRequirement: ${alternatives(plan.defaultRequirement)},\n  operations: {${operations ? `\n${operations}\n  ` : ''}},\n}`,
  };
}

/** The resilience plan as a TypeScript literal: every spec string quoted by tsString. */
function renderResilience(plan: ResiliencePlan): string {
  const list = (names: readonly string[]) => `[${names.map(tsString).join(', ')}]`;
  const operations = Object.entries(plan.operations)
    .map(
      ([key, { id, idempotencyHeader }]) =>
        `    ${tsString(key)}: { id: ${tsString(id)}${idempotencyHeader === undefined ? '' : `, idempotencyHeader: ${tsString(idempotencyHeader)}`} },`,
    )
    .join('\n');
  const lines = [
    `  operations: {${operations ? `\n${operations}\n  ` : ''}},`,
    ...(plan.requestIdHeader === undefined ? [] : [`  requestIdHeader: ${tsString(plan.requestIdHeader)},`]),
    ...(plan.retryHint === undefined ? [] : [`  retryHint: { path: ${list(plan.retryHint.path)}, unitMs: ${plan.retryHint.unitMs} },`]),
    `  credentialHeaders: ${list(plan.credentialHeaders)},`,
    `  credentialQuery: ${list(plan.credentialQuery)},`,
  ];
  return `{\n${lines.join('\n')}\n}`;
}

export function renderClient(api: ApiEntry, document: OpenApiDocument): string {
  const plan = authPlanOf(api, document);
  const auth = renderAuth(plan);
  const resiliencePlan = resiliencePlanOf(document, plan);
  const resilience = renderResilience(resiliencePlan);
  const id = camelCase(api.name);
  const prefix = pascalCase(api.name);
  const servers = (document.servers ?? []).map((server, index) => {
    if (typeof server.url !== 'string') throw new UserError(`${api.root}: servers[${index}].url: expected a string`);
    return server.url;
  });
  if (servers.length === 0) throw new UserError(`${api.root}: servers: expected at least one server URL, the client's default base URL`);
  const source = commentText(relative(projectRoot, api.root));
  const about = commentText(`${document.info.title} ${document.info.version}`);
  const credentialOptions = Object.values(plan.schemes).flatMap(optionsOfPlan);
  // Layers named only where the spec needs them, so a bundler leaves the others out.
  const renews = auth.imports.includes('clientCredentials');
  const keyed = Object.values(resiliencePlan.operations).some((operation) => operation.idempotencyHeader !== undefined);
  const templated = Object.keys(document.paths ?? {}).some((path) => path.includes('{'));
  const queried = Object.keys(document.paths ?? {}).some((path) => path.includes('?'));
  const layers = [
    ...(keyed ? ['prepare: idempotencyKeys(resilience, options)'] : []),
    ...(templated ? ['guard: guardPath'] : []),
    ...(queried ? ['pathQuery: splitPathQuery'] : []),
  ];
  return `// Generated by \`npm run generate\` from ${source}. Do not edit: change the spec and regenerate.
import type { Client } from 'openapi-fetch';
import { ${['authenticatedClient', 'checkCredentials', ...(templated ? ['guardPath'] : []), ...(renews ? ['renewingFetch'] : []), 'sameOriginRedirects', ...(queried ? ['splitPathQuery'] : []), ...auth.imports].join(', ')}, type ClientAuth } from '../auth.js';
import { ${['deadlineFetch', ...(resiliencePlan.retryHint ? ['hintedMs'] : []), ...(keyed ? ['idempotencyKeys'] : []), 'resilientFetch'].join(', ')}, type ResilienceOptions, type ResiliencePlan } from '../resilience.js';
import type { paths } from './schema.js';

export type { paths as ${prefix}Paths } from './schema.js';
export { RedirectRefusedError } from '../auth.js';
export { ApiError, TimeoutError, callOptions, orThrow, type CallOptions, type RequestEvent, type ResponseEvent } from '../resilience.js';
export type ${prefix}Client = Client<paths>;

/** The servers the description lists; the first is the default base URL. */
export const ${id}Servers = [${servers.map(tsString).join(', ')}] as const;

/** Every option that carries a secret: read from the environment, never logged. */
export const ${id}CredentialOptions = [${credentialOptions.map(tsString).join(', ')}] as const;

export type ${prefix}Credentials = ${credentialTypes(plan, document)};

export type ${prefix}ClientOptions = ${prefix}Credentials & {
  /** Defaults to ${commentText(servers[0]!)}. */
  baseUrl?: string;
  /** A fetch of your own (for tests, proxies or instrumentation); it gets requests with \`redirect: 'manual'\` and must return redirects unfollowed. */
  fetch?: (request: Request) => Promise<Response>;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /** Clock in milliseconds, for token expiry. */
  now?: () => number;
} & ResilienceOptions;

/** How the spec's security schemes are applied, per operation. */
const auth: ClientAuth = ${auth.source};

/** Operations, idempotency keys, request id and retry hint, as the spec documents them. */
const resilience: ResiliencePlan = ${resilience};

/** A typed client for ${about}, authenticated as the spec declares. */
export function create${prefix}Client(options: ${prefix}ClientOptions): ${prefix}Client {
  checkCredentials(options, ${id}CredentialOptions);
  const baseUrl = options.baseUrl ?? ${id}Servers[0];
  // Every request, token requests included, leaves through the redirect guard: credentials stay on their origin.
  // Deadlines and retries wrap it${renews ? ' and the token renewal above it, so a renewal is part of its call and' : ', so'} each retry is guarded again.
  const fetch = resilientFetch(${renews ? 'renewingFetch(' : ''}sameOriginRedirects(options.fetch ?? deadlineFetch)${renews ? ')' : ''}, resilience, options${resiliencePlan.retryHint ? ', hintedMs' : ''});
  const headers = options.headers ? { headers: options.headers } : {};
  const context = { credentials: options, baseUrl, fetch, now: options.now ?? Date.now };
  return authenticatedClient<paths>({ baseUrl, fetch, ...headers }, auth, context${layers.length > 0 ? `, { ${layers.join(', ')} }` : ''});
}
`;
}
