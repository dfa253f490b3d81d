/**
 * The parts of an OpenAPI 3.1 document this toolchain reads. Kept loose (records) where the tools
 * only pass values through.
 */
export type JsonSchema = Record<string, unknown>;

export interface ExampleObject {
  summary?: string;
  description?: string;
  value?: unknown;
}

export interface MediaTypeObject {
  schema?: JsonSchema;
  example?: unknown;
  examples?: Record<string, ExampleObject | { $ref: string }>;
}

export interface ResponseObject {
  description: string;
  headers?: Record<string, { schema?: JsonSchema; required?: boolean; description?: string } | { $ref: string }>;
  content?: Record<string, MediaTypeObject>;
}

export interface ParameterObject {
  name: string;
  in: 'query' | 'header' | 'path' | 'cookie';
  required?: boolean;
  description?: string;
  schema?: JsonSchema;
  example?: unknown;
  examples?: Record<string, ExampleObject | { $ref: string }>;
}

export interface RequestBodyObject {
  required?: boolean;
  description?: string;
  content: Record<string, MediaTypeObject>;
}

export type SecurityRequirement = Record<string, string[]>;

export interface OperationObject {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: Array<ParameterObject | { $ref: string }>;
  requestBody?: RequestBodyObject | { $ref: string };
  responses: Record<string, ResponseObject | { $ref: string }>;
  security?: SecurityRequirement[];
  [extension: `x-${string}`]: unknown;
}

export interface SecuritySchemeObject {
  type: 'apiKey' | 'http' | 'oauth2' | 'openIdConnect' | 'mutualTLS';
  description?: string;
  name?: string;
  in?: 'query' | 'header' | 'cookie';
  scheme?: string;
  flows?: { clientCredentials?: { tokenUrl: string; scopes: Record<string, string> } };
  'x-client-option'?: string;
}

export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; description?: string; [key: string]: unknown };
  servers?: Array<{ url: string; description?: string }>;
  security?: SecurityRequirement[];
  tags?: Array<{ name: string; description?: string }>;
  paths: Record<string, Record<string, unknown>>;
  components?: {
    schemas?: Record<string, JsonSchema>;
    securitySchemes?: Record<string, SecuritySchemeObject>;
    [kind: string]: Record<string, unknown> | undefined;
  };
  [key: string]: unknown;
}

/** A JSON object (not an array, not null): what every walk over a parsed document tests for. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
