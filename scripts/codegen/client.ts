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

export const authRuntimeModule = 'auth.ts';

interface CredentialOption {
  readonly name: string;
  readonly doc: string;
}

export function pascalCase(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join('');
}

function schemePlan(api: ApiEntry, name: string, scheme: SecuritySchemeObject, document: OpenApiDocument, specPaths: Set<string>): SchemePlan {
  const where = `${api.root}: components.securitySchemes.${name}`;
  const option = scheme['x-client-option'];
  if (scheme.type === 'apiKey') {
    if (!scheme.name || !scheme.in) throw new UserError(`${where}: expected \`name\` and \`in\` on an apiKey scheme`);
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
      throw new UserError(`${where}: flows.clientCredentials.tokenUrl: expected an absolute URL, got ${tokenUrl}`);
    }
    const tokenUrlIsOperation = specPaths.has(tokenPath);
    const tokenRequest = tokenUrlIsOperation ? tokenRequestOf(document, tokenPath, where) : rfc6749TokenRequest;
    return { kind: 'clientCredentials', tokenUrl, tokenUrlIsOperation, tokenRequest };
  }
  throw new UserError(`${where}: expected an apiKey, http bearer/basic or oauth2 clientCredentials scheme (got ${scheme.type})`);
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
    if (!scheme) throw new UserError(`${api.root}: security requirement names ${name}, which components.securitySchemes lacks`);
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
    const about = (document.components?.securitySchemes?.[name]?.description ?? '').replace(/\s+/g, ' ').replaceAll('*/', '* /').trim();
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
  const base = `{\n${fields.map((field) => `  /** ${field.doc.trim()} */\n  ${field.name}: string;\n`).join('')}}`;
  return alternatives.length === 0 ? base : `${base} & (${alternatives.join(' | ')})`;
}

function tsString(value: string): string {
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
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

export function renderClient(api: ApiEntry, document: OpenApiDocument): string {
  const plan = authPlanOf(api, document);
  const auth = renderAuth(plan);
  const prefix = pascalCase(api.name);
  const servers = (document.servers ?? []).map((server) => server.url);
  if (servers.length === 0) throw new UserError(`${api.root}: servers: expected at least one server URL, the client's default base URL`);
  const source = relative(projectRoot, api.root);
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
import { ${['authMiddleware', ...auth.imports].join(', ')}, type ClientAuth } from '../auth.js';
import type { paths } from './schema.js';

export type { paths as ${prefix}Paths } from './schema.js';
export type ${prefix}Client = Client<paths>;

/** The servers the description lists; the first is the default base URL. */
export const ${api.name}Servers = [${servers.map(tsString).join(', ')}] as const;

/** Every option that carries a secret: read from the environment, never logged. */
export const ${api.name}CredentialOptions = [${credentialOptions.map(tsString).join(', ')}] as const;

export type ${prefix}Credentials = ${credentialTypes(plan, document)};

export type ${prefix}ClientOptions = ${prefix}Credentials & {
  /** Defaults to ${servers[0]}. */
  baseUrl?: string;
  /** A fetch of your own (for tests, proxies or instrumentation). */
  fetch?: (request: Request) => Promise<Response>;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /** Clock in milliseconds, for token expiry. */
  now?: () => number;
};

/** How the spec's security schemes are applied, per operation. */
const auth: ClientAuth = ${auth.source};

/** A typed client for ${document.info.title} ${document.info.version}, authenticated as the spec declares. */
export function create${prefix}Client(options: ${prefix}ClientOptions): ${prefix}Client {
  const baseUrl = options.baseUrl ?? ${api.name}Servers[0];
  const fetch = options.fetch ?? ((request: Request) => globalThis.fetch(request));
  const client = createClient<paths>({ baseUrl, fetch, ...(options.headers ? { headers: options.headers } : {}) });
  client.use(authMiddleware(auth, { credentials: options, baseUrl, fetch, now: options.now ?? Date.now }));
  return client;
}
`;
}
