/**
 * A spec is untrusted input to the client generator. A scratch spec whose every text field tries to
 * break out of a comment, a string literal or a template literal (`*／`, quotes, backticks, `${`,
 * CR, LF, U+2028, U+2029) still generates a client that compiles, keeps every string intact, and
 * runs nothing on import. Text that cannot be escaped where it lands — names that become
 * identifiers or headers — is refused with an error naming the field.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authPlanOf, renderClient } from '../scripts/codegen/client.ts';
import { renderOutputs, type Output } from '../scripts/lib/build-outputs.ts';
import { bundleApis } from '../scripts/lib/bundle.ts';
import { UserError } from '../scripts/lib/errors.ts';
import type { OpenApiDocument } from '../scripts/lib/openapi.ts';
import { parseRegistry, type ApiEntry } from '../scripts/lib/registry.ts';
import { typecheckFiles, typecheckOutputDir } from './support/typecheck.ts';

declare global {
  // Set by any payload that manages to run.
  var hostileSpecRan: string[] | undefined;
}

const run = (how: string) => `(globalThis.hostileSpecRan ??= []).push('${how}')`;
/** Every way out of a comment or a literal, each followed by code that records that it ran. */
const hostile = [
  `*/ ${run('comment')}; /*`,
  `' + ${run('single quote')} + '`,
  `" + ${run('double quote')} + "`,
  `\` + ${run('backtick')} + \``,
  `\${${run('template')}}`,
  `\n${run('line feed')}; //`,
  `\r\n${run('crlf')}; //`,
  `\u2028${run('u2028')}; //`,
  `\u2029${run('u2029')}; //`,
  `\\' ${run('escaped quote')} //`,
  '</script><!-- -->',
].join(' ');

function hostileDocument(): OpenApiDocument {
  const text = { description: hostile, summary: hostile, externalDocs: { url: `https://docs.example/${hostile}`, description: hostile } };
  const schema = {
    type: 'object',
    title: hostile,
    description: hostile,
    $comment: hostile,
    properties: {
      [hostile]: {
        type: 'string',
        description: hostile,
        enum: [hostile],
        default: hostile,
        examples: [hostile],
        format: hostile,
        pattern: hostile,
        deprecated: true,
      },
      [`${hostile} 2`]: { type: 'string', readOnly: true, const: hostile, title: hostile },
    },
    required: [hostile],
  };
  const responses = {
    '200': {
      description: hostile,
      headers: { [hostile]: { description: hostile, schema: { type: 'string', enum: [hostile] } } },
      content: {
        'application/json': { schema, examples: { [hostile]: { summary: hostile, description: hostile, value: { [hostile]: hostile } } } },
      },
    },
    '401': { description: hostile },
  };
  return {
    openapi: '3.1.0',
    info: {
      title: hostile,
      // The version becomes the package version, so it must be semver (refused otherwise, tested below).
      version: '1.0.0',
      description: hostile,
      summary: hostile,
      termsOfService: `https://terms.example/${hostile}`,
      contact: { name: hostile, email: hostile, url: `https://contact.example/${hostile}` },
      license: { name: hostile, url: `https://license.example/${hostile}` },
    },
    externalDocs: { url: `https://docs.example/${hostile}`, description: hostile },
    servers: [{ url: `https://api.example/${hostile}`, description: hostile }],
    security: [{ [`key ${hostile}`]: [], [`oauth ${hostile}`]: [] }],
    tags: [{ name: hostile, description: hostile, externalDocs: { url: `https://tags.example/${hostile}` } }],
    paths: {
      '/items/{id}': {
        post: {
          operationId: `items_${hostile}`,
          tags: [hostile],
          ...text,
          parameters: [
            {
              name: 'id',
              in: 'path',
              required: true,
              description: hostile,
              schema: { type: 'string', pattern: hostile },
              example: hostile,
            },
            { name: hostile, in: 'query', description: hostile, schema: { type: 'string', const: hostile } },
            { name: hostile, in: 'header', description: hostile, schema: { type: 'string', enum: [hostile] } },
            { name: hostile, in: 'cookie', description: hostile, deprecated: true, schema: { type: 'string' } },
          ],
          requestBody: { description: hostile, content: { 'application/json': { schema } } },
          responses,
        },
      },
      [`/open/${hostile}`]: { get: { operationId: 'open', ...text, security: [], responses } },
    },
    components: {
      schemas: { [`Thing${hostile}`]: schema },
      securitySchemes: {
        [`key ${hostile}`]: { type: 'apiKey', in: 'header', name: 'x-api-key', description: hostile, 'x-client-option': 'apiKey' },
        [`oauth ${hostile}`]: {
          type: 'oauth2',
          description: hostile,
          flows: { clientCredentials: { tokenUrl: `https://auth.example/token?${hostile}`, scopes: { [hostile]: hostile } } },
        },
      },
    },
  } as unknown as OpenApiDocument;
}

/** The document as YAML text: JSON is YAML, with U+2028/2029 escaped as YAML 1.1 readers would break lines there. */
const yamlText = (document: unknown) =>
  JSON.stringify(document, null, 2).replace(/[\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16)}`);

describe('a hostile spec', () => {
  let root: string;
  let outputs: Output[];
  let api: ApiEntry;

  beforeAll(async () => {
    mkdirSync(typecheckOutputDir, { recursive: true });
    // Under tests/.output so that the generated client resolves openapi-fetch as the project's would.
    root = mkdtempSync(join(typecheckOutputDir, 'hostile-spec-'));
    mkdirSync(join(root, 'openapi', 'hostile'), { recursive: true });
    writeFileSync(join(root, 'openapi', 'hostile', 'openapi.yaml'), yamlText(hostileDocument()));
    // The registry entry needs a mock port; nothing listens on it.
    const registry =
      'apis:\n  hostile@v1:\n    root: openapi/hostile/openapi.yaml\n    x-openapi-ts:\n      output: generated/hostile/schema.d.ts\n    x-checkout-apis:\n      mockPort: 4999\n';
    [api] = parseRegistry(registry, root) as [ApiEntry];
    outputs = (await renderOutputs(await bundleApis([api]))).filter((output) => output.committed);
  });

  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true });
    delete globalThis.hostileSpecRan;
  });

  it('generates types, client and runtime that compile', () => {
    expect(outputs.map((output) => output.path.slice(root.length)).sort()).toEqual([
      '/generated/auth.ts',
      '/generated/client-runtime/README.md',
      '/generated/client-runtime/package.json',
      '/generated/hostile/README.md',
      '/generated/hostile/client.ts',
      '/generated/hostile/package.json',
      '/generated/hostile/schema.d.ts',
      '/generated/resilience.ts',
    ]);
    const usage = join(root, 'usage.ts');
    const files = Object.fromEntries(
      outputs.filter((output) => output.path.endsWith('.ts')).map((output) => [output.path, output.content]),
    );
    files[usage] =
      `import { createHostileClient } from './generated/hostile/client.js';\nexport const client = createHostileClient({ apiKey: 'k', clientId: 'i', clientSecret: 's' });\n`;
    expect(typecheckFiles(files)).toEqual([]);
  });

  it('adds no statement of its own to the client: spec text stays inside comments and literals', () => {
    const client = outputs.find((output) => output.path === api.clientFile)!.content;
    expect(client).not.toMatch(/[\r\u2028\u2029]/);
    const source = ts.createSourceFile('client.ts', client, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
    const kind = (statement: ts.Statement) =>
      ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)
        ? 'module'
        : ts.isTypeAliasDeclaration(statement)
          ? 'type'
          : ts.isVariableStatement(statement)
            ? `const ${statement.declarationList.declarations.map((declaration) => declaration.name.getText(source)).join()}`
            : ts.isFunctionDeclaration(statement)
              ? `function ${statement.name?.text}`
              : ts.SyntaxKind[statement.kind];
    expect(source.statements.map(kind)).toEqual([
      'module',
      'module',
      'module',
      'module',
      'module',
      'module',
      'module',
      'type',
      'const hostileServers',
      'const hostileCredentialOptions',
      'type',
      'type',
      'const auth',
      'const resilience',
      'function createHostileClient',
    ]);
  });

  it('keeps spec text in the package manifest a string, and in the README literal text', () => {
    const manifest = JSON.parse(outputs.find((output) => output.path.endsWith('/hostile/package.json'))!.content) as Record<
      string,
      unknown
    >;
    expect(manifest.name).toBe('@checkout-apis/hostile');
    expect(manifest.description).toContain('</script>');
    expect(String(manifest.description)).not.toMatch(/[\r\n\u2028\u2029]/);
    const readme = outputs.find((output) => output.path.endsWith('/hostile/README.md'))!.content;
    // Outside fenced code blocks no spec text may open HTML or a Markdown link, image or heading.
    const fences = [...readme.matchAll(/^(`{3,})[a-z]*\n[\s\S]*?\n\1$/gm)];
    expect(fences.length).toBeGreaterThan(0);
    // Code spans (delimited by a backtick run longer than any inside) render literally too.
    const prose = fences.reduce((text, [block]) => text.replace(block, ''), readme).replace(/(`+)(?!`)[^\n]*?[^`]\1(?!`)/g, '');
    expect(prose).not.toMatch(/<|\]\(/);
    // Only the README's own headings: the title, six sections, one per operation (two).
    const headings = prose.split('\n').filter((line) => /^\s{0,3}#/.test(line));
    expect(headings.filter((line) => line.startsWith('# @') || line.startsWith('## '))).toHaveLength(7);
    expect(headings.filter((line) => /^### {2}— (GET|POST) $/.test(line))).toHaveLength(2);
    expect(headings).toHaveLength(9);
    expect(readme).not.toMatch(/[\r\u2028\u2029]/);
  });

  it('runs nothing on import, and the strings arrive intact', async () => {
    delete globalThis.hostileSpecRan;
    const module = (await import(pathToFileURL(api.clientFile).href)) as Record<string, unknown>;
    expect(globalThis.hostileSpecRan).toBeUndefined();
    expect(module.hostileServers).toEqual([`https://api.example/${hostile}`]);
    expect(module.hostileCredentialOptions).toEqual(['apiKey', 'accessToken', 'clientId', 'clientSecret']);
    const create = module.createHostileClient as (options: Record<string, unknown>) => unknown;
    expect(create({ apiKey: 'k', accessToken: 't' })).toBeTypeOf('object');
    expect(globalThis.hostileSpecRan).toBeUndefined();
  });
});

describe('the link to the reference docs', () => {
  const api = { id: 'hostile@v1', name: 'hostile', root: 'openapi/hostile/openapi.yaml' } as ApiEntry;
  const document = { info: { title: 't', version: '1.0.0' }, paths: {} } as unknown as OpenApiDocument;

  it('is the API page under the docs base URL, in the manifest and the README', async () => {
    const { apiPackageJson, apiReadme, referenceUrl } = await import('../scripts/codegen/package.ts');
    expect(referenceUrl(api, 'https://docs.example/site/')).toBe('https://docs.example/site/hostile.html');
    expect(new URL(referenceUrl(api)).href).toMatch(/^https?:\/\/[^?#]+\/hostile\.html$/);
    expect(JSON.parse(apiPackageJson(api, document)).homepage).toBe(referenceUrl(api));
    expect(apiReadme(api, document)).toContain(`call through this client: ${referenceUrl(api)}\n`);
  });

  it('takes package.json homepage, with a slash added, and refuses one that is no absolute http(s) URL', async () => {
    const { docsBaseUrl } = await import('../scripts/codegen/package.ts');
    expect(docsBaseUrl('https://docs.example/site')).toBe('https://docs.example/site/');
    expect(docsBaseUrl('http://127.0.0.1:8080/')).toBe('http://127.0.0.1:8080/');
    for (const bad of [
      undefined,
      42,
      'docs/',
      'ftp://docs.example/',
      'https://user:pw@docs.example/',
      'https://docs.example/?a=1',
      'https://docs.example/#top',
    ])
      expect(() => docsBaseUrl(bad), String(bad)).toThrow(
        /^package\.json: homepage: expected the absolute http\(s\) URL the reference docs are published at/,
      );
  });
});

describe('spec text that cannot be escaped where it lands is refused', () => {
  it('an info.version that is no semantic version, which the package version would be', async () => {
    const { apiPackageJson } = await import('../scripts/codegen/package.ts');
    const api = { id: 'hostile@v1', name: 'hostile', root: 'openapi/hostile/openapi.yaml' } as ApiEntry;
    expect(() => apiPackageJson(api, { info: { title: 't', version: hostile } } as unknown as OpenApiDocument)).toThrow(
      /info\.version: expected a semantic version/,
    );
  });

  const api = { id: 'hostile@v1', name: 'hostile', root: 'openapi/hostile/openapi.yaml' } as ApiEntry;
  const withKeyScheme = (scheme: Record<string, unknown>): OpenApiDocument =>
    ({
      openapi: '3.1.0',
      info: { title: 't', version: '1.0.0' },
      servers: [{ url: 'https://api.example' }],
      security: [{ key: [] }],
      paths: { '/x': { get: { responses: { '200': { description: 'ok' } } } } },
      components: { securitySchemes: { key: { type: 'apiKey', in: 'header', name: 'x-api-key', 'x-client-option': 'apiKey', ...scheme } } },
    }) as unknown as OpenApiDocument;

  it.each([
    [
      'x-client-option that is no identifier',
      { 'x-client-option': hostile },
      /components\.securitySchemes\."key"\.x-client-option: expected a JavaScript identifier/,
    ],
    [
      'x-client-option that shadows another option',
      { 'x-client-option': 'baseUrl' },
      /x-client-option: expected a JavaScript identifier other than/,
    ],
    ['header name that is no HTTP token', { name: hostile }, /components\.securitySchemes\."key"\.name: expected a header name/],
    ['cookie name that is no HTTP token', { in: 'cookie', name: 'a=b; c' }, /\.name: expected a cookie name/],
    ['`in` outside header, query and cookie', { in: hostile }, /components\.securitySchemes\."key"\.in: expected header, query or cookie/],
  ])('%s', (_label, scheme, message) => {
    const document = withKeyScheme(scheme);
    expect(() => authPlanOf(api, document)).toThrow(UserError);
    expect(() => renderClient(api, document)).toThrow(message);
  });

  it('a non-string server URL', () => {
    const document = { ...withKeyScheme({}), servers: [{ url: 42 }] } as unknown as OpenApiDocument;
    expect(() => renderClient(api, document)).toThrow(/servers\[0\]\.url: expected a string/);
  });
});
