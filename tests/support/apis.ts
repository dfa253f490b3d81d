/** What the tests share: the registry, each API's bundle (written by the global setup) and validator. */
import { readFileSync } from 'node:fs';
import { listOperations, type OpenApiDocument, type Operation } from '../../scripts/lib/openapi.ts';
import { loadRegistry, type ApiEntry } from '../../scripts/lib/registry.ts';
import { SpecValidator } from '../../scripts/lib/validator.ts';

export interface LoadedApi {
  readonly api: ApiEntry;
  readonly document: OpenApiDocument;
  readonly operations: Operation[];
  readonly validator: SpecValidator;
}

export const apis: ApiEntry[] = loadRegistry();

export function loadApi(api: ApiEntry): LoadedApi {
  const document = JSON.parse(readFileSync(api.bundleJson, 'utf8')) as OpenApiDocument;
  return { api, document, operations: listOperations(document), validator: new SpecValidator(document) };
}

export function format(issues: ReadonlyArray<{ pointer: string; message: string }>): string {
  return issues.map((issue) => `${issue.pointer} ${issue.message}`).join('; ');
}
