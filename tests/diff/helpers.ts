/** Small in-memory OpenAPI documents for the checker's unit tests. */
import { compareDocuments, type Change } from '../../scripts/lib/diff/index.ts';
import type { JsonSchema, OpenApiDocument, ParameterObject, SecurityRequirement } from '../../scripts/lib/openapi.ts';

export interface DocumentParts {
  version?: string;
  parameters?: ParameterObject[];
  request?: JsonSchema;
  requestRequired?: boolean;
  response?: JsonSchema;
  responses?: Record<string, unknown>;
  security?: SecurityRequirement[];
  schemas?: Record<string, JsonSchema>;
  extraPaths?: Record<string, Record<string, unknown>>;
}

/** One operation, `POST /v1/x`, with the parts given. */
export function documentWith(parts: DocumentParts): OpenApiDocument {
  const operation: Record<string, unknown> = {
    operationId: 'x_create',
    responses: parts.responses ?? {
      '200': { description: 'ok', content: { 'application/json': { schema: parts.response ?? { type: 'object' } } } },
      '400': { description: 'bad' },
    },
  };
  if (parts.parameters) operation.parameters = parts.parameters;
  if (parts.request) operation.requestBody = { required: parts.requestRequired ?? true, content: { 'application/json': { schema: parts.request } } };
  if (parts.security) operation.security = parts.security;
  return {
    openapi: '3.1.0',
    info: { title: 'Test', version: parts.version ?? '1.0.0' },
    paths: { '/v1/x': { post: operation }, ...parts.extraPaths },
    components: {
      schemas: parts.schemas ?? {},
      securitySchemes: {
        Key: { type: 'apiKey', in: 'header', name: 'x-key' },
        Bearer: { type: 'http', scheme: 'bearer' },
      },
    },
  };
}

export function diff(before: DocumentParts, after: DocumentParts): Change[] {
  return compareDocuments(documentWith(before), documentWith(after));
}

/** The changes of a request-body schema edit. */
export function onRequest(before: JsonSchema, after: JsonSchema): Change[] {
  return diff({ request: before }, { request: after });
}

/** The changes of a 200-response schema edit. */
export function onResponse(before: JsonSchema, after: JsonSchema): Change[] {
  return diff({ response: before }, { response: after });
}

/** `kind:breaking` of each change, compact for assertions. */
export function summary(changes: readonly Change[]): string[] {
  return changes.map((change) => `${change.kind}:${change.breaking ? 'breaking' : 'ok'}`);
}

export const object = (properties: Record<string, JsonSchema>, required: string[] = []): JsonSchema => ({
  type: 'object',
  properties,
  ...(required.length > 0 ? { required } : {}),
});
