/**
 * The deterministic requests of a run: the spec's examples, with the ids the user gave put in
 * place, and a token endpoint fed the real client id and secret.
 */
import type { Operation } from '../openapi.ts';
import { exampleInputs, type RequestInputs } from '../requests.ts';
import { isTokenOperation, type ContractApi } from './api.ts';

/** Puts each given value in the parameter, or the top-level body field, of that name. */
export function withParams(operation: Operation, inputs: RequestInputs, params: Readonly<Record<string, string>>): RequestInputs {
  const next: RequestInputs = { ...inputs, path: { ...inputs.path }, query: { ...inputs.query }, header: { ...inputs.header } };
  for (const parameter of operation.parameters) {
    if (parameter.in === 'cookie') continue;
    const value = params[parameter.name];
    if (value !== undefined) next[parameter.in][parameter.name] = value;
  }
  if (typeof inputs.body === 'object' && inputs.body !== null && !Array.isArray(inputs.body)) {
    const body = { ...(inputs.body as Record<string, unknown>) };
    for (const name of Object.keys(body)) if (params[name] !== undefined) body[name] = params[name];
    next.body = body;
  }
  return next;
}

/** The token request carries the run's own credentials, in the body fields the spec's token operation names. */
function withClientCredentials(loaded: ContractApi, inputs: RequestInputs, credentials: Readonly<Record<string, string>>): RequestInputs {
  if (typeof inputs.body !== 'object' || inputs.body === null) return inputs;
  const body = { ...(inputs.body as Record<string, unknown>) };
  for (const scheme of Object.values(loaded.plan.schemes)) {
    if (scheme.kind !== 'clientCredentials') continue;
    for (const [field, option] of Object.entries(scheme.tokenRequest.fields)) {
      if (credentials[option] !== undefined) body[field] = credentials[option];
    }
  }
  return { ...inputs, body };
}

export function exampleRequest(
  loaded: ContractApi,
  operation: Operation,
  params: Readonly<Record<string, string>>,
  credentials: Readonly<Record<string, string>>,
): RequestInputs {
  const inputs = withParams(operation, exampleInputs(loaded.document, operation), params);
  return isTokenOperation(loaded, operation) ? withClientCredentials(loaded, inputs, credentials) : inputs;
}
