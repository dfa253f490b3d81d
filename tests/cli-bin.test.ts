/** The package's bin, as npm scripts run it: a child process, so the shim and exit codes are real. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commands } from '../scripts/cli.ts';
import { projectRoot } from '../scripts/lib/registry.ts';

const manifest = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as {
  bin: Record<string, string>;
  scripts: Record<string, string>;
};
const binFile = manifest.bin['checkout-apis']!;

function runBin(args: string[]) {
  return spawnSync(process.execPath, [binFile, ...args], { cwd: projectRoot, encoding: 'utf8' });
}

describe('the checkout-apis bin', () => {
  it('is declared in package.json, and every npm script of a command runs it', () => {
    expect(Object.keys(manifest.bin)).toEqual(['checkout-apis']);
    const scripts = manifest.scripts as Record<string, string>;
    for (const name of Object.keys(commands)) {
      // Some scripts preload heavy modules before the bin (node --import …): the bin still runs the command.
      const runsIt = new RegExp(`(^|&& )node( --import \\S+)* ${binFile.replaceAll('.', '\\.')} ${name}( |$)`);
      if (scripts[name] !== undefined) expect(scripts[name], `npm run ${name}`).toMatch(runsIt);
      else
        expect(
          Object.values(scripts).some((script) => runsIt.test(script)),
          `an npm script runs ${name}`,
        ).toBe(true);
    }
  });

  it('exits 0 on --help and 2 on an unknown command, printing no stack', () => {
    const help = runBin(['--help']);
    expect(help.status, help.stderr).toBe(0);
    for (const name of Object.keys(commands)) expect(help.stdout).toContain(name);
    const unknown = runBin(['no-such-command']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('unknown command "no-such-command"');
    expect(unknown.stderr).not.toMatch(/\n\s+at /);
  });

  it('passes a command its flags and returns its exit code', () => {
    const flag = runBin(['diff', '--frobnicate']);
    expect(flag.status).toBe(2);
    expect(flag.stderr).toContain("Unknown option '--frobnicate'");
  });
});
