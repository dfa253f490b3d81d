/** TypeScript types for a bundled description, through openapi-typescript's API (no process start). */
import openapiTS, { COMMENT_HEADER, astToString } from 'openapi-typescript';
import type { OpenApiDocument } from '../lib/openapi.ts';

export async function renderTypes(document: OpenApiDocument): Promise<string> {
  // openapi-typescript mutates what it is given; it gets a copy.
  const ast = await openapiTS(structuredClone(document) as never, { silent: true });
  return COMMENT_HEADER + astToString(ast);
}
