/**
 * Validates payloads against a description's schemas with Ajv's JSON Schema 2020-12 build and
 * ajv-formats: the dialect OpenAPI 3.1 uses, which Prism checks only in part.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { OpenApiDocument } from './openapi.ts';

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

/** A schema of the spec that Ajv cannot compile: where it is and why, reported once. */
export interface SchemaProblem {
  readonly pointer: string;
  readonly message: string;
}

export class SpecValidator {
  private readonly ajv: Ajv2020;
  private readonly compiled = new Map<string, ValidateFunction | SchemaProblem>();
  /** Schemas that could not be compiled, once each: their payloads are not judged. */
  readonly problems: SchemaProblem[] = [];
  /** Unknown formats and keywords Ajv ignored (a description may use its own): counted, not printed. */
  tolerated = 0;

  constructor(readonly document: OpenApiDocument) {
    // Ajv reports an unknown format or keyword through its logger, once per schema: counted quietly.
    const tolerate = (): void => {
      this.tolerated += 1;
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
        validate = { pointer: schemaPointer, message: (error as Error).message.split('\n')[0]! };
        this.problems.push(validate);
      }
      this.compiled.set(schemaPointer, validate);
    }
    if (typeof validate !== 'function') return [];
    return validate(value) ? [] : (validate.errors ?? []).map(describe);
  }
}
