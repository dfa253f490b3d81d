/**
 * The one command line: every command of the table answers --help with its flags, refuses an
 * unknown flag with exit code 2, and every way a command ends maps to one exit code.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { commands } from '../scripts/cli.ts';
import { defineCommand } from '../scripts/lib/cli/command.ts';
import { exitCodes } from '../scripts/lib/cli/exit-codes.ts';
import { runCommand, runProgram } from '../scripts/lib/cli/run.ts';
import { UserError } from '../scripts/lib/errors.ts';

interface Printed {
  code: number;
  stdout: string;
  stderr: string;
}

async function capture(run: () => Promise<number>): Promise<Printed> {
  let stdout = '';
  let stderr = '';
  const log = vi.spyOn(console, 'log').mockImplementation((...parts) => {
    stdout += `${parts.join(' ')}\n`;
  });
  const error = vi.spyOn(console, 'error').mockImplementation((...parts) => {
    stderr += `${parts.join(' ')}\n`;
  });
  try {
    return { code: await run(), stdout, stderr };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

const program = (argv: string[]) => capture(() => runProgram(commands, argv));
const names = Object.keys(commands);

afterEach(() => {
  delete process.env.CHECKOUT_APIS_DEBUG;
});

describe('checkout-apis', () => {
  it('--help lists every command with its summary and the exit codes', async () => {
    const result = await program(['--help']);
    expect(result.code).toBe(exitCodes.ok);
    const lines = result.stdout.split('\n').map((line) => line.trim());
    for (const [name, entry] of Object.entries(commands))
      expect(
        lines.some((line) => line.startsWith(`${name} `) && line.endsWith(entry.summary)),
        name,
      ).toBe(true);
    expect(result.stdout).toContain('exit codes: 0 ok, 1 a finding, 2 a usage error, 3 an internal error');
  });

  it('no command, or an unknown one, is a usage error naming the commands', async () => {
    expect((await program([])).code).toBe(exitCodes.usage);
    const unknown = await program(['frobnicate']);
    expect(unknown.code).toBe(exitCodes.usage);
    expect(unknown.stderr).toContain('unknown command "frobnicate"');
    for (const name of names) expect(unknown.stderr).toContain(name);
    expect(unknown.stdout).toBe('');
  });

  it.each(names)('%s --help exits 0 and lists each of its flags', async (name) => {
    const command = await commands[name]!.load();
    const result = await program([name, '--help']);
    expect(result.code, result.stderr).toBe(exitCodes.ok);
    expect(result.stdout).toContain(`usage: checkout-apis ${name} [options]`);
    expect(result.stdout).toContain(commands[name]!.summary);
    for (const flag of [...Object.keys(command.flags), 'help', 'debug']) expect(result.stdout).toMatch(new RegExp(`--${flag}\\b`));
    expect(result.stderr).toBe('');
  });

  it.each(names)('%s --no-such-flag exits 2 naming the flag, without a stack', async (name) => {
    const result = await program([name, '--no-such-flag']);
    expect(result.code).toBe(exitCodes.usage);
    expect(result.stderr).toContain(`checkout-apis ${name}: Unknown option '--no-such-flag'`);
    expect(result.stderr).toContain(`checkout-apis ${name} --help lists its flags.`);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).toBe('');
  });
});

describe('exit codes', () => {
  const probe = defineCommand({
    name: 'probe',
    flags: {
      outcome: { type: 'string', value: '<kind>', default: 'ok', description: 'how the run ends' },
      tag: { type: 'string', multiple: true, description: 'repeatable' },
      dry: { type: 'boolean', description: 'a switch' },
    },
    positionals: { synopsis: '[<file>]', min: 0, max: 1 },
    async run(values, positionals) {
      if (values.outcome === 'finding') return exitCodes.finding;
      if (values.outcome === 'user') throw new UserError('--outcome user: the input named here is wrong');
      if (values.outcome === 'hostile') throw new UserError('spec.yaml: line one\nline two \u001b[2J\u202e');
      if (values.outcome === 'bug') throw new TypeError('cannot read what is not there');
      console.log(JSON.stringify({ values, positionals }));
      return exitCodes.ok;
    },
  });
  const run = (argv: string[]) => capture(() => runCommand(probe, argv));

  it('0 ok, with defaults filled in: booleans false, repeatable strings []', async () => {
    const result = await run([]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      values: { outcome: 'ok', tag: [], dry: false, help: false, debug: false },
      positionals: [],
    });
  });

  it('1 is what the command returns for a finding', async () => {
    expect((await run(['--outcome', 'finding'])).code).toBe(1);
  });

  it('2 for a usage error: one line, no stack', async () => {
    const result = await run(['--outcome', 'user']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('checkout-apis probe: --outcome user: the input named here is wrong\n');
  });

  it('keeps the lines of a message but escapes every other control character', async () => {
    const result = await run(['--outcome', 'hostile']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('checkout-apis probe: spec.yaml: line one\nline two \\u001b[2J\\u202e\n');
  });

  it('2 for a missing flag value and for too many arguments', async () => {
    expect((await run(['--outcome'])).code).toBe(2);
    const extra = await run(['a', 'b']);
    expect(extra.code).toBe(2);
    expect(extra.stderr).toContain('expected [<file>], got 2 arguments');
  });

  it('3 for an internal error: one line, the stack only with --debug or CHECKOUT_APIS_DEBUG', async () => {
    const quiet = await run(['--outcome', 'bug']);
    expect(quiet.code).toBe(3);
    expect(quiet.stderr.trim().split('\n')).toEqual([
      'checkout-apis probe: internal error: TypeError: cannot read what is not there (--debug or CHECKOUT_APIS_DEBUG=1 prints the stack)',
    ]);
    const debug = await run(['--outcome', 'bug', '--debug']);
    expect(debug.code).toBe(3);
    expect(debug.stderr).toMatch(/\n\s+at /);
    process.env.CHECKOUT_APIS_DEBUG = '1';
    expect((await run(['--outcome', 'bug'])).stderr).toMatch(/\n\s+at /);
  });

  it('--help shows defaults and repeatable flags, and runs nothing', async () => {
    const result = await run(['--help', '--outcome', 'bug']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/--outcome <kind>\s+how the run ends \(default ok\)/);
    expect(result.stdout).toMatch(/--tag <value>\s+repeatable \(repeatable\)/);
  });
});
