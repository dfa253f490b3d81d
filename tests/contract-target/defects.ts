/**
 * The ways the test server can break its contract, one at a time, each with the test that picks an
 * API where the break is possible (read off the spec, never a provider's name) and the body edit
 * that says exactly where the break is, so a test can assert the runner named that place.
 */
import type { ContractApi } from '../../scripts/lib/contract/api.ts';
import { isSecured } from '../../scripts/lib/contract/api.ts';
import { wrongTypeValue } from '../../scripts/lib/invalid-values.ts';
import {
  escapePointerToken,
  examplesOf,
  flattenSchema as flatten,
  resolveRef,
  typesOf,
  type JsonSchema,
  type OpenApiDocument,
  type Operation,
  type ResponseObject,
} from '../../scripts/lib/openapi.ts';

export const defects = [
  'missing-required-field',
  'wrong-type',
  'wrong-enum',
  'undocumented-status',
  'wrong-content-type',
  'no-auth-check',
  'wrong-error-body',
  'fuzz-5xx',
  'documented-404',
  'documented-401',
  'documented-500',
] as const;
export type Defect = (typeof defects)[number];

/**
 * The `documented-<status>` defects: every valid, authenticated call to an operation that documents
 * that status is answered with the spec's own example for it — a documented answer, never the
 * success the call is owed.
 */
export function documentedDefectStatus(defect: Defect | undefined): string | undefined {
  return /^documented-(\d{3})$/.exec(defect ?? '')?.[1];
}

/** A body edit: the broken body and the JSON pointer of what was broken. */
export interface BodyBreak {
  readonly body: unknown;
  readonly pointer: string;
}

type Walker = (document: OpenApiDocument, schema: JsonSchema, value: Record<string, unknown>, name: string) => unknown | typeof skip;
const skip = Symbol('skip');

/** Depth-first over the properties the example holds; the first one `edit` accepts is replaced (or removed). */
function breakFirst(document: OpenApiDocument, schemaOrRef: JsonSchema, value: unknown, edit: Walker, pointer = ''): BodyBreak | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const schema = flatten(document, schemaOrRef);
  const variant = ((schema.oneOf ?? schema.anyOf) as JsonSchema[] | undefined)?.[0];
  const properties = {
    ...((schema.properties as Record<string, JsonSchema>) ?? {}),
    ...((variant ? flatten(document, variant).properties : undefined) as Record<string, JsonSchema> | undefined),
  };
  if (Array.isArray(value)) {
    if (value.length === 0 || !schema.items) return undefined;
    const inner = breakFirst(document, schema.items as JsonSchema, value[0], edit, `${pointer}/0`);
    return inner ? { body: [inner.body, ...value.slice(1)], pointer: inner.pointer } : undefined;
  }
  const record = value as Record<string, unknown>;
  for (const [name, property] of Object.entries(properties)) {
    if (!(name in record)) continue;
    const here = `${pointer}/${escapePointerToken(name)}`;
    const replaced = edit(document, { ...flatten(document, property), required: schema.required }, record, name);
    if (replaced !== skip) {
      const copy = { ...record };
      if (replaced === undefined) delete copy[name];
      else copy[name] = replaced;
      return { body: copy, pointer: here };
    }
    const inner = breakFirst(document, property, record[name], edit, here);
    if (inner) return { body: { ...record, [name]: inner.body }, pointer: inner.pointer };
  }
  return undefined;
}

const removeRequired: Walker = (_document, schema, _value, name) =>
  ((schema.required as string[] | undefined) ?? []).includes(name) ? undefined : skip;

const wrongType: Walker = (_document, schema) => {
  const types = typesOf(schema);
  if (types.length === 0 || types.includes('object') || types.includes('array') || 'const' in schema || Array.isArray(schema.enum))
    return skip;
  return wrongTypeValue(schema);
};

const wrongEnum: Walker = (_document, schema) => (Array.isArray(schema.enum) || 'const' in schema ? 'NOT_A_DOCUMENTED_VALUE' : skip);

const bodyWalkers: Partial<Record<Defect, Walker>> = {
  'missing-required-field': removeRequired,
  'wrong-type': wrongType,
  'wrong-enum': wrongEnum,
};

/** The first 2xx response with a JSON body: what a valid call gets back. */
export function successResponse(document: OpenApiDocument, operation: Operation): { status: string; response: ResponseObject } | undefined {
  const found =
    operation.responses.find(([status, response]) => /^2/.test(status) && Object.keys(response.content ?? {}).length > 0) ??
    operation.responses.find(([status]) => /^2/.test(status));
  return found ? { status: found[0], response: resolveRef(document, found[1]) } : undefined;
}

/** The body a defect serves in place of `example` for a success, if the defect edits bodies. */
export function breakBody(
  document: OpenApiDocument,
  defect: Defect,
  schema: JsonSchema | undefined,
  example: unknown,
): BodyBreak | undefined {
  const walker = bodyWalkers[defect];
  return walker && schema ? breakFirst(document, schema, example, walker) : undefined;
}

/** Where the defect shows when a valid call is answered: the operation and the pointer, if any. */
export function brokenPlace(loaded: ContractApi, defect: Defect): { operation: Operation; pointer: string } | undefined {
  for (const operation of loaded.operations) {
    const success = successResponse(loaded.document, operation);
    const [media] = Object.values(success?.response.content ?? {});
    if (!media) continue;
    const example = examplesOf(loaded.document, media)[0]?.[1];
    const broken = breakBody(loaded.document, defect, media.schema, example);
    if (broken) return { operation, pointer: broken.pointer };
  }
  return undefined;
}

function hasStringInput(loaded: ContractApi): boolean {
  return loaded.operations.some(
    (operation) =>
      operation.parameters.some((parameter) =>
        typesOf(resolveRef<JsonSchema>(loaded.document, parameter.schema ?? {})).includes('string'),
      ) ||
      Object.values(operation.requestBody?.content ?? {}).some(
        (media) => Object.keys((flatten(loaded.document, media.schema ?? {}).properties as object) ?? {}).length > 0,
      ),
  );
}

/** Whether the API has what the defect needs (a required field, an enum, a secured operation …). */
export function defectApplies(loaded: ContractApi, defect: Defect): boolean {
  switch (defect) {
    case 'missing-required-field':
    case 'wrong-type':
    case 'wrong-enum':
      return brokenPlace(loaded, defect) !== undefined;
    case 'undocumented-status':
      return loaded.operations.length > 0;
    case 'wrong-content-type':
      return loaded.operations.some(
        (operation) => Object.keys(successResponse(loaded.document, operation)?.response.content ?? {}).length > 0,
      );
    case 'no-auth-check':
      return loaded.operations.some(isSecured);
    case 'wrong-error-body':
      return loaded.operations.some((operation) => operation.responses.some(([status]) => status === '422' || status === '400'));
    case 'fuzz-5xx':
      return hasStringInput(loaded);
    case 'documented-404':
    case 'documented-401':
    case 'documented-500':
      return loaded.operations.some((operation) => operation.responses.some(([status]) => status === documentedDefectStatus(defect)));
  }
}
