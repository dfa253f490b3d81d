/** Every example in every description validates against the schema it illustrates. */
import { describe, expect, it } from 'vitest';
import {
  examplesOf,
  parameterSchemaPointers,
  pointerOf,
  requestSchemaPointer,
  responseSchemaPointer,
  type JsonSchema,
  type OpenApiDocument,
} from '../scripts/lib/openapi.ts';
import { apis, format, loadApi } from './support/apis.ts';

interface ExampleCase {
  readonly label: string;
  readonly schemaPointer: string;
  readonly value: unknown;
}

const schemaChildren = ['properties', 'patternProperties', '$defs'] as const;
const schemaLists = ['allOf', 'oneOf', 'anyOf', 'prefixItems'] as const;
const schemaSingles = ['items', 'additionalProperties', 'not', 'if', 'then', 'else', 'contains'] as const;

/** Schema-level `examples` (and `example`) in components.schemas, nested schemas included. */
function schemaExamples(schema: JsonSchema, pointer: string, out: ExampleCase[]): void {
  const values = [...(Array.isArray(schema.examples) ? schema.examples : []), ...('example' in schema ? [schema.example] : [])];
  for (const [index, value] of values.entries()) out.push({ label: `schema ${pointer} example ${index}`, schemaPointer: pointer, value });
  for (const key of schemaChildren) {
    for (const [name, child] of Object.entries((schema[key] as Record<string, JsonSchema>) ?? {}))
      schemaExamples(child, `${pointer}/${key}${pointerOf(name)}`, out);
  }
  for (const key of schemaLists)
    for (const [index, child] of ((schema[key] as JsonSchema[]) ?? []).entries()) schemaExamples(child, `${pointer}/${key}/${index}`, out);
  for (const key of schemaSingles) {
    const child = schema[key];
    if (typeof child === 'object' && child !== null) schemaExamples(child as JsonSchema, `${pointer}/${key}`, out);
  }
}

function collectExamples(document: OpenApiDocument, operations: ReturnType<typeof loadApi>['operations']): ExampleCase[] {
  const cases: ExampleCase[] = [];
  for (const operation of operations) {
    const where = `${operation.method.toUpperCase()} ${operation.path}`;
    operation.parameters.forEach((parameter, index) => {
      const schemaPointer = parameterSchemaPointers(document, operation)[index]!;
      for (const [name, value] of examplesOf(document, parameter)) {
        cases.push({ label: `${where} parameter ${parameter.name} example ${name}`, schemaPointer, value });
      }
    });
    for (const [mediaType, media] of Object.entries(operation.requestBody?.content ?? {})) {
      for (const [name, value] of examplesOf(document, media)) {
        cases.push({
          label: `${where} request ${mediaType} example ${name}`,
          schemaPointer: requestSchemaPointer(document, operation, mediaType),
          value,
        });
      }
    }
    for (const [status, response] of operation.responses) {
      for (const [mediaType, media] of Object.entries(response.content ?? {})) {
        for (const [name, value] of examplesOf(document, media)) {
          cases.push({
            label: `${where} ${status} ${mediaType} example ${name}`,
            schemaPointer: responseSchemaPointer(document, operation, status, mediaType),
            value,
          });
        }
      }
    }
  }
  for (const [name, schema] of Object.entries(document.components?.schemas ?? {}))
    schemaExamples(schema, pointerOf('components', 'schemas', name), cases);
  return cases;
}

describe.each(apis.map((api) => [api.name, api] as const))('%s: examples', (_name, api) => {
  const { document, operations, validator } = loadApi(api);
  const cases = collectExamples(document, operations);

  it('has an example for every response body and parameter', () => {
    const responseBodies = operations.flatMap((operation) =>
      operation.responses.flatMap(([, response]) => Object.values(response.content ?? {})),
    );
    const parameters = operations.flatMap((operation) => operation.parameters);
    for (const media of responseBodies) expect(examplesOf(document, media).length).toBeGreaterThan(0);
    for (const parameter of parameters) expect(examplesOf(document, parameter).length, parameter.name).toBeGreaterThan(0);
  });

  it.each(cases.map((entry) => [entry.label, entry] as const))('%s validates', (_label, entry) => {
    const issues = validator.validate(entry.schemaPointer, entry.value);
    expect(issues, format(issues)).toEqual([]);
  });
});
