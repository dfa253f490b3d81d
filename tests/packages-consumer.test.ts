/**
 * The packages as an application team gets them: `npm pack` each one, install the tarballs into a
 * fresh project whose only other dependencies come from the public registry, type-check a program
 * with `tsc --strict` under moduleResolution bundler and node16, and run it against the Prism mocks:
 * every operation of every API, called through its installed package. A package that imports a
 * file its tarball lacks fails here (statically, and when node loads it).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { authPlanOf, pascalCase } from '../scripts/codegen/client.ts';
import { callPart, packageName } from '../scripts/codegen/package.ts';
import { codeSamples, chosenCredentials } from '../scripts/lib/code-samples.ts';
import { envName, placeholderCredentials } from '../scripts/lib/credentials.ts';
import { missingImports, packPackages, stagePackages, type PackedPackage } from '../scripts/lib/packages.ts';
import { projectRoot } from '../scripts/lib/registry.ts';
import { apis, loadApi } from './support/apis.ts';

const tsc = join(projectRoot, 'node_modules', 'typescript', 'bin', 'tsc');

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): { status: number | null; output: string } {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 170_000 });
  return { status: result.status, output: `${result.stdout}${result.stderr}${result.error ? String(result.error) : ''}` };
}

interface Run {
  readonly status: number | null;
  readonly output: string;
}

/** `run` without blocking: the two type-checks run side by side, and beside the other tests. */
function runAside(command: string, args: string[], cwd: string): Promise<Run> {
  return new Promise((done) => {
    const child = spawn(command, args, { cwd, env: process.env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 170_000 });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', (error) => done({ status: null, output: `${output}${String(error)}` }));
    child.on('close', (status) => done({ status, output }));
  });
}

/** One block per API: a client pointed at its mock with hooks and a per-call option, then every operation's sample call. */
function consumerProgram(): string {
  const imports: string[] = [];
  const blocks: string[] = [];
  for (const api of apis) {
    const { document } = loadApi(api);
    const factory = `create${pascalCase(api.name)}Client`;
    const id = pascalCase(api.name);
    imports.push(
      `import { ${factory}, ApiError as ${id}ApiError, TimeoutError as ${id}TimeoutError, callOptions as ${id}CallOptions, orThrow as ${id}OrThrow } from '${packageName(api)}';`,
    );
    const samples = codeSamples(document, api, { clientModule: () => packageName(api) });
    const calls = [...samples.entries()].map(
      ([operationId, [sample]]) => `  {\n${callPart(sample!.source, operationId).replace(/^/gm, '    ')}\n  }`,
    );
    blocks.push(
      [
        '{',
        `  const client = ${factory}({`,
        ...chosenCredentials(api, document).map((option) => `    ${option}: process.env.${envName(api, option)}!,`),
        `    baseUrl: process.env.MOCK_URL_${envName(api, 'x').replace(/_X$/, '')}!,`,
        '    timeoutMs: 20_000,',
        '    onResponse: (event) => statuses.push(`${event.operationId} ${event.status}`),',
        '  });',
        ...calls,
        `  // The exports an application uses beside the factory.`,
        `  const errors: Array<typeof ${id}ApiError | typeof ${id}TimeoutError> = [${id}ApiError, ${id}TimeoutError];`,
        `  void errors, ${id}OrThrow, ${id}CallOptions({ retries: 0 });`,
        '}',
      ].join('\n'),
    );
  }
  return [
    '// Written by tests/packages-consumer.test.ts: every operation of every API, through its installed package.',
    ...imports,
    '',
    'declare const process: { env: Record<string, string | undefined> };',
    'declare const console: { log(...values: unknown[]): void };',
    'const statuses: string[] = [];',
    '',
    ...blocks,
    '',
    'console.log(JSON.stringify({ statuses }));',
    '',
  ].join('\n');
}

const compilerOptions = { target: 'ES2022', lib: ['ES2023', 'DOM', 'DOM.Iterable'], strict: true, skipLibCheck: false, types: [] };
const resolutions = {
  bundler: { module: 'ESNext', moduleResolution: 'Bundler', noEmit: true },
  node16: { module: 'Node16', moduleResolution: 'Node16', outDir: 'out' },
} as const;
type Resolution = keyof typeof resolutions;

describe('installed packages', () => {
  let work: string;
  let packed: PackedPackage[];
  let project: string;
  /** `tsc -p tsconfig.<resolution>.json`, started once the packages are installed; node16 emits out/ for the run. */
  let typeChecks: Record<Resolution, Promise<Run>>;

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'checkout-apis-packages-'));
    packed = packPackages(stagePackages(apis, { into: join(work, 'staged') }), join(work, 'tarballs'));
    project = join(work, 'consumer');
    const dependencies = Object.fromEntries(packed.map((entry) => [entry.name, `file:${entry.tarball}`]));
    spawnSync('mkdir', ['-p', join(project, 'src')]);
    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify({ name: 'consumer', private: true, type: 'module', dependencies }, null, 2),
    );
    writeFileSync(join(project, 'src', 'main.ts'), consumerProgram());
    const install = run(
      'npm',
      ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--no-package-lock'],
      project,
    );
    if (install.status !== 0) throw new Error(`npm install of the tarballs failed:\n${install.output}`);
    const check = (resolution: Resolution): Promise<Run> => {
      writeFileSync(
        join(project, `tsconfig.${resolution}.json`),
        JSON.stringify({ compilerOptions: { ...compilerOptions, ...resolutions[resolution] }, include: ['src'] }),
      );
      return runAside(process.execPath, [tsc, '-p', `tsconfig.${resolution}.json`], project);
    };
    typeChecks = { bundler: check('bundler'), node16: check('node16') };
  }, 180_000);

  afterAll(async () => {
    // A filtered run may not have waited for the checks: let them finish before their folder goes.
    if (typeChecks) await Promise.all(Object.values(typeChecks));
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('packs one package per API and the shared runtime, each importing only files in its tarball', () => {
    expect(packed.map((entry) => entry.name).sort()).toEqual([...apis.map(packageName), '@checkout-apis/client-runtime'].sort());
    for (const entry of packed) {
      expect(entry.files, entry.name).toEqual(expect.arrayContaining(['package.json', 'README.md']));
      expect(
        entry.files.some((file) => file.endsWith('.ts') && !file.endsWith('.d.ts')),
        `${entry.name} ships TypeScript sources`,
      ).toBe(false);
      expect(missingImports(entry)).toEqual([]);
    }
  });

  it('notices an import of a file the tarball lacks', () => {
    const client = packed.find((entry) => entry.name !== '@checkout-apis/client-runtime')!;
    // The same package as if dist/schema.d.ts had been left out.
    const lacking = { ...client, files: client.files.filter((file) => file !== 'dist/schema.d.ts') };
    expect(missingImports(lacking)).toEqual([
      `${client.name}/dist/client.d.ts: ./schema.js`,
      `${client.name}/dist/client.d.ts: ./schema.js`,
    ]);
  });

  it.each(['bundler', 'node16'] as const)(
    'type-checks a strict program with moduleResolution %s',
    async (resolution) => {
      const check = await typeChecks[resolution];
      expect(check.output).toBe('');
      expect(check.status).toBe(0);
    },
    120_000,
  );

  it('runs every operation of every API against its mock through the installed packages', async () => {
    // The program as the node16 type-check compiled it.
    const build = await typeChecks.node16;
    expect(build.output).toBe('');
    expect(build.status).toBe(0);
    const mockUrls = inject('mockUrls');
    const env: NodeJS.ProcessEnv = {};
    for (const api of apis) {
      env[`MOCK_URL_${envName(api, 'x').replace(/_X$/, '')}`] = mockUrls[api.name];
      const { document } = loadApi(api);
      for (const [option, value] of Object.entries(placeholderCredentials(authPlanOf(api, document), chosenCredentials(api, document))))
        env[envName(api, option)] = value;
    }
    const result = run(process.execPath, [join('out', 'main.js')], project, env);
    expect(result.status, result.output).toBe(0);
    const { statuses } = JSON.parse(result.output.trim().split('\n').pop()!) as { statuses: string[] };
    const expected = apis.flatMap((api) => loadApi(api).operations.map((operation) => operation.operationId));
    for (const operationId of expected)
      expect(
        statuses.some((status) => status.startsWith(`${operationId} 2`)),
        `${operationId} answered 2xx: ${statuses.join(', ')}`,
      ).toBe(true);
  }, 120_000);
});
