/** One base/head pair per document rule: operations, parameters, bodies, responses, security, servers, webhooks. */
import type { DocumentParts } from './helpers.ts';

export interface DocumentCase {
  readonly name: string;
  readonly before: DocumentParts;
  readonly after: DocumentParts;
  /** Expected `id:level`, in any order. */
  readonly expected: string[];
}

const ok = { '200': { description: 'ok' } };
const getY = (extra: Record<string, unknown> = {}) => ({ '/v1/y': { get: { operationId: 'y_list', responses: ok, ...extra } } });
const query = (name: string, extra: Record<string, unknown> = {}) => ({ name, in: 'query', schema: { type: 'string' }, ...extra });
const body = (types: string[], required = true) => ({
  operation: { requestBody: { required, content: Object.fromEntries(types.map((type) => [type, { schema: { type: 'object' } }])) } },
});
const responses = (statuses: Record<string, unknown>) => ({ responses: statuses });
const json = { content: { 'application/json': { schema: { type: 'object' } } } };
const header = (required: boolean, schema: Record<string, unknown> = { type: 'string' }) => ({ 'x-request-id': { required, schema } });
const oauth = (scopes: Record<string, string>, tokenUrl = 'https://auth.example.com/token') => ({
  OAuth: { type: 'oauth2', flows: { clientCredentials: { tokenUrl, scopes } } },
});
const renamed = (name: string) => ({
  [`/v1/y/{${name}}`]: {
    get: { operationId: 'y_get', parameters: [{ name, in: 'path', required: true, schema: { type: 'string' } }], responses: ok },
  },
});

export const documentCases: DocumentCase[] = [
  { name: 'operation removed', before: { extraPaths: getY() }, after: {}, expected: ['operation-removed:breaking'] },
  {
    name: 'deprecated operation removed without a sunset',
    before: { extraPaths: getY({ deprecated: true }) },
    after: {},
    expected: ['operation-removed:breaking'],
  },
  {
    name: 'deprecated operation removed before its sunset',
    before: { extraPaths: getY({ deprecated: true, 'x-sunset': '2027-01-01' }) },
    after: {},
    expected: ['operation-removed:breaking'],
  },
  {
    name: 'deprecated operation removed after its sunset',
    before: { extraPaths: getY({ deprecated: true, 'x-sunset': '2026-01-01' }) },
    after: {},
    expected: ['deprecated-operation-removed:info'],
  },
  { name: 'operation added', before: {}, after: { extraPaths: getY() }, expected: ['operation-added:info'] },
  { name: 'operation deprecated', before: {}, after: { operation: { deprecated: true } }, expected: ['operation-deprecated:info'] },
  { name: 'operationId changed', before: {}, after: { operation: { operationId: 'x_make' } }, expected: ['operation-id-changed:warning'] },
  {
    name: 'path parameter renamed is no contract change',
    before: { extraPaths: renamed('id') },
    after: { extraPaths: renamed('yId') },
    expected: ['documentation-changed:info'],
  },
  {
    name: 'webhook removed',
    before: { webhooks: { paid: { post: { responses: ok } } } },
    after: {},
    expected: ['webhook-removed:breaking'],
  },
  { name: 'webhook added', before: {}, after: { webhooks: { paid: { post: { responses: ok } } } }, expected: ['webhook-added:info'] },
  { name: 'parameter removed', before: { parameters: [query('limit')] }, after: {}, expected: ['request-parameter-removed:breaking'] },
  {
    name: 'deprecated parameter removed after its sunset',
    before: { parameters: [query('limit', { deprecated: true, 'x-sunset': '2026-01-01' })] },
    after: {},
    expected: ['deprecated-request-parameter-removed:info'],
  },
  {
    name: 'deprecated parameter removed without a sunset',
    before: { parameters: [query('limit', { deprecated: true })] },
    after: {},
    expected: ['request-parameter-removed:breaking'],
  },
  { name: 'optional parameter added', before: {}, after: { parameters: [query('limit')] }, expected: ['request-parameter-added:info'] },
  {
    name: 'required parameter added',
    before: {},
    after: { parameters: [query('limit', { required: true })] },
    expected: ['request-parameter-added-required:breaking'],
  },
  {
    name: 'parameter became required',
    before: { parameters: [query('limit')] },
    after: { parameters: [query('limit', { required: true })] },
    expected: ['request-parameter-became-required:breaking'],
  },
  {
    name: 'parameter became optional',
    before: { parameters: [query('limit', { required: true })] },
    after: { parameters: [query('limit')] },
    expected: ['request-parameter-became-optional:info'],
  },
  {
    name: 'parameter deprecated',
    before: { parameters: [query('limit')] },
    after: { parameters: [query('limit', { deprecated: true })] },
    expected: ['request-parameter-deprecated:info'],
  },
  {
    name: 'parameter explode changed',
    before: { parameters: [query('ids')] },
    after: { parameters: [query('ids', { explode: false })] },
    expected: ['request-parameter-style-changed:breaking'],
  },
  {
    name: 'parameter style spelled out as its default is no change',
    before: { parameters: [query('ids')] },
    after: { parameters: [query('ids', { style: 'form', explode: true })] },
    expected: ['documentation-changed:info'],
  },
  {
    name: 'parameter style changed',
    before: { parameters: [query('ids')] },
    after: { parameters: [query('ids', { style: 'pipeDelimited' })] },
    expected: ['request-parameter-style-changed:breaking'],
  },
  {
    name: 'an operation’s own default server changed',
    before: { servers: [{ url: 'https://api.example.com' }], operation: { servers: [{ url: 'https://files.example.com' }] } },
    after: { servers: [{ url: 'https://api.example.com' }], operation: { servers: [{ url: 'https://uploads.example.com' }] } },
    expected: ['default-server-changed:warning'],
  },
  {
    name: 'an operation that keeps its own server is not moved by the document’s',
    before: { servers: [{ url: 'https://api.example.com' }], operation: { servers: [{ url: 'https://files.example.com' }] } },
    after: { servers: [{ url: 'https://api.example.org' }], operation: { servers: [{ url: 'https://files.example.com' }] } },
    expected: ['default-server-changed:warning'],
  },
  {
    name: 'header parameter names are case-insensitive',
    before: { parameters: [{ name: 'X-Trace', in: 'header', schema: { type: 'string' } }] },
    after: { parameters: [{ name: 'x-trace', in: 'header', schema: { type: 'string' } }] },
    expected: ['documentation-changed:info'],
  },
  { name: 'optional request body added', before: {}, after: body(['application/json'], false), expected: ['request-body-added:info'] },
  {
    name: 'required request body added',
    before: {},
    after: body(['application/json']),
    expected: ['request-body-added-required:breaking'],
  },
  { name: 'request body removed', before: body(['application/json']), after: {}, expected: ['request-body-removed:breaking'] },
  {
    name: 'request body became required',
    before: body(['application/json'], false),
    after: body(['application/json']),
    expected: ['request-body-became-required:breaking'],
  },
  {
    name: 'request body became optional',
    before: body(['application/json']),
    after: body(['application/json'], false),
    expected: ['request-body-became-optional:info'],
  },
  {
    name: 'request media type removed',
    before: body(['application/json', 'application/xml']),
    after: body(['application/json']),
    expected: ['request-media-type-removed:breaking'],
  },
  {
    name: 'request media type added',
    before: body(['application/json']),
    after: body(['application/json', 'application/xml']),
    expected: ['request-media-type-added:info'],
  },
  {
    name: 'success status removed',
    before: responses({ '200': { description: 'ok' }, '201': { description: 'made' } }),
    after: responses({ '200': { description: 'ok' } }),
    expected: ['response-success-status-removed:breaking'],
  },
  {
    name: 'error status removed',
    before: responses({ '200': { description: 'ok' }, '404': { description: 'none' } }),
    after: responses({ '200': { description: 'ok' } }),
    expected: ['response-status-removed:warning'],
  },
  {
    name: 'status added',
    before: responses({ '200': { description: 'ok' } }),
    after: responses({ '200': { description: 'ok' }, '409': { description: 'clash' } }),
    expected: ['response-status-added:info'],
  },
  {
    name: 'response media type removed',
    before: responses({ '200': { description: 'ok', ...json } }),
    after: responses({ '200': { description: 'ok' } }),
    expected: ['response-media-type-removed:breaking'],
  },
  {
    name: 'response media type added',
    before: responses({ '200': { description: 'ok' } }),
    after: responses({ '200': { description: 'ok', ...json } }),
    expected: ['response-media-type-added:info'],
  },
  {
    name: 'required response header removed',
    before: { responseHeaders: header(true) },
    after: {},
    expected: ['response-required-header-removed:breaking'],
  },
  {
    name: 'optional response header removed',
    before: { responseHeaders: header(false) },
    after: {},
    expected: ['response-header-removed:warning'],
  },
  { name: 'response header added', before: {}, after: { responseHeaders: header(false) }, expected: ['response-header-added:info'] },
  {
    name: 'response header became optional',
    before: { responseHeaders: header(true) },
    after: { responseHeaders: header(false) },
    expected: ['response-header-became-optional:breaking'],
  },
  {
    name: 'response header became required',
    before: { responseHeaders: header(false) },
    after: { responseHeaders: header(true) },
    expected: ['response-header-became-required:info'],
  },
  {
    name: 'response header schema: a new enum value is a response change',
    before: { responseHeaders: header(true, { type: 'string', enum: ['a'] }) },
    after: { responseHeaders: header(true, { type: 'string', enum: ['a', 'b'] }) },
    expected: ['response-enum-value-added:warning'],
  },
  {
    name: 'security required where none was',
    before: {},
    after: { security: [{ Key: [] }] },
    expected: ['security-requirement-added:breaking'],
  },
  {
    name: 'security no longer required',
    before: { security: [{ Key: [] }] },
    after: { security: [] },
    expected: ['security-requirement-removed:info'],
  },
  {
    name: 'operation security overrides the document’s',
    before: { rootSecurity: [{ Key: [] }] },
    after: { rootSecurity: [{ Key: [] }], security: [{ Bearer: [] }] },
    expected: ['security-alternative-removed:breaking', 'security-alternative-added:info'],
  },
  {
    name: 'security alternative removed',
    before: { security: [{ Key: [] }, { Bearer: [] }] },
    after: { security: [{ Key: [] }] },
    expected: ['security-alternative-removed:breaking'],
  },
  {
    name: 'anonymous access removed',
    before: { security: [{ Key: [] }, {}] },
    after: { security: [{ Key: [] }] },
    expected: ['security-alternative-removed:breaking'],
  },
  {
    name: 'security alternative added',
    before: { security: [{ Key: [] }] },
    after: { security: [{ Key: [] }, { Bearer: [] }] },
    expected: ['security-alternative-added:info'],
  },
  {
    name: 'security scope added to a requirement',
    before: { securitySchemes: oauth({ read: 'r', write: 'w' }), security: [{ OAuth: ['read'] }] },
    after: { securitySchemes: oauth({ read: 'r', write: 'w' }), security: [{ OAuth: ['read', 'write'] }] },
    expected: ['security-scope-added:breaking'],
  },
  {
    name: 'security scope removed from a requirement relaxes it',
    before: { securitySchemes: oauth({ read: 'r', write: 'w' }), security: [{ OAuth: ['read', 'write'] }] },
    after: { securitySchemes: oauth({ read: 'r', write: 'w' }), security: [{ OAuth: ['read'] }] },
    expected: ['security-scope-removed:info'],
  },
  {
    name: 'security scheme removed',
    before: { securitySchemes: { Key: { type: 'apiKey', in: 'header', name: 'x-key' }, Old: { type: 'http', scheme: 'basic' } } },
    after: { securitySchemes: { Key: { type: 'apiKey', in: 'header', name: 'x-key' } } },
    expected: ['security-scheme-removed:breaking'],
  },
  {
    name: 'security scheme added',
    before: { securitySchemes: {} },
    after: { securitySchemes: { Key: { type: 'apiKey', in: 'header', name: 'x-key' } } },
    expected: ['security-scheme-added:info'],
  },
  {
    name: 'security scheme sends the key elsewhere',
    before: { securitySchemes: { Key: { type: 'apiKey', in: 'header', name: 'x-key' } } },
    after: { securitySchemes: { Key: { type: 'apiKey', in: 'query', name: 'key' } } },
    expected: ['security-scheme-changed:breaking'],
  },
  {
    name: 'OAuth token URL changed',
    before: { securitySchemes: oauth({ read: 'r' }) },
    after: { securitySchemes: oauth({ read: 'r' }, 'https://auth.example.com/v2/token') },
    expected: ['security-scheme-changed:breaking'],
  },
  {
    name: 'a scope added to a flow is no scheme change',
    before: { securitySchemes: oauth({ read: 'r' }) },
    after: { securitySchemes: oauth({ read: 'r', write: 'w' }) },
    expected: ['oauth-scope-added:info'],
  },
  {
    name: 'a scope removed from a flow',
    before: { securitySchemes: oauth({ read: 'r', write: 'w' }) },
    after: { securitySchemes: oauth({ read: 'r' }) },
    expected: ['oauth-scope-removed:breaking'],
  },
  {
    name: 'default server changed',
    before: { servers: [{ url: 'https://api.example.com' }] },
    after: { servers: [{ url: 'https://api.example.org' }] },
    expected: ['default-server-changed:warning'],
  },
  {
    name: 'default server set where none was',
    before: {},
    after: { servers: [{ url: 'https://api.example.com' }] },
    expected: ['default-server-changed:warning'],
  },
  {
    name: 'server variable default changed moves the default host',
    before: { servers: [{ url: 'https://{region}.example.com', variables: { region: { default: 'eu' } } }] },
    after: { servers: [{ url: 'https://{region}.example.com', variables: { region: { default: 'us' } } }] },
    expected: ['default-server-changed:warning'],
  },
  {
    name: 'other server removed',
    before: { servers: [{ url: 'https://a.example.com' }, { url: 'https://b.example.com' }] },
    after: { servers: [{ url: 'https://a.example.com' }] },
    expected: ['server-removed:warning'],
  },
  {
    name: 'server added',
    before: { servers: [{ url: 'https://a.example.com' }] },
    after: { servers: [{ url: 'https://a.example.com' }, { url: 'https://b.example.com' }] },
    expected: ['server-added:info'],
  },
  {
    name: 'only a description changed',
    before: {},
    after: { operation: { description: 'Creates an x.' } },
    expected: ['documentation-changed:info'],
  },
  { name: 'only info.version changed', before: { version: '1.0.0' }, after: { version: '1.0.1' }, expected: [] },
];
