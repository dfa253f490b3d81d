/**
 * Type level: through each generated client, every operation's example call compiles, while a
 * parameter of the wrong type or a parameter the spec does not have does not (`@ts-expect-error`
 * fails the compile if the line type-checks). The snippets are derived from the specs.
 */
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { authPlanOf, pascalCase } from '../scripts/codegen/client.ts';
import { placeholderCredentials } from '../scripts/lib/credentials.ts';
import { resolveRef, type JsonSchema, type Operation } from '../scripts/lib/openapi.ts';
import { wrongTypeValue } from '../scripts/lib/invalid-values.ts';
import { exampleInputs, type RequestInputs } from '../scripts/lib/requests.ts';
import { apis, loadApi, type LoadedApi } from './support/apis.ts';
import { typecheckFiles, typecheckOutputDir } from './support/typecheck.ts';

const snippetDir = join(typecheckOutputDir, 'types');

function initOf(inputs: RequestInputs): Record<string, unknown> {
  const params = Object.fromEntries(
    (['path', 'query', 'header'] as const).filter((place) => Object.keys(inputs[place]).length > 0).map((place) => [place, inputs[place]]),
  );
  return { ...(Object.keys(params).length > 0 ? { params } : {}), ...(inputs.body === undefined ? {} : { body: inputs.body }) };
}

function wrongValueFor(loaded: LoadedApi, schema: JsonSchema | undefined): unknown {
  return wrongTypeValue(schema ? resolveRef<JsonSchema>(loaded.document, schema) : {});
}

/** The example call with one parameter (or, lacking parameters, one body field) of the wrong type. */
function wrongTypeInit(loaded: LoadedApi, operation: Operation, inputs: RequestInputs): Record<string, unknown> | undefined {
  const parameter = operation.parameters.find((candidate) => candidate.in !== 'cookie');
  if (parameter) {
    const place = parameter.in as 'path' | 'query' | 'header';
    return initOf({ ...inputs, [place]: { ...inputs[place], [parameter.name]: wrongValueFor(loaded, parameter.schema) } });
  }
  const bodySchema = Object.values(operation.requestBody?.content ?? {})[0]?.schema;
  const properties = bodySchema
    ? (resolveRef<JsonSchema>(loaded.document, bodySchema).properties as Record<string, JsonSchema> | undefined)
    : undefined;
  const [name, property] = Object.entries(properties ?? {})[0] ?? [];
  if (!name) return undefined;
  return initOf({ ...inputs, body: { ...(inputs.body as object), [name]: wrongValueFor(loaded, property) } });
}

function snippetFor(loaded: LoadedApi): string {
  const { api, document, operations } = loaded;
  const factory = `create${pascalCase(api.name)}Client`;
  const clientPath = relative(snippetDir, api.clientFile).replace(/\.ts$/, '.js');
  const lines = [
    `import { ${factory} } from '${clientPath}';`,
    `const client = ${factory}(${JSON.stringify(placeholderCredentials(authPlanOf(api, document)))});`,
  ];
  for (const operation of operations) {
    const call = (init: unknown) => `void client.${operation.method.toUpperCase()}('${operation.path}', ${JSON.stringify(init)});`;
    const inputs = exampleInputs(document, operation);
    const init = initOf(inputs);
    lines.push(`// ${operation.operationId}: the example call compiles`, call(init));
    const wrongType = wrongTypeInit(loaded, operation, inputs);
    if (wrongType) lines.push(`// @ts-expect-error a parameter of the wrong type`, call(wrongType));
    lines.push(
      `// @ts-expect-error a parameter the spec does not have`,
      call({ ...init, params: { ...(init.params as object), query: { ...inputs.query, notADocumentedParameter: 1 } } }),
    );
  }
  return `${lines.join('\n')}\n`;
}

describe('generated client types', () => {
  const loaded = apis.map(loadApi);
  const files = Object.fromEntries(loaded.map((entry) => [join(snippetDir, `${entry.api.name}.ts`), snippetFor(entry)]));

  it('reject wrong parameter types and unknown parameters for every operation, and accept the examples', () => {
    expect(
      Object.values(files)
        .join('')
        .match(/@ts-expect-error/g)?.length,
    ).toBeGreaterThanOrEqual(loaded.flatMap((entry) => entry.operations).length);
    expect(typecheckFiles(files)).toEqual([]);
  });
});
