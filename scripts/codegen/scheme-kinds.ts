/**
 * The one table of security-scheme kinds. Each entry states, for one kind of scheme, everything
 * the toolchain derives from it: which schemes it covers, the client options it takes (the
 * environment variables are named after them, scripts/lib/credentials.ts), the runtime function
 * that applies it (generated/auth.ts), and how docs and code samples describe it. The mock and
 * the contract suite treat every kind alike: Prism answers 401 when the scheme's credential is
 * absent, and the suite's "without credentials" call omits them all, for operations whose every
 * security alternative needs one (scripts/lib/contract/api.ts `isSecured`). Adding a kind is
 * adding one entry here.
 */
import { UserError } from '../lib/errors.ts';
import type { OpenApiDocument, SecuritySchemeObject } from '../lib/openapi.ts';
import type { SchemePlan } from './auth-plan.ts';
import { rfc6749TokenRequest, tokenRequestOf } from './token-request.ts';

/** What an entry gets to build a scheme's plan from. */
export interface SchemeInput {
  /** `<root>: components.securitySchemes."<name>"`, the start of every error message. */
  readonly where: string;
  readonly scheme: SecuritySchemeObject;
  /** The client option this scheme's credential takes: x-client-option, else derived from the scheme's name. */
  readonly option: string;
  readonly document: OpenApiDocument;
  readonly specPaths: ReadonlySet<string>;
}

export interface SchemeKind<Plan extends SchemePlan = SchemePlan> {
  readonly kind: Plan['kind'];
  /** Whether a security scheme object is of this kind. */
  matches(scheme: SecuritySchemeObject): boolean;
  /** The scheme as data, checked (a UserError names the field and what was expected). */
  plan(input: SchemeInput): Plan;
  /** Alternative sets of client options, any one of which authenticates with this scheme. */
  credentialSets(plan: Plan): string[][];
  /** The runtime function (exported by generated/auth.ts) and its arguments. */
  runtime(plan: Plan): [fn: string, args: Array<string | boolean | object>];
  /** How docs, code samples and the client's option comments describe the credential. */
  display(plan: Plan): string;
  /** Options described on their own in the client's type (the others by the scheme's description, else `display`). */
  readonly optionDocs?: Readonly<Record<string, string>>;
}

/** An HTTP header (and cookie) name: an RFC 9110 token. */
const tokenPattern = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** An absolute URL's path and query: what stays of it when it is called under another base URL. */
function pathAndQuery(url: string): string {
  const { pathname, search } = new URL(url);
  return `${pathname}${search}`;
}

const apiKey: SchemeKind<Extract<SchemePlan, { kind: 'apiKey' }>> = {
  kind: 'apiKey',
  matches: (scheme) => scheme.type === 'apiKey',
  plan({ where, scheme, option }) {
    if (!scheme.name || !scheme.in) throw new UserError(`${where}: expected \`name\` and \`in\` on an apiKey scheme`);
    if (!['header', 'query', 'cookie'].includes(scheme.in))
      throw new UserError(`${where}.in: expected header, query or cookie, got ${JSON.stringify(scheme.in)}`);
    if (scheme.in !== 'query' && !tokenPattern.test(scheme.name)) {
      throw new UserError(
        `${where}.name: expected a ${scheme.in} name (letters, digits and !#$%&'*+-.^_\`|~), got ${JSON.stringify(scheme.name)}`,
      );
    }
    return { kind: 'apiKey', in: scheme.in as 'header' | 'query' | 'cookie', name: scheme.name, option };
  },
  credentialSets: (plan) => [[plan.option]],
  runtime: (plan) => [`apiKey${plan.in[0]!.toUpperCase()}${plan.in.slice(1)}`, [plan.name, plan.option]],
  display: (plan) => `Sent in the \`${plan.name}\` ${plan.in}.`,
};

const bearer: SchemeKind<Extract<SchemePlan, { kind: 'bearer' }>> = {
  kind: 'bearer',
  matches: (scheme) => scheme.type === 'http' && scheme.scheme?.toLowerCase() === 'bearer',
  plan: ({ option }) => ({ kind: 'bearer', option }),
  credentialSets: (plan) => [[plan.option]],
  runtime: (plan) => ['bearer', [plan.option]],
  display: () => 'Sent as `Authorization: Bearer …`.',
};

const basic: SchemeKind<Extract<SchemePlan, { kind: 'basic' }>> = {
  kind: 'basic',
  matches: (scheme) => scheme.type === 'http' && scheme.scheme?.toLowerCase() === 'basic',
  // One basic scheme takes `username` and `password`; x-client-option prefixes them (`adminUsername`).
  plan: ({ scheme, option }) =>
    typeof scheme['x-client-option'] === 'string'
      ? { kind: 'basic', usernameOption: `${option}Username`, passwordOption: `${option}Password` }
      : { kind: 'basic', usernameOption: 'username', passwordOption: 'password' },
  credentialSets: (plan) => [[plan.usernameOption, plan.passwordOption]],
  runtime: (plan) => ['basic', [plan.usernameOption, plan.passwordOption]],
  display: () => 'HTTP Basic: sent as `Authorization: Basic …`.',
  optionDocs: { username: 'HTTP Basic user name.', password: 'HTTP Basic password.' },
};

const clientCredentials: SchemeKind<Extract<SchemePlan, { kind: 'clientCredentials' }>> = {
  kind: 'clientCredentials',
  matches: (scheme) => scheme.type === 'oauth2' && scheme.flows?.clientCredentials?.tokenUrl !== undefined,
  plan({ where, scheme, document, specPaths }) {
    const tokenUrl = scheme.flows!.clientCredentials!.tokenUrl!;
    let tokenPath: string;
    try {
      tokenPath = new URL(tokenUrl).pathname;
    } catch {
      throw new UserError(`${where}: flows.clientCredentials.tokenUrl: expected an absolute URL, got ${JSON.stringify(tokenUrl)}`);
    }
    const tokenUrlIsOperation = specPaths.has(tokenPath);
    const tokenRequest = tokenUrlIsOperation ? tokenRequestOf(document, tokenPath, where) : rfc6749TokenRequest;
    return { kind: 'clientCredentials', tokenUrl, tokenUrlIsOperation, tokenRequest };
  },
  credentialSets: () => [['accessToken'], ['clientId', 'clientSecret']],
  // The API's own token operation as its path (and query), which the client calls under its base URL.
  runtime: (plan) => ['clientCredentials', [plan.tokenUrlIsOperation ? pathAndQuery(plan.tokenUrl) : plan.tokenUrl, plan.tokenRequest]],
  display: () => 'OAuth 2.0 client credentials: an access token, or a client id and secret the client fetches tokens with.',
  optionDocs: {
    clientId: 'OAuth 2.0 client id: the client fetches, caches and refreshes tokens itself.',
    clientSecret: 'OAuth 2.0 client secret.',
  },
};

/** OAuth 2.0 flows the client cannot run itself (authorization code, implicit, password) and OpenID Connect: the caller brings the token. */
const accessToken: SchemeKind<Extract<SchemePlan, { kind: 'accessToken' }>> = {
  kind: 'accessToken',
  matches: (scheme) => scheme.type === 'oauth2' || scheme.type === 'openIdConnect',
  plan: ({ option }) => ({ kind: 'accessToken', option }),
  credentialSets: (plan) => [[plan.option]],
  runtime: (plan) => ['bearer', [plan.option]],
  display: () => 'An OAuth 2.0 / OpenID Connect access token obtained elsewhere, sent as `Authorization: Bearer …`.',
};

/** Every kind, tried in order: the first that matches a scheme takes it. */
export const schemeKinds: readonly SchemeKind[] = [
  apiKey,
  bearer,
  basic,
  clientCredentials,
  accessToken,
] as unknown as readonly SchemeKind[];

export function schemeKindOf(scheme: SecuritySchemeObject): SchemeKind | undefined {
  return schemeKinds.find((kind) => kind.matches(scheme));
}

/** The table entry of a plan already made. */
export function kindOfPlan(plan: SchemePlan): SchemeKind {
  return schemeKinds.find((kind) => kind.kind === plan.kind)!;
}

/** The client options a scheme's plan takes, every alternative together. */
export function optionsOfPlan(plan: SchemePlan): string[] {
  return [...new Set(kindOfPlan(plan).credentialSets(plan).flat())];
}
