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
const orderBody = (required: boolean) => ({ required, content: { 'application/json': { schema: { type: 'object' } } } });
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
  // Each rule's edge and negative cases: what must not be reported, or reported once.
  {
    name: 'deprecated operation removed on its sunset day (not yet past)',
    before: { extraPaths: getY({ deprecated: true, 'x-sunset': '2026-06-01T00:00:00Z' }) },
    after: {},
    expected: ['operation-removed:breaking'],
  },
  {
    name: 'operation removed with a past sunset but never deprecated',
    before: { extraPaths: getY({ 'x-sunset': '2026-01-01' }) },
    after: {},
    expected: ['operation-removed:breaking'],
  },
  {
    name: 'deprecated operation removed with a sunset that is no date',
    before: { extraPaths: getY({ deprecated: true, 'x-sunset': 'soon' }) },
    after: {},
    expected: ['operation-removed:breaking'],
  },
  {
    name: 'deprecated parameter removed on its sunset day',
    before: { parameters: [query('limit', { deprecated: true, 'x-sunset': '2026-06-01T00:00:00Z' })] },
    after: {},
    expected: ['request-parameter-removed:breaking'],
  },
  {
    name: 'a method changed is one operation removed and one added',
    before: { extraPaths: getY() },
    after: { extraPaths: { '/v1/y': { put: { operationId: 'y_list', responses: ok } } } },
    expected: ['operation-removed:breaking', 'operation-added:info'],
  },
  { name: 'operationId removed', before: {}, after: { operation: { operationId: undefined } }, expected: ['operation-id-changed:warning'] },
  {
    name: 'operationId set where there was none is no change',
    before: { extraPaths: { '/v1/y': { get: { responses: ok } } } },
    after: { extraPaths: getY() },
    expected: ['documentation-changed:info'],
  },
  {
    name: 'an operation already deprecated is not deprecated again',
    before: { operation: { deprecated: true } },
    after: { operation: { deprecated: true, operationId: 'x_make' } },
    expected: ['operation-id-changed:warning'],
  },
  {
    name: 'a path-level parameter overridden by a required one at the operation',
    before: { extraPaths: { '/v1/y': { parameters: [query('limit')], get: { responses: ok } } } },
    after: {
      extraPaths: { '/v1/y': { parameters: [query('limit')], get: { parameters: [query('limit', { required: true })], responses: ok } } },
    },
    expected: ['request-parameter-became-required:breaking'],
  },
  {
    name: 'a path-level parameter removed',
    before: { extraPaths: { '/v1/y': { parameters: [query('limit')], get: { responses: ok } } } },
    after: { extraPaths: { '/v1/y': { get: { responses: ok } } } },
    expected: ['request-parameter-removed:breaking'],
  },
  {
    name: 'a path parameter is required whatever it says',
    before: { extraPaths: renamed('id') },
    after: {
      extraPaths: {
        '/v1/y/{id}': {
          get: { operationId: 'y_get', parameters: [{ name: 'id', in: 'path', schema: { type: 'string' } }], responses: ok },
        },
      },
    },
    expected: ['documentation-changed:info'],
  },
  {
    name: 'a query and a header parameter of the same name are two parameters',
    before: { parameters: [query('trace')] },
    after: { parameters: [{ name: 'trace', in: 'header', schema: { type: 'string' } }] },
    expected: ['request-parameter-removed:breaking', 'request-parameter-added:info'],
  },
  {
    name: 'a header parameter spelled with its default style is no change',
    before: { parameters: [{ name: 'X-A', in: 'header', schema: { type: 'string' } }] },
    after: { parameters: [{ name: 'X-A', in: 'header', style: 'simple', explode: false, schema: { type: 'string' } }] },
    expected: ['documentation-changed:info'],
  },
  {
    name: 'a header parameter exploded',
    before: { parameters: [{ name: 'X-A', in: 'header', schema: { type: 'string' } }] },
    after: { parameters: [{ name: 'X-A', in: 'header', explode: true, schema: { type: 'string' } }] },
    expected: ['request-parameter-style-changed:breaking'],
  },
  {
    name: 'a cookie parameter spelled with its default style is no change',
    before: { parameters: [{ name: 'c', in: 'cookie', schema: { type: 'string' } }] },
    after: { parameters: [{ name: 'c', in: 'cookie', style: 'form', explode: true, schema: { type: 'string' } }] },
    expected: ['documentation-changed:info'],
  },
  {
    name: 'a path parameter given the form style',
    before: { extraPaths: renamed('id') },
    after: {
      extraPaths: {
        '/v1/y/{id}': {
          get: {
            operationId: 'y_get',
            parameters: [{ name: 'id', in: 'path', required: true, style: 'label', schema: { type: 'string' } }],
            responses: ok,
          },
        },
      },
    },
    expected: ['request-parameter-style-changed:breaking'],
  },
  {
    name: 'a parameter described by content: a media type removed and its schema compared',
    before: { parameters: [{ name: 'f', in: 'query', content: { 'application/json': { schema: { type: 'object' } }, 'text/plain': {} } }] },
    after: {
      parameters: [
        {
          name: 'f',
          in: 'query',
          content: { 'application/json': { schema: { type: 'object', required: ['a'], properties: { a: { type: 'string' } } } } },
        },
      ],
    },
    expected: ['request-media-type-removed:breaking', 'request-property-added-required:breaking'],
  },
  {
    name: 'a request body given by $ref becomes required',
    before: {
      operation: { requestBody: { $ref: '#/components/requestBodies/Order' } },
      components: { requestBodies: { Order: orderBody(false) } },
    },
    after: {
      operation: { requestBody: { $ref: '#/components/requestBodies/Order' } },
      components: { requestBodies: { Order: orderBody(true) } },
    },
    expected: ['request-body-became-required:breaking'],
  },
  {
    name: 'a webhook request body removed is the API’s business',
    before: {
      webhooks: {
        paid: { post: { requestBody: { required: true, content: { 'application/json': { schema: { type: 'object' } } } }, responses: ok } },
      },
    },
    after: { webhooks: { paid: { post: { responses: ok } } } },
    expected: ['documentation-changed:info'],
  },
  {
    name: 'a webhook’s parameters and security are not the client’s',
    before: { webhooks: { paid: { post: { responses: ok } } } },
    after: { webhooks: { paid: { post: { security: [{ Key: [] }], parameters: [query('a', { required: true })], responses: ok } } } },
    expected: ['documentation-changed:info'],
  },
  {
    name: 'a webhook response status removed',
    before: { webhooks: { paid: { post: { responses: { '200': { description: 'ok' }, '201': { description: 'made' } } } } } },
    after: { webhooks: { paid: { post: { responses: ok } } } },
    expected: ['response-success-status-removed:breaking'],
  },
  {
    name: 'a 3XX range removed is a success status removed',
    before: responses({ '200': { description: 'ok' }, '3XX': { description: 'moved' } }),
    after: responses({ '200': { description: 'ok' } }),
    expected: ['response-success-status-removed:breaking'],
  },
  {
    name: 'a 101 removed is a success status removed',
    before: responses({ '200': { description: 'ok' }, '101': { description: 'switching' } }),
    after: responses({ '200': { description: 'ok' } }),
    expected: ['response-success-status-removed:breaking'],
  },
  {
    name: 'the default response removed',
    before: responses({ '200': { description: 'ok' }, default: { description: 'error' } }),
    after: responses({ '200': { description: 'ok' } }),
    expected: ['response-status-removed:warning'],
  },
  {
    name: 'a 5XX range removed',
    before: responses({ '200': { description: 'ok' }, '5XX': { description: 'error' } }),
    after: responses({ '200': { description: 'ok' } }),
    expected: ['response-status-removed:warning'],
  },
  {
    name: 'a response given by $ref loses a required header',
    before: {
      responses: { '200': { $ref: '#/components/responses/Ok' } },
      components: { responses: { Ok: { description: 'ok', headers: header(true) } } },
    },
    after: { responses: { '200': { $ref: '#/components/responses/Ok' } }, components: { responses: { Ok: { description: 'ok' } } } },
    expected: ['response-required-header-removed:breaking'],
  },
  {
    name: 'a response header renamed in another case is the same header',
    before: { responseHeaders: { 'X-Request-Id': { required: true, schema: { type: 'string' } } } },
    after: { responseHeaders: { 'x-request-id': { required: true, schema: { type: 'string' } } } },
    expected: ['documentation-changed:info'],
  },
  {
    name: 'a response schema narrowed is no break for a reader',
    before: responses({ '200': { description: 'ok', content: { 'application/json': { schema: { type: 'string', enum: ['a', 'b'] } } } } }),
    after: responses({ '200': { description: 'ok', content: { 'application/json': { schema: { type: 'string', enum: ['a'] } } } } }),
    expected: ['response-enum-value-removed:info'],
  },
  {
    name: 'schemes of one requirement listed in another order are the same alternative',
    before: { security: [{ Key: [], Bearer: [] }] },
    after: { security: [{ Bearer: [], Key: [] }], operation: { summary: 'both' } },
    expected: ['documentation-changed:info'],
  },
  {
    name: 'anonymous access kept beside a new alternative',
    before: {},
    after: { security: [{}, { Key: [] }] },
    expected: ['security-alternative-added:info'],
  },
  {
    name: 'an operation’s empty security overrides the document’s',
    before: { rootSecurity: [{ Key: [] }] },
    after: { rootSecurity: [{ Key: [] }], security: [] },
    expected: ['security-requirement-removed:info'],
  },
  {
    name: 'document security added applies to an operation without its own',
    before: {},
    after: { rootSecurity: [{ Key: [] }] },
    expected: ['security-requirement-added:breaking'],
  },
  {
    name: 'a scope added inside a requirement of two schemes',
    before: { securitySchemes: oauth({ read: 'r', write: 'w' }), security: [{ Key: [], OAuth: ['read'] }] },
    after: { securitySchemes: oauth({ read: 'r', write: 'w' }), security: [{ Key: [], OAuth: ['read', 'write'] }] },
    expected: ['security-scope-added:breaking'],
  },
  {
    name: 'an http scheme spelled in another case, with a new description, is no change',
    before: { securitySchemes: { B: { type: 'http', scheme: 'Bearer' } } },
    after: { securitySchemes: { B: { type: 'http', scheme: 'bearer', description: 'A token.' } } },
    expected: ['documentation-changed:info'],
  },
  {
    name: 'an OAuth flow replaced by another changes the scheme, not its scopes',
    before: { securitySchemes: oauth({ read: 'r' }) },
    after: {
      securitySchemes: {
        OAuth: {
          type: 'oauth2',
          flows: {
            authorizationCode: { authorizationUrl: 'https://auth.example.com/a', tokenUrl: 'https://auth.example.com/token', scopes: {} },
          },
        },
      },
    },
    expected: ['security-scheme-changed:breaking'],
  },
  {
    name: 'servers swapped: only the default moved',
    before: { servers: [{ url: 'https://a.example.com' }, { url: 'https://b.example.com' }] },
    after: { servers: [{ url: 'https://b.example.com' }, { url: 'https://a.example.com' }] },
    expected: ['default-server-changed:warning'],
  },
  {
    name: 'every server removed',
    before: { servers: [{ url: 'https://a.example.com' }, { url: 'https://b.example.com' }] },
    after: {},
    expected: ['default-server-changed:warning', 'server-removed:warning'],
  },
  {
    name: 'a server variable without a default keeps its placeholder',
    before: { servers: [{ url: 'https://{region}.example.com', variables: { region: { enum: ['eu'] } } }] },
    after: { servers: [{ url: 'https://{region}.example.com', variables: { region: { enum: ['eu', 'us'] } } }] },
    expected: ['documentation-changed:info'],
  },
  {
    name: 'a path’s own default server changed',
    before: { extraPaths: { '/v1/y': { servers: [{ url: 'https://files.example.com' }], get: { responses: ok } } } },
    after: { extraPaths: { '/v1/y': { servers: [{ url: 'https://uploads.example.com' }], get: { responses: ok } } } },
    expected: ['default-server-changed:warning'],
  },
  {
    name: 'an operation that drops its own servers falls back to the document’s',
    before: { servers: [{ url: 'https://api.example.com' }], operation: { servers: [{ url: 'https://files.example.com' }] } },
    after: { servers: [{ url: 'https://api.example.com' }], operation: { servers: [] } },
    expected: ['default-server-changed:warning'],
  },
  {
    name: 'a 401 removed is no success status',
    before: responses({ '200': { description: 'ok' }, '401': { description: 'who?' } }),
    after: responses({ '200': { description: 'ok' } }),
    expected: ['response-status-removed:warning'],
  },
  {
    name: 'a server without a url reads as the default /',
    before: { servers: [{ description: 'somewhere' }] },
    after: {},
    expected: ['documentation-changed:info'],
  },
  {
    name: 'OAuth flows listed in another order are the same scheme',
    before: {
      securitySchemes: {
        OAuth: {
          type: 'oauth2',
          flows: {
            clientCredentials: { tokenUrl: 'https://auth.example.com/token', scopes: {} },
            authorizationCode: { authorizationUrl: 'https://auth.example.com/a', tokenUrl: 'https://auth.example.com/token', scopes: {} },
          },
        },
      },
    },
    after: {
      securitySchemes: {
        OAuth: {
          type: 'oauth2',
          flows: {
            authorizationCode: { authorizationUrl: 'https://auth.example.com/a', tokenUrl: 'https://auth.example.com/token', scopes: {} },
            clientCredentials: { tokenUrl: 'https://auth.example.com/token', scopes: {} },
          },
          description: 'Both flows.',
        },
      },
    },
    expected: ['documentation-changed:info'],
  },
  {
    name: 'an extension turned from a list into a mapping is a documentation change',
    before: { operation: { 'x-notes': [] } },
    after: { operation: { 'x-notes': {} } },
    expected: ['documentation-changed:info'],
  },
  {
    name: 'a media type gains a schema',
    before: { operation: { requestBody: { required: true, content: { 'application/json': {} } } } },
    after: { operation: { requestBody: { required: true, content: { 'application/json': { schema: { type: 'object' } } } } } },
    expected: ['request-type-narrowed:breaking'],
  },
  {
    name: 'one of two webhooks removed',
    before: { webhooks: { paid: { post: { responses: ok } }, refunded: { post: { responses: ok } } } },
    after: { webhooks: { paid: { post: { responses: ok } } } },
    expected: ['webhook-removed:breaking'],
  },
  {
    name: 'deprecated operation removed with a sunset that is a number',
    before: { extraPaths: getY({ deprecated: true, 'x-sunset': 20260101 }) },
    after: {},
    expected: ['operation-removed:breaking'],
  },
  {
    name: 'a server variable that is not declared keeps its placeholder',
    before: { servers: [{ url: 'https://{region}.example.com' }] },
    after: { servers: [{ url: 'https://eu.example.com' }] },
    expected: ['default-server-changed:warning'],
  },
  {
    name: 'an operation keeping its own servers, changed otherwise, has not moved',
    before: { operation: { servers: [{ url: 'https://files.example.com' }] } },
    after: { operation: { servers: [{ url: 'https://files.example.com' }], operationId: 'x_make' } },
    expected: ['operation-id-changed:warning'],
  },
  {
    name: 'an operation given its own server moves off the document’s',
    before: { servers: [{ url: 'https://api.example.com' }] },
    after: { servers: [{ url: 'https://api.example.com' }], operation: { servers: [{ url: 'https://files.example.com' }] } },
    expected: ['default-server-changed:warning'],
  },
  {
    name: 'a parameter already deprecated, narrowed',
    before: { parameters: [query('limit', { deprecated: true })] },
    after: { parameters: [query('limit', { deprecated: true, schema: { type: 'string', maxLength: 5 } })] },
    expected: ['request-max-length-added:warning'],
  },
  {
    name: 'a parameter schema losing its enum is located in the base',
    before: { parameters: [query('sort', { schema: { type: 'string', enum: ['asc', 'desc'] } })] },
    after: { parameters: [query('sort')] },
    expected: ['request-enum-removed:info'],
  },
  {
    name: 'an optional request body gaining a media type stays optional',
    before: body(['application/json'], false),
    after: body(['application/json', 'application/xml'], false),
    expected: ['request-media-type-added:info'],
  },
  {
    name: 'an optional response header narrowed stays optional',
    before: { responseHeaders: header(false, { type: 'string', enum: ['a', 'b'] }) },
    after: { responseHeaders: header(false, { type: 'string', enum: ['a'] }) },
    expected: ['response-enum-value-removed:info'],
  },
  {
    name: 'a response header losing its enum is located in the base',
    before: { responseHeaders: header(true, { type: 'string', enum: ['a'] }) },
    after: { responseHeaders: header(true) },
    expected: ['response-enum-removed:warning'],
  },
  {
    name: 'an OAuth flow without scopes given one',
    before: {
      securitySchemes: { OAuth: { type: 'oauth2', flows: { clientCredentials: { tokenUrl: 'https://auth.example.com/token' } } } },
    },
    after: { securitySchemes: oauth({ read: 'r' }) },
    expected: ['oauth-scope-added:info'],
  },
  {
    name: 'an extension turned from null into a mapping is a documentation change',
    before: { operation: { 'x-notes': null } },
    after: { operation: { 'x-notes': {} } },
    expected: ['documentation-changed:info'],
  },
];
