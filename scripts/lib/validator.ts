/**
 * Validates payloads against a description's schemas with Ajv's JSON Schema 2020-12 build and
 * ajv-formats: the dialect OpenAPI 3.1 uses, which Prism checks only in part.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { escapePointerToken, nodeAt, type OpenApiDocument } from './openapi.ts';

// ajv-formats is CommonJS; under ESM its function arrives as the module's `default`.
type AddFormats = (ajv: Ajv2020) => unknown;
const addFormats: AddFormats =
  (addFormatsModule as unknown as { default?: AddFormats }).default ?? (addFormatsModule as unknown as AddFormats);

export interface ValidationIssue {
  /** JSON pointer into the payload. */
  readonly pointer: string;
  readonly message: string;
}

// Pointers and schema locations live in the document model; these names stay importable from here.
export { canonicalPointer, escapePointerToken, pointerOf, requestSchemaPointer, responseSchemaPointer } from './openapi.ts';

function describe(error: ErrorObject): ValidationIssue {
  const params = error.params as Record<string, unknown>;
  const detail = params.allowedValues ? ` (${JSON.stringify(params.allowedValues)})` : '';
  return { pointer: error.instancePath || '/', message: `${error.message ?? 'is invalid'}${detail}` };
}

/**
 * A schema of the spec that Ajv cannot compile: the innermost subschema at fault (its pointer in
 * the bundle, through refs), and why; reported once however many payloads it would have judged.
 */
export interface SchemaProblem {
  readonly pointer: string;
  readonly message: string;
}

/** Keywords whose value is one subschema, a map of them, or a list of them (JSON Schema 2020-12 and draft leftovers). */
const oneSchema = [
  'items',
  'additionalProperties',
  'not',
  'if',
  'then',
  'else',
  'contains',
  'propertyNames',
  'unevaluatedItems',
  'unevaluatedProperties',
  'additionalItems',
  'contentSchema',
];
const schemaMaps = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'];
const schemaLists = ['allOf', 'anyOf', 'oneOf', 'prefixItems', 'items'];

/** The pointers of a schema's direct subschemas, its local `$ref` target first. */
export function subschemaPointers(schema: unknown, pointer: string): string[] {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return [];
  const node = schema as Record<string, unknown>;
  const found: string[] = [];
  if (typeof node.$ref === 'string' && node.$ref.startsWith('#')) found.push(node.$ref.slice(1));
  for (const key of oneSchema)
    if (typeof node[key] === 'object' && node[key] !== null && !Array.isArray(node[key])) found.push(`${pointer}/${key}`);
  for (const key of schemaMaps) {
    const map = node[key];
    if (typeof map === 'object' && map !== null && !Array.isArray(map))
      for (const name of Object.keys(map)) found.push(`${pointer}/${key}/${escapePointerToken(name)}`);
  }
  for (const key of schemaLists) {
    const list = node[key];
    if (Array.isArray(list)) for (const index of list.keys()) found.push(`${pointer}/${key}/${index}`);
  }
  return found;
}

export class SpecValidator {
  private readonly ajv: Ajv2020;
  private readonly compiled = new Map<string, ValidateFunction | SchemaProblem>();
  /** Schemas that could not be compiled, once each: their payloads are not judged. */
  readonly problems: SchemaProblem[] = [];
  /** Whether the subschema at a pointer compiles, as found while looking for a problem's place. */
  private readonly compiles = new Map<string, boolean>();
  /** True while subschemas are compiled only to find a problem's place: what they log was counted once already. */
  private probing = false;
  /** Unknown formats and keywords Ajv ignored (a description may use its own): counted, not printed. */
  tolerated = 0;

  constructor(readonly document: OpenApiDocument) {
    // Ajv reports an unknown format or keyword through its logger, once per schema: counted quietly.
    const tolerate = (): void => {
      if (!this.probing) this.tolerated += 1;
    };
    const logger = { log: () => {}, warn: tolerate, error: tolerate };
    this.ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false, logger });
    addFormats(this.ajv);
    this.ajv.addSchema(document as object, 'spec');
  }

  /** Validates `value` against the schema at `schemaPointer` (a JSON pointer into the document). */
  validate(schemaPointer: string, value: unknown): ValidationIssue[] {
    let validate = this.compiled.get(schemaPointer);
    if (!validate) {
      try {
        validate = this.ajv.compile({ $ref: `spec#${schemaPointer}` });
      } catch (error) {
        validate = { pointer: this.innermostFailing(schemaPointer), message: (error as Error).message.split('\n')[0]! };
        const known = this.problems.find((problem) => problem.pointer === (validate as SchemaProblem).pointer);
        if (known) validate = known;
        else this.problems.push(validate);
      }
      this.compiled.set(schemaPointer, validate);
    }
    if (typeof validate !== 'function') return [];
    return validate(value) ? [] : (validate.errors ?? []).map(describe);
  }

  private compilesAt(pointer: string): boolean {
    let ok = this.compiles.get(pointer);
    if (ok === undefined) {
      this.probing = true;
      try {
        this.ajv.compile({ $ref: `spec#${pointer}` });
        ok = true;
      } catch {
        ok = false;
      } finally {
        this.probing = false;
      }
      this.compiles.set(pointer, ok);
    }
    return ok;
  }

  /**
   * The innermost subschema under `pointer` (which does not compile) that still does not compile:
   * where the problem is written, rather than every schema that happens to include it.
   */
  private innermostFailing(pointer: string): string {
    const seen = new Set<string>([pointer]);
    let at = pointer;
    for (;;) {
      const next = subschemaPointers(nodeAt(this.document, at), at).find((child) => !seen.has(child) && !this.compilesAt(child));
      if (next === undefined) return at;
      seen.add(next);
      at = next;
    }
  }
}
