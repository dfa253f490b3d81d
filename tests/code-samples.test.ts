/**
 * The docs' TypeScript samples: one per operation, built from the spec (generated client, env
 * credentials, example inputs), and every one compiles against the generated client.
 */
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pascalCase } from '../scripts/codegen/client.ts';
import { isIdempotencyKeyHeader } from '../scripts/codegen/resilience-plan.ts';
import { chosenCredentials, codeSamples, sampleLanguage, withCodeSamples, type CodeSample } from '../scripts/lib/code-samples.ts';
import { authPlanOf, credentialSets, envName } from '../scripts/lib/credentials.ts';
import { listOperations } from '../scripts/lib/openapi.ts';
import { projectRoot, type ApiEntry } from '../scripts/lib/registry.ts';
import { apis, loadApi } from './support/apis.ts';
import { typecheckFiles, typecheckOutputDir } from './support/typecheck.ts';

const samplesDir = join(typecheckOutputDir, 'code-samples');

/** The sample file of an operation, and the import specifier that reaches the client from there. */
function sampleFile(api: ApiEntry, operationId: string): { path: string; clientModule: string } {
  const path = join(samplesDir, api.name, `${operationId}.ts`);
  return { path, clientModule: relative(dirname(path), api.clientFile).replace(/\.ts$/, '.js') };
}

function onlySample(samples: ReadonlyMap<string, CodeSample[]>, operationId: string): CodeSample {
  const list = samples.get(operationId) ?? [];
  expect(list, operationId).toHaveLength(1);
  return list[0]!;
}

describe.each(apis.map((api) => [api.name, api] as const))('code samples of %s', (_name, api) => {
  const loaded = loadApi(api);
  const samples = codeSamples(loaded.document, api);

  it('gives every operation one TypeScript sample that calls it through the generated client', () => {
    expect([...samples.keys()].sort()).toEqual(loaded.operations.map((operation) => operation.operationId).sort());
    for (const operation of loaded.operations) {
      const sample = onlySample(samples, operation.operationId);
      expect(sample.lang).toBe(sampleLanguage);
      expect(sample.source).toContain(`import { create${pascalCase(api.name)}Client } from './generated/${api.name}/client.js';`);
      expect(sample.source).toContain(`client.${operation.method.toUpperCase()}('${operation.path}'`);
    }
  });

  it('reads credentials from the environment variables the project names, never from literals', () => {
    const options = chosenCredentials(api, loaded.document);
    expect(credentialSets(authPlanOf(api, loaded.document))).toContainEqual(options);
    for (const sample of [...samples.values()].flat()) {
      for (const option of options) expect(sample.source).toContain(`${option}: process.env.${envName(api, option)}!`);
    }
  });

  it('passes the example of every required parameter and of the request body', () => {
    for (const operation of loaded.operations) {
      const source = onlySample(samples, operation.operationId).source;
      for (const parameter of operation.parameters.filter((each) => each.required && each.in !== 'cookie')) {
        expect(source, `${operation.operationId} ${parameter.name}`).toMatch(new RegExp(`['"]?${parameter.name}['"]?: `));
      }
      if (operation.requestBody) expect(source, operation.operationId).toContain('body: ');
    }
  });

  it('gives an idempotency key header a fresh UUID per call, never the spec example', () => {
    for (const operation of loaded.operations) {
      const source = onlySample(samples, operation.operationId).source;
      for (const parameter of operation.parameters.filter(isIdempotencyKeyHeader)) {
        expect(source, operation.operationId).toMatch(new RegExp(`['"]?${parameter.name}['"]?: crypto\\.randomUUID\\(\\),`));
      }
    }
  });

  it('adds the samples to a copy of the document, leaving the input untouched', () => {
    const before = JSON.stringify(loaded.document);
    const documented = withCodeSamples(loaded.document, samples);
    expect(JSON.stringify(loaded.document)).toBe(before);
    for (const operation of listOperations(documented)) {
      expect(operation.operation['x-codeSamples'], operation.operationId).toEqual(samples.get(operation.operationId));
    }
  });
});

describe('compiling the samples', () => {
  const files: Record<string, string> = {};
  for (const api of apis) {
    const document = loadApi(api).document;
    for (const operation of listOperations(document)) {
      const { path, clientModule } = sampleFile(api, operation.operationId);
      files[path] = codeSamples(document, api, { clientModule: () => clientModule }).get(operation.operationId)![0]!.source;
    }
  }

  it('type-checks every sample against the generated clients, and catches one that calls a path the client lacks', () => {
    const [firstPath, firstSource] = Object.entries(files)[0]!;
    const brokenPath = firstPath.replace(/\.ts$/, '.broken.ts');
    const broken = firstSource.replace(/client\.([A-Z]+)\('/, "client.$1('/no-such-path");
    expect(broken).not.toBe(firstSource);
    // One program for both (a compile costs seconds): the real samples must add no diagnostic.
    const diagnostics = typecheckFiles({ ...files, [brokenPath]: broken });
    const brokenFile = relative(projectRoot, brokenPath);
    expect(diagnostics.filter((line) => !line.startsWith(`${brokenFile}:`))).toEqual([]);
    expect(diagnostics.join('\n')).toMatch(/no-such-path/);
  });
});
