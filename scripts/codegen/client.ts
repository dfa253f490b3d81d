/**
 * Renders `generated/<api>/client.ts`: a factory over openapi-fetch whose authentication is the
 * plan read off the spec's security schemes. Nothing in here knows any provider.
 */
import { relative } from 'node:path';
import { UserError } from '../lib/errors.ts';
import { listOperations, type OpenApiDocument, type SecuritySchemeObject } from '../lib/openapi.ts';
import type { ApiEntry } from '../lib/registry.ts';
import { projectRoot } from '../lib/registry.ts';
import type { AuthPlan, SchemePlan } from './auth-plan.ts';
import { rfc6749TokenRequest, tokenRequestOf } from './token-request.ts';
import { resiliencePlanOf } from './resilience-plan.ts';
import type { ResiliencePlan } from './resilience-runtime.ts';

export const authRuntimeModule = 'auth.ts';
/** The resilience runtime, beside the auth runtime one folder above the clients. */
export const resilienceRuntimeModule = 'resilience.ts';

interface CredentialOption {
  readonly name: string;
  readonly doc: string;
}

/** Spec text becomes a name in generated code only when it is an identifier; elsewhere it is quoted (commentText, tsString). */
const identifierPattern = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
/** An HTTP header (and cookie) name: an RFC 9110 token. */
const tokenPattern = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Options every factory takes besides credentials, and names no object may be keyed by safely. */
const reservedOptions = new Set([
  ...['baseUrl', 'fetch', 'headers', 'now', 'accessToken', 'clientId', 'clientSecret', '__proto__', 'constructor', 'prototype'],
  ...['timeoutMs', 'retries', 'retryBaseDelayMs', 'maxRetryDelayMs', 'idempotencyKeys', 'onRequest', 'onResponse'],
]);

export function pascalCase(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join('');
}

/** The scheme's x-client-option, which becomes a property name of the factory's options. */
function clientOption(where: string, option: unknown): string | undefined {
  if (option === undefined) return undefined;
  if (typeof option !== 'string' || !identifierPattern.test(option) || reservedOptions.has(option)) {
    throw new UserError(`${where}.x-client-option: expected a JavaScript identifier other than ${[...reservedOptions].join(', ')}, got ${JSON.stringify(option)}`);
  }
  return option;
}

function schemePlan(api: ApiEntry, name: string, scheme: SecuritySchemeObject, document: OpenApiDocument, specPaths: Set<string>): SchemePlan {
  const where = `${api.root}: components.securitySchemes.${JSON.stringify(name)}`;
  const option = clientOption(where, scheme['x-client-option']);
  if (scheme.type === 'apiKey') {
    if (!scheme.name || !scheme.in) throw new UserError(`${where}: expected \`name\` and \`in\` on an apiKey scheme`);
    if (!['header', 'query', 'cookie'].includes(scheme.in)) throw new UserError(`${where}.in: expected header, query or cookie, got ${JSON.stringify(scheme.in)}`);
    if (scheme.in !== 'query' && !tokenPattern.test(scheme.name)) {
      throw new UserError(`${where}.name: expected a ${scheme.in} name (letters, digits and !#$%&'*+-.^_\`|~), got ${JSON.stringify(scheme.name)}`);
    }
    if (!option) throw new UserError(`${where}: expected x-client-option, the client option that carries this key`);
    return { kind: 'apiKey', in: scheme.in, name: scheme.name, option };
  }
  if (scheme.type === 'http' && scheme.scheme?.toLowerCase() === 'bearer') {
    return { kind: 'bearer', option: option ?? 'token' };
  }
  if (scheme.type === 'http' && scheme.scheme?.toLowerCase() === 'basic') {
    return { kind: 'basic', usernameOption: 'username', passwordOption: 'password' };
  }
  const tokenUrl = scheme.type === 'oauth2' ? scheme.flows?.clientCredentials?.tokenUrl : undefined;
  if (tokenUrl) {
    let tokenPath: string;
    try {
      tokenPath = new URL(tokenUrl).pathname;
    } catch {
      throw new UserError(`${where}: flows.clientCredentials.tokenUrl: expected an absolute URL, got ${JSON.stringify(tokenUrl)}`);
    }
    const tokenUrlIsOperation = specPaths.has(tokenPath);
    const tokenRequest = tokenUrlIsOperation ? tokenRequestOf(document, tokenPath, where) : rfc6749TokenRequest;
    return { kind: 'clientCredentials', tokenUrl, tokenUrlIsOperation, tokenRequest };
  }
  throw new UserError(`${where}: expected an apiKey, http bearer/basic or oauth2 clientCredentials scheme (got ${JSON.stringify(scheme.type)})`);
}

/** The auth plan of a spec: schemes in use, the common requirement, and the operations that differ. */
export function authPlanOf(api: ApiEntry, document: OpenApiDocument): AuthPlan {
  const operations = listOperations(document);
  const requirementOf = (security: Array<Record<string, string[]>>): string[] => Object.keys(security[0] ?? {});
  const declared = document.components?.securitySchemes ?? {};
  const used = new Set(operations.flatMap((operation) => requirementOf(operation.security)));
  const specPaths = new Set(Object.keys(document.paths ?? {}));
  const schemes: Record<string, SchemePlan> = {};
  for (const name of used) {
    const scheme = declared[name];
    if (!scheme) throw new UserError(`${api.root}: security requirement names ${JSON.stringify(name)}, which components.securitySchemes lacks`);
    schemes[name] = schemePlan(api, name, scheme, document, specPaths);
  }
  const defaultRequirement = requirementOf(document.security ?? operations[0]?.security ?? []);
  const differing: Record<string, string[]> = {};
  for (const operation of operations) {
    const requirement = requirementOf(operation.security);
    if (requirement.join() !== defaultRequirement.join()) differing[`${operation.method.toUpperCase()} ${operation.path}`] = requirement;
  }
  return { schemes, defaultRequirement, operations: differing };
}

function credentialTypes(plan: AuthPlan, document: OpenApiDocument): string {
  const fields: CredentialOption[] = [];
  const alternatives: string[] = [];
  for (const [name, scheme] of Object.entries(plan.schemes)) {
    const about = commentText(document.components?.securitySchemes?.[name]?.description ?? '');
    if (scheme.kind === 'apiKey') fields.push({ name: scheme.option, doc: about || `Sent in the \`${scheme.name}\` ${scheme.in}.` });
    if (scheme.kind === 'bearer') fields.push({ name: scheme.option, doc: about || 'Sent as `Authorization: Bearer …`.' });
    if (scheme.kind === 'basic') {
      fields.push({ name: scheme.usernameOption, doc: 'HTTP Basic user name.' }, { name: scheme.passwordOption, doc: 'HTTP Basic password.' });
    }
    if (scheme.kind === 'clientCredentials') {
      alternatives.push(
        `{\n  /** An access token obtained elsewhere. ${about} */\n  accessToken: string;\n  clientId?: never;\n  clientSecret?: never;\n}`,
        `{\n  accessToken?: never;\n  /** OAuth 2.0 client id: the client fetches, caches and refreshes tokens itself. */\n  clientId: string;\n  /** OAuth 2.0 client secret. */\n  clientSecret: string;\n}`,
      );
    }
  }
  const base = `{\n${fields.map((field) => `  /** ${commentText(field.doc)} */\n  ${field.name}: string;\n`).join('')}}`;
  return alternatives.length === 0 ? base : `${base} & (${alternatives.join(' | ')})`;
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
  if (!identifierPattern.test(camel)) throw new UserError(`API name ${JSON.stringify(name)}: expected letters and digits, starting with a letter, to name the generated client`);
  return camel;
}

/** The runtime call that applies a scheme: its function name and arguments. */
function schemeCall(scheme: SchemePlan): [fn: string, args: Array<string | boolean | object>] {
  if (scheme.kind === 'apiKey') return [`apiKey${scheme.in[0]!.toUpperCase()}${scheme.in.slice(1)}`, [scheme.name, scheme.option]];
  if (scheme.kind === 'bearer') return ['bearer', [scheme.option]];
  if (scheme.kind === 'basic') return ['basic', [scheme.usernameOption, scheme.passwordOption]];
  return ['clientCredentials', [scheme.tokenUrl, scheme.tokenUrlIsOperation, scheme.tokenRequest]];
}

function renderAuth(plan: AuthPlan): { imports: string[]; source: string } {
  const calls = Object.entries(plan.schemes).map(([name, scheme]) => [name, schemeCall(scheme)] as const);
  // Objects (the token request) as JSON, which escapes every string it holds.
  const literal = (value: string | boolean | object) => (typeof value === 'string' ? tsString(value) : typeof value === 'object' ? JSON.stringify(value) : String(value));
  const list = (names: readonly string[]) => `[${names.map(tsString).join(', ')}]`;
  const schemes = calls.map(([name, [fn, args]]) => `    ${tsString(name)}: ${fn}(${args.map(literal).join(', ')}),`).join('\n');
  const operations = Object.entries(plan.operations).map(([key, names]) => `    ${tsString(key)}: ${list(names)},`).join('\n');
  return {
    imports: [...new Set(calls.map(([, [fn]]) => fn))].sort(),
    source: `{\n  schemes: {\n${schemes}\n  },\n  defaultRequirement: ${list(plan.defaultRequirement)},\n  operations: {${operations ? `\n${operations}\n  ` : ''}},\n}`,
  };
}

/** The resilience plan as a TypeScript literal: every spec string quoted by tsString. */
function renderResilience(plan: ResiliencePlan): string {
  const list = (names: readonly string[]) => `[${names.map(tsString).join(', ')}]`;
  const operations = Object.entries(plan.operations)
    .map(([key, { id, idempotencyHeader }]) => `    ${tsString(key)}: { id: ${tsString(id)}${idempotencyHeader === undefined ? '' : `, idempotencyHeader: ${tsString(idempotencyHeader)}`} },`)
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
  const resilience = renderResilience(resiliencePlanOf(document, plan));
  const id = camelCase(api.name);
  const prefix = pascalCase(api.name);
  const servers = (document.servers ?? []).map((server, index) => {
    if (typeof server.url !== 'string') throw new UserError(`${api.root}: servers[${index}].url: expected a string`);
    return server.url;
  });
  if (servers.length === 0) throw new UserError(`${api.root}: servers: expected at least one server URL, the client's default base URL`);
  const source = commentText(relative(projectRoot, api.root));
  const about = commentText(`${document.info.title} ${document.info.version}`);
  const credentialOptions = [
    ...Object.values(plan.schemes).flatMap((scheme) =>
      scheme.kind === 'apiKey' || scheme.kind === 'bearer'
        ? [scheme.option]
        : scheme.kind === 'basic'
          ? [scheme.usernameOption, scheme.passwordOption]
          : ['accessToken', 'clientId', 'clientSecret'],
    ),
  ];
  return `// Generated by \`npm run generate\` from ${source}. Do not edit: change the spec and regenerate.
import createClient, { type Client } from 'openapi-fetch';
import { ${['ResendableRequest', 'authMiddleware', 'checkCredentials', 'pathParameterGuard', 'sameOriginRedirects', ...auth.imports].join(', ')}, type ClientAuth } from '../auth.js';
import { deadlineFetch, operationNames, resilientFetch, type ResilienceOptions, type ResiliencePlan } from '../resilience.js';
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
  // Deadlines and retries wrap it, so each retry is guarded again.
  const fetch = resilientFetch(sameOriginRedirects(options.fetch ?? deadlineFetch), resilience, options);
  const client = createClient<paths>({ baseUrl, fetch, Request: ResendableRequest, redirect: 'manual', ...(options.headers ? { headers: options.headers } : {}) });
  client.use(pathParameterGuard, operationNames(authMiddleware(auth, { credentials: options, baseUrl, fetch, now: options.now ?? Date.now }), resilience, options));
  return client;
}
`;
}
