/**
 * The drift gate: `generate --check` fails, naming the files and the command that fixes them,
 * when a committed generated file differs from what the specs produce — here, after a hand edit
 * in a scratch copy of the project.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../scripts/lib/registry.ts';
import { apis } from './support/apis.ts';

const run = promisify(execFile);
const scratch = mkdtempSync(join(tmpdir(), 'checkout-apis-drift-'));
for (const entry of ['openapi', 'generated', 'scripts', 'redocly.yaml', 'tsconfig.json', 'package.json']) {
  cpSync(join(projectRoot, entry), join(scratch, entry), { recursive: true });
}
symlinkSync(join(projectRoot, 'node_modules'), join(scratch, 'node_modules'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function check(): Promise<{ code: number; output: string }> {
  const tsx = join(projectRoot, 'node_modules', '.bin', 'tsx');
  try {
    const { stdout, stderr } = await run(tsx, ['scripts/generate.ts', '--check'], { cwd: scratch });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

describe('drift gate', () => {
  it('passes on the committed tree and fails on a hand-edited generated file', async () => {
    expect(await check()).toMatchObject({ code: 0 });
    const edited = join(scratch, relative(projectRoot, apis[0]!.clientFile));
    writeFileSync(edited, `${readFileSync(edited, 'utf8')}\nexport const handEdit = true;\n`);
    const result = await check();
    expect(result.code).toBe(1);
    expect(result.output).toContain(relative(projectRoot, apis[0]!.clientFile));
    expect(result.output).toContain('npm run generate');
    expect(result.output).not.toMatch(/\n\s+at /); // a message, not a stack trace
  });
});
