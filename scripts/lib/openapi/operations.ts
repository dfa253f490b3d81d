/** The walk from a document to its operations, with their parameters, bodies and responses. */
import {
  isRecord,
  type OpenApiDocument,
  type OperationObject,
  type ParameterObject,
  type RequestBodyObject,
  type ResponseObject,
  type SecurityRequirement,
} from './document.ts';
import { resolveRef } from './refs.ts';

export const httpMethods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
export type HttpMethod = (typeof httpMethods)[number];

export interface Operation {
  readonly method: HttpMethod;
  readonly path: string;
  readonly operationId: string;
  readonly operation: OperationObject;
  /** Path-level and operation-level parameters, refs resolved, operation winning on a clash. */
  readonly parameters: ParameterObject[];
  /** Where each of `parameters` is written, as pointer tokens from the document root. */
  readonly parameterLocations: string[][];
  readonly requestBody: RequestBodyObject | undefined;
  /** Documented statuses in spec order, refs resolved. */
  readonly responses: ReadonlyArray<readonly [status: string, response: ResponseObject]>;
  /** The requirements in force: the operation's own, else the document's. */
  readonly security: SecurityRequirement[];
}

/** The operations a path item holds, in the order of `httpMethods`. */
export function pathItemOperations(pathItem: unknown): Array<[HttpMethod, Record<string, unknown>]> {
  if (!isRecord(pathItem)) return [];
  return httpMethods.flatMap((method): Array<[HttpMethod, Record<string, unknown>]> => {
    const operation = pathItem[method];
    return isRecord(operation) ? [[method, operation]] : [];
  });
}

/** Every operation of a document, in path then method order. */
export function listOperations(document: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const [path, pathItem] of Object.entries(document.paths ?? {})) {
    const located = (list: Array<ParameterObject | { $ref: string }> | undefined, at: string[]) =>
      (list ?? []).map((parameter, index) => ({
        parameter: resolveRef(document, parameter),
        location: [...at, 'parameters', String(index)],
      }));
    const shared = located(pathItem.parameters as Array<ParameterObject | { $ref: string }>, ['paths', path]);
    for (const [method, node] of pathItemOperations(pathItem)) {
      const operation = node as unknown as OperationObject;
      const own = located(operation.parameters, ['paths', path, method]);
      const all = [
        ...shared.filter((s) => !own.some((o) => o.parameter.name === s.parameter.name && o.parameter.in === s.parameter.in)),
        ...own,
      ];
      operations.push({
        method,
        path,
        operationId: operation.operationId ?? `${method} ${path}`,
        operation,
        parameters: all.map((entry) => entry.parameter),
        parameterLocations: all.map((entry) => entry.location),
        requestBody: operation.requestBody ? resolveRef(document, operation.requestBody) : undefined,
        responses: Object.entries(operation.responses ?? {}).map(([status, response]) => [status, resolveRef(document, response)] as const),
        security: operation.security ?? document.security ?? [],
      });
    }
  }
  return operations;
}
