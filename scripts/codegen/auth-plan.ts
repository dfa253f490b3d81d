/**
 * An API's authentication as data, read off its security schemes through the table of scheme
 * kinds (scheme-kinds.ts): what the client generator renders, and what tests, samples and the
 * contract runner use to know which credentials an API takes.
 */
import { UserError } from '../lib/errors.ts';
import { listOperations, type OpenApiDocument, type SecurityRequirement } from '../lib/openapi.ts';
import type { ApiEntry } from '../lib/registry.ts';
import { kindOfPlan, optionsOfPlan, schemeKindOf, schemeKinds } from './scheme-kinds.ts';

export type SchemePlan =
  | { readonly kind: 'apiKey'; readonly in: 'header' | 'query' | 'cookie'; readonly name: string; readonly option: string }
  | { readonly kind: 'bearer'; readonly option: string }
  | { readonly kind: 'basic'; readonly usernameOption: string; readonly passwordOption: string }
  | {
      readonly kind: 'clientCredentials';
      readonly tokenUrl: string;
      readonly tokenUrlIsOperation: boolean;
      readonly tokenRequest: TokenRequestPlan;
    }
  | { readonly kind: 'accessToken'; readonly option: string };

/**
 * The token request a client-credentials client sends: the token operation's media type, the
 * body fields filled from client options (field → option) and those with a fixed value.
 */
export interface TokenRequestPlan {
  readonly mediaType: 'application/json' | 'application/x-www-form-urlencoded';
  readonly fields: Readonly<Record<string, string>>;
  readonly constants?: Readonly<Record<string, string>>;
}

/** Security alternatives: any one list of scheme names satisfies; an empty list means none is needed. */
export type Requirement = readonly (readonly string[])[];

export interface AuthPlan {
  readonly schemes: Readonly<Record<string, SchemePlan>>;
  /** The alternatives every operation accepts, unless `operations` says otherwise. */
  readonly defaultRequirement: Requirement;
  /** Requirements of operations that differ from the default, keyed `METHOD /schema/path`. */
  readonly operations: Readonly<Record<string, Requirement>>;
  /** Schemes every operation needs, whichever alternative: their options are required in the client's type. */
  readonly requiredSchemes: readonly string[];
  /** Schemes that a set of credentials good for every operation holds: each operation's first alternative that needs any. */
  readonly credentialSchemes: readonly string[];
}

/** Spec text becomes a name in generated code only when it is an identifier. */
const identifierPattern = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
/** Options every factory takes besides credentials (the resilience options too), and names no object may be keyed by safely. */
const reservedOptions = new Set([
  ...['baseUrl', 'fetch', 'headers', 'now', '__proto__', 'constructor', 'prototype'],
  ...['timeoutMs', 'retries', 'retryBaseDelayMs', 'maxRetryDelayMs', 'idempotencyKeys', 'onRequest', 'onResponse'],
]);

/** `Admin-API key` → `adminAPIKey`: the option a scheme without x-client-option takes. */
function optionFromName(name: string): string {
  const words = name.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const joined = words
    .map((word, index) => (index === 0 ? word[0]!.toLowerCase() + word.slice(1) : word[0]!.toUpperCase() + word.slice(1)))
    .join('');
  return joined;
}

function checkedOption(where: string, option: unknown, from: string): string {
  if (typeof option !== 'string' || !identifierPattern.test(option) || reservedOptions.has(option)) {
    throw new UserError(
      `${where}${from}: expected a JavaScript identifier other than ${[...reservedOptions].join(', ')}, got ${JSON.stringify(option)}${from ? '' : ' (derived from the scheme name; set x-client-option)'}`,
    );
  }
  return option;
}

/** The requirement as alternatives of scheme names; no alternative at all means none is needed. */
function alternativesOf(security: readonly SecurityRequirement[]): Requirement {
  return security.length === 0 ? [[]] : security.map((requirement) => Object.keys(requirement));
}

const requirementKey = (requirement: Requirement): string => JSON.stringify(requirement);

/** The auth plan of a spec: schemes in use, the common requirement, and the operations that differ. */
export function authPlanOf(api: ApiEntry, document: OpenApiDocument): AuthPlan {
  const operations = listOperations(document);
  const declared = document.components?.securitySchemes ?? {};
  const requirements = operations.map((operation) => ({ operation, alternatives: alternativesOf(operation.security) }));
  const used = new Set(requirements.flatMap(({ alternatives }) => alternatives.flat()));
  const specPaths = new Set(Object.keys(document.paths ?? {}));
  const schemes: Record<string, SchemePlan> = {};
  const owners = new Map<string, string>();
  const tokenSchemes = [...used].filter(
    (name) => declared[name] && ['accessToken', 'clientCredentials'].includes(schemeKindOf(declared[name])?.kind ?? ''),
  );
  for (const name of used) {
    const scheme = declared[name];
    const where = `${api.root}: components.securitySchemes.${JSON.stringify(name)}`;
    if (!scheme)
      throw new UserError(`${api.root}: security requirement names ${JSON.stringify(name)}, which components.securitySchemes lacks`);
    const kind = schemeKindOf(scheme);
    if (!kind)
      throw new UserError(
        `${where}: expected one of the scheme kinds ${schemeKinds.map((entry) => entry.kind).join(', ')} (got type ${JSON.stringify(scheme.type)})`,
      );
    const explicit = scheme['x-client-option'];
    // A token the caller brings is `accessToken`, unless the API has several token schemes.
    const option =
      explicit !== undefined
        ? checkedOption(where, explicit, '.x-client-option')
        : kind.kind === 'accessToken' && tokenSchemes.length === 1
          ? 'accessToken'
          : checkedOption(where, optionFromName(name), '');
    const plan = kind.plan({ where, scheme, option, document, specPaths });
    for (const taken of optionsOfPlan(plan)) {
      const other = owners.get(taken);
      if (other !== undefined) {
        throw new UserError(
          `${api.root}: components.securitySchemes ${JSON.stringify(other)} and ${JSON.stringify(name)} both take the client option ${JSON.stringify(taken)}: give one of them an x-client-option of its own`,
        );
      }
      owners.set(taken, name);
    }
    schemes[name] = plan;
  }
  const defaultRequirement = alternativesOf(document.security ?? operations[0]?.security ?? []);
  const differing: Record<string, Requirement> = {};
  for (const { operation, alternatives } of requirements) {
    if (requirementKey(alternatives) !== requirementKey(defaultRequirement))
      differing[`${operation.method.toUpperCase()} ${operation.path}`] = alternatives;
  }
  // A scheme's own token operation (which needs no credential) does not make its credentials optional.
  const tokenPaths = new Set(
    Object.values(schemes).flatMap((plan) =>
      plan.kind === 'clientCredentials' && plan.tokenUrlIsOperation ? [new URL(plan.tokenUrl).pathname] : [],
    ),
  );
  const authenticated = requirements.filter(({ operation }) => !(operation.method === 'post' && tokenPaths.has(operation.path)));
  const requiredSchemes = [...used].filter((name) =>
    authenticated.every(({ alternatives }) => alternatives.every((alternative) => alternative.includes(name))),
  );
  const credentialSchemes = [
    ...new Set(requirements.flatMap(({ alternatives }) => alternatives.find((alternative) => alternative.length > 0) ?? [])),
  ];
  return { schemes, defaultRequirement, operations: differing, requiredSchemes, credentialSchemes };
}

/** Alternative sets of client options good for every operation: one choice per scheme a full set of credentials holds. */
export function credentialSets(plan: AuthPlan): string[][] {
  let sets: string[][] = [[]];
  for (const name of plan.credentialSchemes) {
    const scheme = plan.schemes[name]!;
    const choices = kindOfPlan(scheme).credentialSets(scheme);
    sets = sets.flatMap((set) => choices.map((choice) => [...set, ...choice]));
  }
  return sets;
}
