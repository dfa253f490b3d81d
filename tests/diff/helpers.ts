/** Small in-memory OpenAPI documents for the checker's unit tests. */
import { compareDocuments, type Change } from '../../scripts/lib/diff/index.ts';

type Json = Record<string, unknown>;

export interface DocumentParts {
  version?: string;
  openapi?: string;
  parameters?: Json[];
  request?: Json;
  requestRequired?: boolean;
  response?: Json;
  responses?: Json;
  responseHeaders?: Json;
  security?: Json[];
  rootSecurity?: Json[];
  schemas?: Record<string, unknown>;
  securitySchemes?: Json;
  /** More component sections (`responses`, `requestBodies`, …) beside the schemas and security schemes. */
  components?: Json;
  servers?: Json[];
  operation?: Json;
  extraPaths?: Record<string, Json>;
  webhooks?: Record<string, Json>;
}

/** One operation, `POST /v1/x`, with the parts given. */
export function documentWith(parts: DocumentParts): Json {
  const operation: Json = {
    operationId: 'x_create',
    responses: parts.responses ?? {
      '200': {
        description: 'ok',
        ...(parts.responseHeaders ? { headers: parts.responseHeaders } : {}),
        content: { 'application/json': { schema: parts.response ?? { type: 'object' } } },
      },
      '400': { description: 'bad' },
    },
    ...parts.operation,
  };
  if (parts.parameters) operation.parameters = parts.parameters;
  if (parts.request)
    operation.requestBody = { required: parts.requestRequired ?? true, content: { 'application/json': { schema: parts.request } } };
  if (parts.security) operation.security = parts.security;
  return {
    openapi: parts.openapi ?? '3.1.0',
    info: { title: 'Test', version: parts.version ?? '1.0.0' },
    ...(parts.servers ? { servers: parts.servers } : {}),
    ...(parts.rootSecurity ? { security: parts.rootSecurity } : {}),
    paths: { '/v1/x': { post: operation }, ...parts.extraPaths },
    ...(parts.webhooks ? { webhooks: parts.webhooks } : {}),
    components: {
      ...parts.components,
      schemas: parts.schemas ?? {},
      securitySchemes: parts.securitySchemes ?? {
        Key: { type: 'apiKey', in: 'header', name: 'x-key' },
        Bearer: { type: 'http', scheme: 'bearer' },
      },
    },
  };
}

export const today = new Date('2026-06-01T00:00:00Z');

export function diff(before: DocumentParts, after: DocumentParts): Change[] {
  return compareDocuments(documentWith(before), documentWith(after), { today });
}

/** `id:level` of each change, compact for assertions. */
export function summary(changes: readonly Change[]): string[] {
  return changes.map((change) => `${change.id}:${change.level}`);
}

export const object = (properties: Record<string, unknown>, required: string[] = []): Json => ({
  type: 'object',
  properties,
  ...(required.length > 0 ? { required } : {}),
});
