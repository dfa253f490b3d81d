/**
 * Hostile specs against the pipeline (issue 13, items 7 and 8): every spec is a scratch folder in
 * a temporary directory. A ref may reach only files inside its API's folder; remote refs are
 * refused before any connection; YAML aliases and file sizes are bounded before parsing.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bundleApis, bundleSpec, refusedRefs } from '../scripts/lib/bundle.ts';
import { buildDocs } from '../scripts/lib/docs/build.ts';
import { UserError } from '../scripts/lib/errors.ts';
import { resolveRef } from '../scripts/lib/openapi.ts';
import { parseRegistry, projectRoot } from '../scripts/lib/registry.ts';
import { specFileLimits } from '../scripts/lib/spec-yaml.ts';

/** A marker that must never show up in any output: it stands for /etc/passwd, a token, a config. */
const secret = 'SECRET-9f2c41-never-inline-me';

let scratch: string;

function write(path: string, text: string): string {
  const file = join(scratch, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

/** A minimal valid 3.1 root whose one schema is `schema` (YAML flow text). */
function rootWith(schema: string): string {
  return `openapi: 3.1.0
info: {title: Scratch, version: 1.0.0}
paths: {}
components:
  schemas:
    Target: ${schema}
`;
}

async function failureOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error, 'expected a refusal').toBeInstanceOf(UserError);
  const message = (error as Error).message;
  expect(message).not.toContain(secret);
  return message;
}

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'spec-pipeline-'));
});

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('$ref resolves only inside the API folder', () => {
  it('still bundles refs between files inside the folder, symlinks that stay inside included', async () => {
    write('ok/components/Name.yaml', 'type: string\ndescription: a name\n');
    symlinkSync(join(scratch, 'ok/components/Name.yaml'), join(scratch, 'ok/Alias.yaml'));
    const root = write(
      'ok/openapi.yaml',
      rootWith('{$ref: ./Alias.yaml}').replace('Target:', 'Direct: {$ref: ./components/Name.yaml}\n    Target:'),
    );
    const document = await bundleSpec(root);
    const schemas = document.components?.schemas ?? {};
    expect(resolveRef(document, schemas.Direct)).toEqual({ type: 'string', description: 'a name' });
    expect(resolveRef(document, schemas.Target)).toEqual({ type: 'string', description: 'a name' });
  });

  const outside = [
    ['an absolute path', () => write('outside-secret.txt', secret), (target: string) => target],
    ['a ../ path out of the folder', () => write('outside.yaml', `type: string\ndescription: ${secret}\n`), () => '../outside.yaml'],
    ['the repository .git/config', () => write('.git/config', `[remote]\n  token = ${secret}\n`), () => '../.git/config'],
  ] as const;
  for (const [label, makeTarget, refTo] of outside) {
    it(`refuses ${label}, naming the file and the ref`, async () => {
      const target = makeTarget();
      const ref = refTo(target);
      const root = write(`case-${label.replace(/\W+/g, '-')}/openapi.yaml`, rootWith(`{type: object, description: {$ref: '${ref}'}}`));
      const message = await failureOf(bundleSpec(root));
      expect(message).toContain(root);
      expect(message).toContain(`$ref "${ref}"`);
      expect(message).toMatch(/outside the API's folder/);
    });
  }

  it('refuses /etc/passwd', async () => {
    const root = write('passwd/openapi.yaml', rootWith("{type: object, description: {$ref: '/etc/passwd'}}"));
    const message = await failureOf(bundleSpec(root));
    expect(message).toContain('$ref "/etc/passwd"');
    expect(message).not.toMatch(/root:x:0:0/);
  });

  it('refuses a symlink inside the folder that points outside it', async () => {
    write('linked-secret.yaml', `type: string\ndescription: ${secret}\n`);
    mkdirSync(join(scratch, 'symlink'), { recursive: true });
    symlinkSync(join(scratch, 'linked-secret.yaml'), join(scratch, 'symlink/Innocent.yaml'));
    const root = write('symlink/openapi.yaml', rootWith('{$ref: ./Innocent.yaml}'));
    expect(await failureOf(bundleSpec(root))).toMatch(/\$ref "\.\/Innocent\.yaml".*outside the API's folder/);
  });

  it('refuses a hidden file inside the folder (.git/, .env)', async () => {
    write('hidden/.git/config', `token = ${secret}\n`);
    const root = write('hidden/openapi.yaml', rootWith("{type: object, description: {$ref: './.git/config'}}"));
    expect(await failureOf(bundleSpec(root))).toMatch(/\$ref "\.\/\.git\/config".*hidden/);
  });

  it('refuses a root file that is a symlink out of its folder', async () => {
    write('real-root/openapi.yaml', rootWith('{type: string}'));
    mkdirSync(join(scratch, 'fake-root'), { recursive: true });
    symlinkSync(join(scratch, 'real-root/openapi.yaml'), join(scratch, 'fake-root/openapi.yaml'));
    expect(await failureOf(bundleSpec(join(scratch, 'fake-root/openapi.yaml')))).toMatch(/root file .*outside the API's folder/);
  });

  it('lists every refusal for the lint gate, and nothing for a clean spec', async () => {
    const root = write('lint/openapi.yaml', rootWith("{type: object, description: {$ref: '../outside.yaml'}}"));
    write('outside.yaml', 'type: string\n');
    const refusals = await refusedRefs(root);
    expect(refusals).toHaveLength(1);
    expect(refusals[0]).toContain(`$ref "../outside.yaml" in ${root}`);
    expect(await refusedRefs(join(scratch, 'ok/openapi.yaml'))).toEqual([]);
  });

  it('writes nothing for dist/, generated/ or the docs from such a spec', async () => {
    write('registry/openapi/leaky/openapi.yaml', rootWith("{type: object, description: {$ref: '/etc/passwd'}}"));
    const registry = `apis:\n  leaky@v1:\n    root: openapi/leaky/openapi.yaml\n    x-openapi-ts:\n      output: generated/leaky/schema.d.ts\n    x-checkout-apis:\n      mockPort: 4999\n`;
    const apis = parseRegistry(registry, join(scratch, 'registry'));
    await failureOf(bundleApis(apis));
    await failureOf(buildDocs(apis));
  });
});

describe('remote refs', () => {
  let silent: Server;
  let port: number;
  const connections: Socket[] = [];

  beforeAll(async () => {
    // A host that accepts connections and never answers.
    silent = createServer((socket) => connections.push(socket));
    await new Promise<void>((ready) => silent.listen(0, '127.0.0.1', ready));
    port = (silent.address() as { port: number }).port;
  });

  afterEach(() => {
    for (const socket of connections) socket.destroy();
  });

  afterAll(async () => {
    await new Promise((closed) => silent.close(closed));
  });

  for (const scheme of ['http', 'https']) {
    it(`refuses an ${scheme} ref to a never-answering host without connecting`, async () => {
      const ref = `${scheme}://127.0.0.1:${port}/schema.yaml`;
      const root = write(`remote-${scheme}/openapi.yaml`, rootWith(`{$ref: '${ref}'}`));
      const message = await failureOf(bundleSpec(root));
      expect(message).toContain(`$ref "${ref}"`);
      expect(message).toMatch(/remote refs are refused/);
      expect(connections).toHaveLength(0);
    }, 10_000);
  }

  it('refuses a remote externalValue of an example too', async () => {
    const root = write(
      'remote-example/openapi.yaml',
      `openapi: 3.1.0
info: {title: Scratch, version: 1.0.0}
paths: {}
components:
  examples:
    Remote: {externalValue: 'http://127.0.0.1:${port}/example.json'}
`,
    );
    expect(await refusedRefs(root)).toEqual([expect.stringMatching(/remote refs are refused/)]);
    expect(connections).toHaveLength(0);
  }, 10_000);
});

describe('YAML bounds', () => {
  /** `levels` anchors, each a list of nine aliases of the one before: 9^levels nodes once expanded. */
  function laughs(levels: number): string {
    let text = 'l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n';
    for (let level = 1; level <= levels; level += 1) {
      text += `l${level}: &l${level} [${Array.from({ length: 9 }, () => `*l${level - 1}`).join(', ')}]\n`;
    }
    return text;
  }

  it('refuses aliases that expand to half a million nodes in a referenced file', async () => {
    write('laughs-small/Bomb.yaml', `type: object\nx-bomb:\n  ${laughs(6).trimEnd().split('\n').join('\n  ')}\n`);
    const root = write('laughs-small/openapi.yaml', rootWith('{$ref: ./Bomb.yaml}'));
    const message = await failureOf(bundleSpec(root));
    expect(message).toContain(join(scratch, 'laughs-small/Bomb.yaml'));
    expect(message).toMatch(/aliases expand to more than 100 nodes/);
  });

  it('refuses a billion laughs in the root file', async () => {
    const root = write('laughs/openapi.yaml', `${rootWith('{type: string}')}x-bomb:\n  ${laughs(9).trimEnd().split('\n').join('\n  ')}\n`);
    expect(await failureOf(bundleSpec(root))).toMatch(/laughs\/openapi\.yaml: YAML aliases expand to more than 100 nodes/);
    expect(await refusedRefs(root)).toEqual([expect.stringMatching(/billion laughs/)]);
  }, 10_000);

  it('keeps a few ordinary anchors working', async () => {
    const root = write('anchors/openapi.yaml', `${rootWith('&name {type: string, description: a name}')}    Other: *name\n`);
    const document = await bundleSpec(root);
    expect(document.components?.schemas?.Other).toEqual({ type: 'string', description: 'a name' });
  });

  it('refuses a file over the size bound before reading it', async () => {
    write('huge/Huge.yaml', `type: string\ndescription: "${'x'.repeat(specFileLimits.maxBytes)}"\n`);
    const root = write('huge/openapi.yaml', rootWith('{$ref: ./Huge.yaml}'));
    expect(await failureOf(bundleSpec(root))).toMatch(/Huge\.yaml: 4\.0 MiB, more than the 4\.0 MiB a spec file may have/);
  });
});

describe('the lint gate (scripts/check-refs.ts, first half of npm run lint)', () => {
  const run = (config: string) =>
    promisify(execFile)(process.execPath, ['--import', 'tsx', join(projectRoot, 'scripts', 'check-refs.ts'), '--config', config], {
      cwd: projectRoot,
      timeout: 60_000,
    }).then(
      ({ stdout, stderr }) => ({ code: 0, output: `${stdout}${stderr}` }),
      (error: { code?: number; stdout?: string; stderr?: string }) => ({
        code: error.code ?? -1,
        output: `${error.stdout ?? ''}${error.stderr ?? ''}`,
      }),
    );

  function registryAt(dir: string, root: string): string {
    const file = join(scratch, dir, 'redocly.yaml');
    writeFileSync(
      file,
      `apis:\n  gate@v1:\n    root: ${root}\n    x-openapi-ts:\n      output: generated/gate/schema.d.ts\n    x-checkout-apis:\n      mockPort: 4998\n`,
    );
    return file;
  }

  it('fails before Redocly runs, naming the API, the file and the ref', async () => {
    write('gate-bad/openapi/gate/openapi.yaml', rootWith("{type: object, description: {$ref: '/etc/passwd'}}"));
    const result = await run(registryAt('gate-bad', 'openapi/gate/openapi.yaml'));
    expect(result.code).toBe(1);
    expect(result.output).toMatch(
      /gate: \$ref "\/etc\/passwd" in .*gate-bad\/openapi\/gate\/openapi\.yaml: resolves outside the API's folder/,
    );
    expect(result.output).not.toMatch(/root:x:0:0|\n\s+at /);
  }, 60_000);

  it('passes a spec that stays in its folder', async () => {
    write('gate-ok/openapi/gate/openapi.yaml', rootWith('{$ref: ./Name.yaml}'));
    write('gate-ok/openapi/gate/Name.yaml', 'type: string\n');
    const result = await run(registryAt('gate-ok', 'openapi/gate/openapi.yaml'));
    expect(result).toEqual({ code: 0, output: '' });
  }, 60_000);
});

describe('total size of one description', () => {
  it('refuses files that add up to more than the bound, each under it', async () => {
    const files = Math.ceil(specFileLimits.maxTotalBytes / (3 * 1024 * 1024)) + 1;
    const body = `type: string\ndescription: "${'y'.repeat(3 * 1024 * 1024)}"\n`;
    const refs: string[] = [];
    for (let index = 0; index < files; index += 1) {
      write(`total/Part${index}.yaml`, body);
      refs.push(`    Part${index}: {$ref: ./Part${index}.yaml}`);
    }
    const root = write('total/openapi.yaml', `${rootWith('{type: string}')}${refs.join('\n')}\n`);
    expect(await failureOf(bundleSpec(root))).toMatch(/add up to more than 32 MiB/);
  }, 30_000);
});
