/**
 * An API's authentication as data, read off its security schemes: what the client generator
 * renders, and what tests, samples and the contract runner use to know which credentials an API takes.
 */
export type SchemePlan =
  | { readonly kind: 'apiKey'; readonly in: 'header' | 'query' | 'cookie'; readonly name: string; readonly option: string }
  | { readonly kind: 'bearer'; readonly option: string }
  | { readonly kind: 'basic'; readonly usernameOption: string; readonly passwordOption: string }
  | { readonly kind: 'clientCredentials'; readonly tokenUrl: string; readonly tokenUrlIsOperation: boolean; readonly tokenRequest: TokenRequestPlan };

/**
 * The token request a client-credentials client sends: the token operation's media type, the
 * body fields filled from client options (field → option) and those with a fixed value.
 */
export interface TokenRequestPlan {
  readonly mediaType: 'application/json' | 'application/x-www-form-urlencoded';
  readonly fields: Readonly<Record<string, string>>;
  readonly constants?: Readonly<Record<string, string>>;
}

export interface AuthPlan {
  readonly schemes: Readonly<Record<string, SchemePlan>>;
  /** The schemes every operation needs, unless `operations` says otherwise. */
  readonly defaultRequirement: readonly string[];
  /** Requirements of operations that differ from the default, keyed `METHOD /schema/path`. */
  readonly operations: Readonly<Record<string, readonly string[]>>;
}
