/** The walk from a document to its operations, with their parameters, bodies and responses. */
import type { OpenApiDocument, OperationObject, ParameterObject, RequestBodyObject, ResponseObject, SecurityRequirement } from './document.ts';
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

/** Every operation of a document, in path then method order. */
export function listOperations(document: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const [path, pathItem] of Object.entries(document.paths ?? {})) {
    const located = (list: Array<ParameterObject | { $ref: string }> | undefined, at: string[]) =>
      (list ?? []).map((parameter, index) => ({ parameter: resolveRef(document, parameter), location: [...at, 'parameters', String(index)] }));
    const shared = located(pathItem.parameters as Array<ParameterObject | { $ref: string }>, ['paths', path]);
    for (const method of httpMethods) {
      const operation = pathItem[method] as OperationObject | undefined;
      if (!operation) continue;
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
