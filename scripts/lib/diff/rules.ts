/**
 * The rule registry: every change the checker can report, with its stable id, its default level
 * and one line of description. Schema rules exist twice, once per direction, because the same
 * edit breaks on one side and is safe on the other: `request-*` rules judge what the client sends
 * (operation requests, webhook responses), `response-*` rules what it reads (operation responses,
 * webhook requests).
 */
import type { Direction, Level, LevelOverrides, RuleDefinition } from './types.ts';

/** A schema change and its level on each side. */
interface SchemaChange {
  readonly change: string;
  /** `null`: the change cannot happen on that side. */
  readonly request: Level | null;
  readonly response: Level | null;
  readonly description: string;
}

const schemaChange = (change: string, request: Level | null, response: Level | null, description: string): SchemaChange => ({
  change,
  request,
  response,
  description,
});

/** Numeric bounds: `max*` narrow when lowered, `min*` when raised. */
export const boundKeywords = [
  ['maxLength', 'max-length'],
  ['minLength', 'min-length'],
  ['maximum', 'maximum'],
  ['minimum', 'minimum'],
  ['exclusiveMaximum', 'exclusive-maximum'],
  ['exclusiveMinimum', 'exclusive-minimum'],
  ['maxItems', 'max-items'],
  ['minItems', 'min-items'],
  ['maxProperties', 'max-properties'],
  ['minProperties', 'min-properties'],
  ['maxContains', 'max-contains'],
  ['minContains', 'min-contains'],
] as const;

/**
 * Keywords holding subschemas (or lists of names) that constrain a value further: adding one
 * narrows, removing one widens, and matched ones are compared inside.
 */
export const constraintKeywords = [
  ['contains', 'contains', 'breaking'],
  ['prefixItems', 'prefix-items', 'breaking'],
  ['dependentRequired', 'dependent-required', 'breaking'],
  ['dependentSchemas', 'dependent-schemas', 'breaking'],
  ['if', 'if', 'breaking'],
  ['not', 'not', 'breaking'],
  ['contentSchema', 'content-schema', 'breaking'],
  ['propertyNames', 'property-names', 'warning'],
  ['patternProperties', 'pattern-properties', 'warning'],
  ['additionalProperties', 'additional-properties', 'warning'],
  ['unevaluatedProperties', 'unevaluated-properties', 'warning'],
  ['unevaluatedItems', 'unevaluated-items', 'warning'],
] as const;

const schemaChanges: SchemaChange[] = [
  schemaChange('type-changed', 'breaking', 'breaking', 'the type changed to one that neither admits all values of the other'),
  schemaChange('type-narrowed', 'breaking', 'info', 'the type admits fewer kinds of value (e.g. number → integer)'),
  schemaChange('type-widened', 'info', 'breaking', 'the type admits more kinds of value (e.g. integer → number)'),
  schemaChange('became-nullable', 'info', 'breaking', 'null became a valid value'),
  schemaChange('became-not-nullable', 'breaking', 'info', 'null is no longer a valid value'),
  schemaChange('enum-value-added', 'info', 'warning', 'a value was added to an enum'),
  schemaChange('enum-value-removed', 'breaking', 'info', 'a value was removed from an enum'),
  schemaChange('enum-added', 'breaking', 'info', 'values became restricted to an enum'),
  schemaChange('enum-removed', 'info', 'warning', 'values are no longer restricted to an enum'),
  schemaChange('const-added', 'breaking', 'info', 'the value became fixed by const'),
  schemaChange('const-removed', 'info', 'warning', 'the value is no longer fixed by const'),
  schemaChange('const-changed', 'breaking', 'breaking', 'the const value changed'),
  ...boundKeywords.flatMap(([keyword, name]) => [
    schemaChange(`${name}-added`, 'warning', 'info', `${keyword} was set`),
    schemaChange(`${name}-tightened`, 'breaking', 'info', `${keyword} now admits fewer values`),
    schemaChange(`${name}-relaxed`, 'info', 'warning', `${keyword} now admits more values, or was removed`),
  ]),
  schemaChange('pattern-added', 'warning', 'info', 'a pattern was set (an empty pattern or `.*` counts as none)'),
  schemaChange('pattern-changed', 'warning', 'info', 'the pattern changed'),
  schemaChange('pattern-removed', 'info', 'warning', 'the pattern was removed or widened to match anything'),
  schemaChange('format-added', 'warning', 'info', 'a format was set'),
  schemaChange('format-changed', 'breaking', 'warning', 'the format changed'),
  schemaChange('format-removed', 'info', 'warning', 'the format was removed'),
  schemaChange('content-media-type-changed', 'breaking', 'breaking', 'contentMediaType was set, changed or removed'),
  schemaChange('content-encoding-changed', 'breaking', 'breaking', 'contentEncoding was set, changed or removed'),
  schemaChange('property-added', 'info', 'info', 'an optional property was added (any property, in a response)'),
  schemaChange('property-added-required', 'breaking', 'info', 'a required property was added'),
  schemaChange('property-removed', 'warning', 'warning', 'an optional property was removed'),
  schemaChange('required-property-removed', 'warning', 'breaking', 'a required property was removed'),
  schemaChange(
    'property-removed-from-closed-object',
    'breaking',
    null,
    'a property was removed from an object whose additionalProperties or unevaluatedProperties is false',
  ),
  schemaChange('property-became-required', 'breaking', 'info', 'a property became required'),
  schemaChange('property-became-optional', 'info', 'breaking', 'a property became optional'),
  schemaChange('property-became-read-only', 'warning', null, 'a property became readOnly, so it leaves requests'),
  schemaChange('property-became-write-only', null, 'warning', 'a property became writeOnly, so it leaves responses'),
  schemaChange('object-closed', 'warning', 'info', 'additionalProperties or unevaluatedProperties became false'),
  schemaChange('object-opened', 'info', 'info', 'additionalProperties or unevaluatedProperties is no longer false'),
  schemaChange('array-closed', 'warning', 'info', 'items or unevaluatedItems became false'),
  schemaChange('array-opened', 'info', 'info', 'items or unevaluatedItems is no longer false'),
  ...constraintKeywords.flatMap(([keyword, name, requestLevel]) => [
    schemaChange(`${name}-added`, requestLevel, 'info', `${keyword} was added (or an entry of it)`),
    schemaChange(`${name}-removed`, 'info', 'warning', `${keyword} was removed (or an entry of it)`),
  ]),
  schemaChange('variant-added', 'info', 'warning', 'a oneOf/anyOf variant was added'),
  schemaChange('variant-removed', 'breaking', 'info', 'a oneOf/anyOf variant was removed'),
  schemaChange('composition-added', 'breaking', 'info', 'oneOf/anyOf was added around the schema'),
  schemaChange('composition-removed', 'info', 'warning', 'oneOf/anyOf was removed'),
  schemaChange('became-deprecated', 'info', 'info', 'a schema or property became deprecated'),
  schemaChange('default-added', 'info', 'info', 'a default value was set'),
  schemaChange('default-changed', 'warning', 'info', 'the default value changed'),
  schemaChange('default-removed', 'warning', 'info', 'the default value was removed'),
];

const rule = (id: string, level: Level, description: string): RuleDefinition => ({ id, level, description });

const documentRules: RuleDefinition[] = [
  rule('operation-removed', 'breaking', 'an operation was removed (or was deprecated with a sunset not yet past)'),
  rule('deprecated-operation-removed', 'info', 'an operation deprecated with an x-sunset date in the past was removed'),
  rule('operation-added', 'info', 'an operation was added'),
  rule('operation-deprecated', 'info', 'an operation became deprecated'),
  rule('operation-id-changed', 'warning', 'the operationId changed (SDKs name methods after it)'),
  rule('webhook-removed', 'breaking', 'a webhook was removed'),
  rule('webhook-added', 'info', 'a webhook was added'),
  rule('request-parameter-removed', 'breaking', 'a parameter was removed (or was deprecated with a sunset not yet past)'),
  rule('deprecated-request-parameter-removed', 'info', 'a parameter deprecated with an x-sunset date in the past was removed'),
  rule('request-parameter-added', 'info', 'an optional parameter was added'),
  rule('request-parameter-added-required', 'breaking', 'a required parameter was added'),
  rule('request-parameter-became-required', 'breaking', 'a parameter became required'),
  rule('request-parameter-became-optional', 'info', 'a parameter became optional'),
  rule('request-parameter-deprecated', 'info', 'a parameter became deprecated'),
  rule('request-parameter-style-changed', 'breaking', "a parameter's style or explode changed, so clients serialise it differently"),
  rule('request-body-added', 'info', 'an optional request body was added'),
  rule('request-body-added-required', 'breaking', 'a required request body was added'),
  rule('request-body-removed', 'breaking', 'the request body was removed'),
  rule('request-body-became-required', 'breaking', 'the request body became required'),
  rule('request-body-became-optional', 'info', 'the request body became optional'),
  rule('request-media-type-removed', 'breaking', 'a request media type was removed'),
  rule('request-media-type-added', 'info', 'a request media type was added'),
  rule('response-success-status-removed', 'breaking', 'a 1xx/2xx/3xx response was removed'),
  rule('response-status-removed', 'warning', 'a 4xx/5xx or default response was removed'),
  rule('response-status-added', 'info', 'a response status was added'),
  rule('response-media-type-removed', 'breaking', 'a response media type was removed'),
  rule('response-media-type-added', 'info', 'a response media type was added'),
  rule('response-required-header-removed', 'breaking', 'a required response header was removed'),
  rule('response-header-removed', 'warning', 'an optional response header was removed'),
  rule('response-header-added', 'info', 'a response header was added'),
  rule('response-header-became-optional', 'breaking', 'a response header is no longer required'),
  rule('response-header-became-required', 'info', 'a response header became required'),
  rule('security-requirement-added', 'breaking', 'an operation that needed no credentials now needs some'),
  rule('security-requirement-removed', 'info', 'an operation no longer needs credentials'),
  rule('security-alternative-removed', 'breaking', 'one way of authenticating an operation was removed'),
  rule('security-alternative-added', 'info', 'a new way of authenticating an operation was added'),
  rule('security-scope-added', 'breaking', "an operation's security requirement needs an additional OAuth scope"),
  rule('security-scope-removed', 'info', "an operation's security requirement needs fewer OAuth scopes"),
  rule('security-scheme-removed', 'breaking', 'a security scheme was removed'),
  rule('security-scheme-added', 'info', 'a security scheme was added'),
  rule('security-scheme-changed', 'breaking', 'a security scheme changed how credentials are sent or obtained'),
  rule('oauth-scope-removed', 'breaking', 'a scope was removed from an OAuth flow'),
  rule('oauth-scope-added', 'info', 'a scope was added to an OAuth flow'),
  rule(
    'default-server-changed',
    'warning',
    'servers[0] changed (of the document, or of an operation or path that has its own): default clients move to another host',
  ),
  rule('server-removed', 'warning', 'a server other than the first was removed'),
  rule('server-added', 'info', 'a server was added'),
  rule('documentation-changed', 'info', 'no contract change; descriptions, examples or other metadata differ'),
];

/** Every rule, schema rules first (request, then response), then document rules. */
export const rules: readonly RuleDefinition[] = [
  ...(['request', 'response'] as const).flatMap((direction) =>
    schemaChanges.flatMap((change) => {
      const level = change[direction];
      return level === null
        ? []
        : [
            rule(
              `${direction}-${change.change}`,
              level,
              `${change.description}, in what the client ${direction === 'request' ? 'sends' : 'reads'}`,
            ),
          ];
    }),
  ),
  ...documentRules,
];

export const ruleById: ReadonlyMap<string, RuleDefinition> = new Map(rules.map((definition) => [definition.id, definition]));

/** The id of a schema change on one side. */
export function schemaRuleId(direction: Direction, change: string): string {
  return `${direction}-${change}`;
}

/** A rule's level after the project's overrides. */
export function levelOf(id: string, overrides?: LevelOverrides): Level {
  const definition = ruleById.get(id);
  if (!definition) throw new Error(`no rule ${id} in the registry`);
  return overrides?.get(id) ?? definition.level;
}
