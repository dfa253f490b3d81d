/**
 * What the resilience runtime needs to know about an API, read off its spec: each operation's id
 * and documented idempotency-key header, the provider's request-id response header, the field of
 * a 429 body that says how long to wait, and which headers and query parameters carry credentials.
 * Nothing here knows a provider: names are matched by what they mean.
 */
import { listOperations, resolveRef, type JsonSchema, type OpenApiDocument } from '../lib/openapi.ts';
import type { AuthPlan } from './auth-plan.ts';
import type { OperationPolicy, ResiliencePlan, RetryHint } from './resilience-runtime.ts';

/** The header the IETF draft (draft-ietf-httpapi-idempotency-key-header) names. */
const idempotencyHeaderPattern = /^idempotency-key$/i;

/** A header parameter that carries an idempotency key: the client fills it with a fresh UUID per call. */
export function isIdempotencyKeyHeader(parameter: { readonly in: string; readonly name: string }): boolean {
  return parameter.in === 'header' && idempotencyHeaderPattern.test(parameter.name);
}
/** Request-id headers as providers spell them: `X-Request-Id`, `Request-Id`, `X-Correlation-ID`. */
const requestIdHeaderPattern = /^(?:x-)?(?:request|correlation)[-_]?id$/i;
/** A body field that says how long to wait, its unit in the suffix: `retryAfterMinutes`, `retry_after_ms`, `retryAfter` (seconds). */
const retryFieldPattern = /^retry[-_]?after(?:[-_]?(ms|millis|milliseconds|s|secs|seconds|mins|minutes))?$/i;
const unitMs: Record<string, number> = {
  ms: 1,
  millis: 1,
  milliseconds: 1,
  s: 1000,
  secs: 1000,
  seconds: 1000,
  mins: 60_000,
  minutes: 60_000,
};
/** How deep into a 429 body the hint is looked for. */
const maxHintDepth = 3;

function findRetryField(document: OpenApiDocument, schema: JsonSchema | undefined, path: string[]): RetryHint | undefined {
  if (!schema || path.length > maxHintDepth) return undefined;
  const resolved = resolveRef<JsonSchema>(document, schema);
  const properties = (resolved.properties ?? {}) as Record<string, JsonSchema>;
  for (const name of Object.keys(properties)) {
    const match = retryFieldPattern.exec(name);
    if (match) return { path: [...path, name], unitMs: unitMs[(match[1] ?? 's').toLowerCase()] ?? 1000 };
  }
  for (const [name, property] of Object.entries(properties)) {
    const found = findRetryField(document, property, [...path, name]);
    if (found) return found;
  }
  return undefined;
}

function credentialNames(auth: AuthPlan): Pick<ResiliencePlan, 'credentialHeaders' | 'credentialQuery'> {
  const headers = new Set<string>();
  const query = new Set<string>();
  for (const scheme of Object.values(auth.schemes)) {
    if (scheme.kind === 'apiKey' && scheme.in === 'header') headers.add(scheme.name.toLowerCase());
    else if (scheme.kind === 'apiKey' && scheme.in === 'query') query.add(scheme.name);
    else if (scheme.kind === 'apiKey') headers.add('cookie');
    else headers.add('authorization');
  }
  return { credentialHeaders: [...headers].sort(), credentialQuery: [...query].sort() };
}

export function resiliencePlanOf(document: OpenApiDocument, auth: AuthPlan): ResiliencePlan {
  const operations: Record<string, OperationPolicy> = {};
  let requestIdHeader: string | undefined;
  let retryHint: RetryHint | undefined;
  for (const operation of listOperations(document)) {
    // Lower case, as the clients compare and send header names.
    const idempotencyHeader = operation.parameters.find(isIdempotencyKeyHeader)?.name.toLowerCase();
    operations[`${operation.method.toUpperCase()} ${operation.path}`] = {
      id: operation.operationId,
      ...(idempotencyHeader ? { idempotencyHeader } : {}),
    };
    for (const [status, response] of operation.responses) {
      requestIdHeader ??= Object.keys(response.headers ?? {}).find((name) => requestIdHeaderPattern.test(name));
      if (status === '429') retryHint ??= findRetryField(document, response.content?.['application/json']?.schema, []);
    }
  }
  return { operations, ...(requestIdHeader ? { requestIdHeader } : {}), ...(retryHint ? { retryHint } : {}), ...credentialNames(auth) };
}
