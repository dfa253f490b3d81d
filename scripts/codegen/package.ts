/**
 * The package manifest and README of each API's client (generated/<api>/) and of the runtime the
 * clients share (generated/client-runtime/). Committed like the clients, so the drift gate covers
 * them; the compiled files they point at are built at pack time (scripts/lib/packages.ts).
 *
 * Why the runtime is a package of its own and not copied into each: an API package's version is
 * its spec's info.version, so a fix to the runtime (a security fix, say) could not be released for
 * a client whose spec did not change. As its own package, under a caret range, it reaches every
 * client with `npm update`, and an application calling several providers loads it once. Bundle
 * size is the same either way: ES modules with `sideEffects: false` let a bundler keep only what a
 * client uses.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../lib/errors.ts';
import { credentialSets, envName } from '../lib/credentials.ts';
import { codeSamples } from '../lib/code-samples.ts';
import { listOperations, type OpenApiDocument } from '../lib/openapi.ts';
import { projectRoot, type ApiEntry } from '../lib/registry.ts';
import { authPlanOf, pascalCase } from './client.ts';
import { resiliencePlanOf } from './resilience-plan.ts';

const rootManifest = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as {
  name: string;
  license?: string;
  homepage?: unknown;
  devDependencies: Record<string, string>;
};

/** Every package lives under the project's own npm scope: no one else can publish a name in it. */
export const packageScope = `@${rootManifest.name}`;
/** The shared runtime: its folder under generated/ and its version (bump it when scripts/codegen/*-runtime.ts change). */
export const runtimePackage = { folder: 'client-runtime', name: `${packageScope}/client-runtime`, version: '1.0.0' } as const;
/** Node 20.3 is the first with AbortSignal.any, which the deadline of a call needs. */
export const nodeEngines = '>=20.3.0';
/** openapi-fetch is 0.x: a caret range of the version the project builds and tests with stays within its minor. */
export const openapiFetchRange = `^${rootManifest.devDependencies['openapi-fetch']}`;
/** The runtime modules, as the clients import them in the repository and as the packages import them. */
export const runtimeImports: Readonly<Record<string, string>> = {
  '../auth.js': `${runtimePackage.name}/auth`,
  '../resilience.js': `${runtimePackage.name}/resilience`,
};

/**
 * Where the reference docs are published, from the project's package.json `homepage` (the site
 * the docs workflow deploys): an absolute http(s) URL, ending in `/`. Every package's README and
 * manifest link its API's page there, so the link works wherever the package is read.
 */
export function docsBaseUrl(homepage: unknown): string {
  const expected = 'expected the absolute http(s) URL the reference docs are published at (no credentials, query or fragment)';
  if (typeof homepage !== 'string' || !URL.canParse(homepage))
    throw new UserError(`package.json: homepage: ${expected}, got ${JSON.stringify(homepage) ?? 'nothing'}`);
  const url = new URL(homepage);
  if (!['http:', 'https:'].includes(url.protocol) || url.username || url.password || url.search || url.hash)
    throw new UserError(`package.json: homepage: ${expected}, got ${JSON.stringify(homepage)}`);
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

/** The reference page of an API on the docs site (`npm run docs` builds it as `<api>.html`). */
export function referenceUrl(api: ApiEntry, base: string = docsBaseUrl(rootManifest.homepage)): string {
  return `${base}${encodeURIComponent(api.name)}.html`;
}

export function packageName(api: ApiEntry): string {
  if (api.name === runtimePackage.folder)
    throw new UserError(`redocly.yaml: apis.${api.id}: the name ${api.name} is taken by the shared client runtime package`);
  return `${packageScope}/${api.name}`;
}

/** Spec text on one line, as Markdown that renders it literally: no HTML, link, emphasis, heading or terminal control. */
export function markdownText(value: unknown): string {
  const entities: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;' };
  return String(value)
    .replace(/\s+/g, ' ')
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, '\ufffd')
    .trim()
    .replace(/[\\`*_{}[\]()<>#+!|~&-]/g, (char) => entities[char] ?? `\\${char}`);
}

/** Spec text as an inline code span: on one line, delimited by a backtick run longer than any inside. */
export function codeSpan(value: unknown): string {
  const text = String(value).replace(/\s+/g, ' ').trim();
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
  const ticks = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${text}${pad}${ticks}`;
}

/** A fenced code block no content can close: the fence is longer than any backtick run inside. */
export function codeBlock(language: string, source: string): string {
  const longest = Math.max(0, ...[...source.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${language}\n${source.replace(/[\r\u2028\u2029]/g, ' ').trimEnd()}\n${fence}`;
}

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

const esmExport = (file: string) => ({ types: `./dist/${file}.d.ts`, default: `./dist/${file}.js` });

export function apiPackageJson(api: ApiEntry, document: OpenApiDocument): string {
  const version = String(document.info.version);
  if (!/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/.test(version))
    throw new UserError(
      `${api.root}: info.version: expected a semantic version (x.y.z), the package version, got ${JSON.stringify(version)}`,
    );
  return json({
    name: packageName(api),
    version,
    description: `Typed client for ${String(document.info.title).replace(/\s+/g, ' ').trim()}, generated from its OpenAPI description.`,
    homepage: referenceUrl(api),
    type: 'module',
    exports: { '.': esmExport('client'), './package.json': './package.json' },
    types: './dist/client.d.ts',
    files: ['dist', 'CHANGELOG.md'],
    sideEffects: false,
    engines: { node: nodeEngines },
    dependencies: { [runtimePackage.name]: `^${runtimePackage.version}`, 'openapi-fetch': openapiFetchRange },
    ...licenseOf(document),
  });
}

function licenseOf(document: OpenApiDocument): { license?: string } {
  const license = document.info.license as { identifier?: unknown } | undefined;
  return typeof license?.identifier === 'string' && /^[A-Za-z0-9.+-]+$/.test(license.identifier) ? { license: license.identifier } : {};
}

export function runtimePackageJson(): string {
  return json({
    name: runtimePackage.name,
    version: runtimePackage.version,
    description: `The runtime every ${packageScope} client shares: authentication, redirect guard, deadlines, retries, idempotency keys, typed errors and hooks.`,
    homepage: docsBaseUrl(rootManifest.homepage),
    type: 'module',
    exports: { './auth': esmExport('auth'), './resilience': esmExport('resilience'), './package.json': './package.json' },
    files: ['dist', 'CHANGELOG.md'],
    sideEffects: false,
    engines: { node: nodeEngines },
    dependencies: { 'openapi-fetch': openapiFetchRange },
    // The project's own licence, when it states one (the API packages take their spec's).
    ...(rootManifest.license ? { license: rootManifest.license } : {}),
  });
}

/** The lines of a code sample after its import and client creation: the call itself. */
export function callPart(source: string, operationId: string): string {
  const parts = source.split('\n\n');
  if (parts.length < 3) throw new Error(`code sample of ${operationId}: expected import, client and call blocks`);
  return parts.slice(2).join('\n\n');
}

export function apiReadme(api: ApiEntry, document: OpenApiDocument): string {
  const name = packageName(api);
  const factory = `create${pascalCase(api.name)}Client`;
  const auth = authPlanOf(api, document);
  const sets = credentialSets(auth);
  const chosen = sets[sets.length - 1] ?? [];
  const resilience = resiliencePlanOf(document, auth);
  const samples = codeSamples(document, api, { clientModule: () => name });
  const create = [
    `import { ${factory} } from '${name}';`,
    '',
    '// Secrets come from the environment, never from code.',
    `const client = ${factory}({`,
    ...chosen.map((option) => `  ${option}: process.env.${envName(api, option)}!,`),
    '});',
  ].join('\n');
  const schemes = document.components?.securitySchemes ?? {};
  const credentialRows = Object.entries(auth.schemes).flatMap(([schemeName, scheme]) => {
    const about = markdownText(schemes[schemeName]?.description ?? '');
    const row = (option: string, what: string) => `| \`${option}\` | \`${envName(api, option)}\` | ${what} |`;
    if (scheme.kind === 'apiKey' || scheme.kind === 'bearer') return [row(scheme.option, about)];
    if (scheme.kind === 'basic')
      return [row(scheme.usernameOption, 'HTTP Basic user name.'), row(scheme.passwordOption, 'HTTP Basic password.')];
    return [
      row('accessToken', `An access token obtained elsewhere. ${about}`),
      row('clientId', 'OAuth 2.0 client id: the client fetches, caches and refreshes tokens itself.'),
      row('clientSecret', 'OAuth 2.0 client secret.'),
    ];
  });
  const alternatives =
    sets.length > 1 ? `\nGive one of: ${sets.map((set) => set.map((option) => `\`${option}\``).join(' + ')).join(', or ')}.\n` : '';
  const operations = listOperations(document).map((operation) => {
    const sample = samples.get(operation.operationId)?.[0];
    const heading = `### ${codeSpan(operation.operationId)} — ${operation.method.toUpperCase()} ${codeSpan(operation.path)}`;
    const summary = operation.operation.summary ? `\n${markdownText(operation.operation.summary)}\n` : '';
    return `${heading}\n${summary}\n${sample ? codeBlock('ts', callPart(sample.source, operation.operationId)) : ''}\n`;
  });
  const keyed = Object.values(resilience.operations).filter((operation) => operation.idempotencyHeader);
  const behaviour = [
    '- **Timeouts**: a call may take 30 s (`timeoutMs`), retries and waits included; a `TimeoutError` names the operation and the limit. `timeoutMs: 0` (or `Infinity`) turns it off.',
    `- **Retries**: ${'`retries`'} (default 2) after a network error, 429, 502, 503 or 504, for idempotent methods${keyed.length > 0 ? ' and calls that carry an idempotency key' : ''}; exponential backoff with full jitter from \`retryBaseDelayMs\` (200 ms), or the wait the server asks for (\`Retry-After\`${resilience.retryHint ? `, or the body field ${codeSpan(resilience.retryHint.path.join('.'))}` : ''}) up to \`maxRetryDelayMs\` (30 s); a longer wait returns the answer instead. \`retries: 0\` turns them off.`,
    keyed.length > 0
      ? `- **Idempotency keys**: ${keyed.map((operation) => codeSpan(operation.id)).join(', ')} ${keyed.length === 1 ? 'sends' : 'send'} a fresh UUID in ${codeSpan(keyed[0]!.idempotencyHeader)} per call, the same on its retries, unless you pass one; \`idempotencyKeys: false\` turns this off.`
      : '',
    `- **Errors**: \`await orThrow(client.GET(…))\` returns the data or throws an \`ApiError\` with the spec's typed error body, \`status\`, \`operationId\`${resilience.requestIdHeader ? ` and \`requestId\` (the ${codeSpan(resilience.requestIdHeader)} header)` : ''}; messages never contain a credential.`,
    '- **Hooks**: `onRequest` and `onResponse` see every attempt (operation, method, URL, headers, status, duration) with credentials removed.',
    '- **Per call**: `client.GET(path, { …, middleware: [callOptions({ timeoutMs: 5_000, retries: 0 })] })`.',
  ].filter(Boolean);
  return [
    `# ${name}`,
    '',
    `Typed client for **${markdownText(document.info.title)}** ${markdownText(document.info.version)}, generated from its OpenAPI description: every path, parameter, body and response is typed.${document.info.summary ? ` ${markdownText(document.info.summary)}` : ''}`,
    '',
    '## Install',
    '',
    codeBlock('sh', `npm install ${name}`),
    '',
    `Needs Node ${nodeEngines.replace('>=', '')} or later (or any runtime with \`fetch\`); \`openapi-fetch\` and \`${runtimePackage.name}\` come as dependencies.`,
    '',
    '## Create the client',
    '',
    codeBlock('ts', create),
    '',
    `\`baseUrl\` (default: the spec's first server) and \`fetch\` are optional. Credentials are checked when the client is created and go only into request headers of the API's own origin: never into errors, logs or hooks.`,
    '',
    '## Credential options',
    '',
    '| option | environment variable in the examples | what it is |',
    '| --- | --- | --- |',
    ...credentialRows,
    alternatives,
    '## Operations',
    '',
    ...operations,
    '## Production behaviour',
    '',
    ...behaviour,
    '',
    '## Reference docs',
    '',
    // A bare absolute URL: every Markdown renderer of a registry links it, and no spec text shares the line's syntax.
    `Every operation, parameter and response, each operation with a call through this client: ${referenceUrl(api)}`,
    '',
  ].join('\n');
}

export function runtimeReadme(): string {
  return [
    `# ${runtimePackage.name}`,
    '',
    `The runtime every ${packageScope} client shares. You do not import it yourself: each API's package depends on it and re-exports what you need (\`ApiError\`, \`TimeoutError\`, \`RedirectRefusedError\`, \`callOptions\`, \`orThrow\`).`,
    '',
    '- `./auth`: applies the security schemes, refuses redirects to another origin, validates credentials, fetches and caches OAuth tokens.',
    '- `./resilience`: deadlines, retries with backoff and jitter, idempotency keys, typed errors and hooks.',
    '',
    'A fix here reaches every client with `npm update`: the clients depend on it with a caret range.',
    '',
    `Reference docs of every API: ${docsBaseUrl(rootManifest.homepage)}`,
    '',
  ].join('\n');
}
