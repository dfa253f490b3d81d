/**
 * Where an operation's schemas sit: pointer tokens as the operation is written, and canonical
 * pointers (refs followed) that a validator compiled from the whole document can use.
 */
import type { OpenApiDocument } from './document.ts';
import type { Operation } from './operations.ts';
import { canonicalPointer } from './refs.ts';

const operationTokens = (operation: Operation): string[] => ['paths', operation.path, operation.method];

export function requestSchemaTokens(operation: Operation, mediaType: string): string[] {
  return [...operationTokens(operation), 'requestBody', 'content', mediaType, 'schema'];
}

export function responseSchemaTokens(operation: Operation, status: string, mediaType: string): string[] {
  return [...operationTokens(operation), 'responses', status, 'content', mediaType, 'schema'];
}

export function responseHeaderSchemaTokens(operation: Operation, status: string, header: string): string[] {
  return [...operationTokens(operation), 'responses', status, 'headers', header, 'schema'];
}

/** Where the schema of an operation's response body for `status` and `mediaType` sits. */
export function responseSchemaPointer(document: OpenApiDocument, operation: Operation, status: string, mediaType: string): string {
  return canonicalPointer(document, responseSchemaTokens(operation, status, mediaType));
}

export function requestSchemaPointer(document: OpenApiDocument, operation: Operation, mediaType: string): string {
  return canonicalPointer(document, requestSchemaTokens(operation, mediaType));
}

const parameterPointers = new WeakMap<Operation, string[]>();

/** Where each of `operation.parameters`' schemas sits, computed once per operation (checks run per request). */
export function parameterSchemaPointers(document: OpenApiDocument, operation: Operation): string[] {
  let pointers = parameterPointers.get(operation);
  if (!pointers) {
    pointers = operation.parameterLocations.map((location) => canonicalPointer(document, [...location, 'schema']));
    parameterPointers.set(operation, pointers);
  }
  return pointers;
}
