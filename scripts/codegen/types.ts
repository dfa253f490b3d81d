/** TypeScript types for a bundled description, through openapi-typescript's API (no process start). */
import openapiTS, { COMMENT_HEADER, astToString } from 'openapi-typescript';
import type { OpenApiDocument } from '../lib/openapi.ts';
import { openEnumType } from './open-enum.ts';

export async function renderTypes(document: OpenApiDocument): Promise<string> {
  // openapi-typescript mutates what it is given; it gets a copy.
  const ast = await openapiTS(structuredClone(document) as never, {
    silent: true,
    transform: (schema) => openEnumType(schema as Record<string, unknown>),
  });
  return COMMENT_HEADER + astToString(ast);
}
