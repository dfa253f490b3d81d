/**
 * One API as the contract engine sees it: its bundled document, operations, validator and auth
 * plan, and the facts the safety rules need (which operations write, which name a resource).
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { authPlanOf } from '../../codegen/client.ts';
import type { AuthPlan } from '../../codegen/auth-plan.ts';
import { UserError } from '../errors.ts';
import { listOperations, resolveRef, type JsonSchema, type OpenApiDocument, type Operation } from '../openapi.ts';
import { projectRoot, type ApiEntry } from '../registry.ts';
import { SpecValidator } from '../validator.ts';

export interface ContractApi {
  readonly api: ApiEntry;
  readonly document: OpenApiDocument;
  readonly operations: Operation[];
  readonly validator: SpecValidator;
  readonly plan: AuthPlan;
}

export function contractApi(api: ApiEntry, document: OpenApiDocument): ContractApi {
  return { api, document, operations: listOperations(document), validator: new SpecValidator(document), plan: authPlanOf(api, document) };
}

/** Loads the bundle `npm run generate` (or the mock setup) wrote under dist/. */
export function loadContractApi(api: ApiEntry): ContractApi {
  let text: string;
  try {
    text = readFileSync(api.bundleJson, 'utf8');
  } catch {
    throw new UserError(`${relative(projectRoot, api.bundleJson)} is missing: run \`npm run generate\` first`);
  }
  return contractApi(api, JSON.parse(text) as OpenApiDocument);
}

/** The operations a client-credentials scheme fetches its tokens from (paths of this spec). */
export function tokenOperations(loaded: ContractApi): Operation[] {
  const tokenPaths = Object.values(loaded.plan.schemes).flatMap((scheme) =>
    scheme.kind === 'clientCredentials' && scheme.tokenUrlIsOperation ? [new URL(scheme.tokenUrl).pathname] : [],
  );
  return loaded.operations.filter((operation) => operation.method === 'post' && tokenPaths.includes(operation.path));
}

export function isTokenOperation(loaded: ContractApi, operation: Operation): boolean {
  return tokenOperations(loaded).includes(operation);
}

/** Changes state: every method but GET and HEAD, except the token endpoint used only to authenticate. */
export function isWrite(loaded: ContractApi, operation: Operation): boolean {
  return operation.method !== 'get' && operation.method !== 'head' && !isTokenOperation(loaded, operation);
}

/** Needs credentials: it has security alternatives and every one of them names a scheme (`{}` is none). */
export function isSecured(operation: Operation): boolean {
  return operation.security.length > 0 && operation.security.every((requirement) => Object.keys(requirement).length > 0);
}

/**
 * The names that pick the resource a write acts on, which a real run must be given: required path
 * parameters, else required top-level body fields named like an id (`sessionId`, `session_id`).
 */
export function identifyingNames(loaded: ContractApi, operation: Operation): string[] {
  const path = operation.parameters.filter((parameter) => parameter.in === 'path' && parameter.required).map((parameter) => parameter.name);
  if (path.length > 0) return path;
  const media = Object.values(operation.requestBody?.content ?? {})[0];
  if (!media?.schema) return [];
  const schema = resolveRef<JsonSchema>(loaded.document, media.schema);
  const required = (schema.required as string[] | undefined) ?? [];
  return required.filter((name) => /(^id|Id|_id|ID)$/.test(name));
}

/** The documented statuses of an operation, in spec order. */
export function documentedStatuses(operation: Operation): string[] {
  return operation.responses.map(([status]) => status);
}

/** The documented response for an actual status: exact, then `4XX`-style ranges, then `default`. */
export function documentedResponseKey(operation: Operation, status: number): string | undefined {
  const keys = documentedStatuses(operation);
  const exact = String(status);
  const range = `${exact[0]}XX`;
  return keys.find((key) => key === exact) ?? keys.find((key) => key.toUpperCase() === range) ?? keys.find((key) => key === 'default');
}

/** The status a mock answers a malformed request with: the documented 422, else 400. */
export function validationStatus(operation: Operation): string | undefined {
  return ['422', '400'].find((status) => documentedStatuses(operation).includes(status));
}
