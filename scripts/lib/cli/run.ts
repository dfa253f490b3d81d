/**
 * The one dispatcher: parses a command's flags with node:util parseArgs (strict), answers
 * `--help`, runs the command and turns whatever it throws into an exit code — a UserError or a
 * malformed flag is a usage error (one line, no stack), anything else an internal error (one
 * line; the stack only with --debug or CHECKOUT_APIS_DEBUG=1).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { printable } from '../contract/report.ts';
import { UserError } from '../errors.ts';
import { exitOnSignals } from '../processes.ts';
import { commonFlags, type Command, type FlagValues, type Flags } from './command.ts';
import { exitCodes } from './exit-codes.ts';
import { commandHelp, programHelp, programName } from './help.ts';

/** A command as the program lists it: loaded only when it runs, so `--help` stays fast. */
export interface CommandEntry {
  readonly summary: string;
  readonly load: () => Promise<Command<Flags>>;
}

export type CommandTable = Readonly<Record<string, CommandEntry>>;

const debugEnv = ['CHECKOUT_APIS_DEBUG', 'CONTRACT_DEBUG'] as const;

function isUsageError(error: unknown): error is Error {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof UserError || (error instanceof Error && typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS'));
}

function parserOptions(flags: Flags): NonNullable<ParseArgsConfig['options']> {
  return Object.fromEntries(
    Object.entries(flags).map(([name, flag]) => {
      const fallback = flag.default ?? (flag.type === 'boolean' ? false : flag.multiple ? [] : undefined);
      return [
        name,
        {
          type: flag.type,
          ...(flag.short ? { short: flag.short } : {}),
          ...(flag.multiple ? { multiple: true } : {}),
          ...(fallback !== undefined ? { default: fallback } : {}),
        },
      ];
    }),
  ) as NonNullable<ParseArgsConfig['options']>;
}

/** Parses `argv` strictly against `flags` (node:util parseArgs); a malformed flag throws ERR_PARSE_ARGS_*. */
export function parseFlagValues<F extends Flags>(
  flags: F,
  argv: readonly string[],
  allowPositionals = false,
): { values: FlagValues<F>; positionals: string[] } {
  const { values, positionals } = parseArgs({ args: [...argv], options: parserOptions(flags), allowPositionals, strict: true });
  return { values: values as FlagValues<F>, positionals };
}

/** A message may carry text from a spec, a server or a child process: its lines are kept, other controls escaped. */
const safe = (text: string): string => text.split('\n').map(printable).join('\n');

/** Prints an error thrown by a command and returns its exit code. */
export function reportError(label: string, error: unknown, debug: boolean): number {
  if (isUsageError(error)) {
    console.error(`${label}: ${safe(error.message)}`);
    return exitCodes.usage;
  }
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const wantsStack = debug || debugEnv.some((name) => Boolean(process.env[name]));
  const stack = error instanceof Error && error.stack ? `\n${error.stack}` : '';
  console.error(
    `${label}: internal error: ${printable(text.split('\n')[0]!)}${wantsStack ? safe(stack) : ' (--debug or CHECKOUT_APIS_DEBUG=1 prints the stack)'}`,
  );
  return exitCodes.internal;
}

/** Runs one command on its arguments and returns its exit code; never throws. */
export async function runCommand(command: Command<Flags>, argv: readonly string[], summary?: string): Promise<number> {
  const label = command.program ?? `${programName} ${command.name}`;
  const debug = argv.includes('--debug');
  try {
    const { values, positionals } = parseFlagValues({ ...command.flags, ...commonFlags }, argv, command.positionals !== undefined);
    if (values.help) {
      console.log(commandHelp(command, summary));
      return exitCodes.ok;
    }
    const expected = command.positionals;
    if (expected && (positionals.length < expected.min || positionals.length > expected.max)) {
      throw new UserError(`expected ${expected.synopsis}, got ${positionals.length} argument${positionals.length === 1 ? '' : 's'}`);
    }
    return await command.run(values, positionals);
  } catch (error) {
    const code = reportError(label, error, debug);
    if (code === exitCodes.usage && (error as { code?: unknown }).code !== undefined) console.error(`${label} --help lists its flags.`);
    return code;
  }
}

/** The whole program: `checkout-apis <command> [options]`. */
export async function runProgram(table: CommandTable, argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  const listing = Object.entries(table).map(([command, entry]) => [command, entry.summary] as const);
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(programHelp(listing));
    return name === undefined ? exitCodes.usage : exitCodes.ok;
  }
  const entry = Object.hasOwn(table, name) ? table[name] : undefined;
  if (!entry) {
    console.error(
      `${programName}: unknown command ${printable(JSON.stringify(name))}; expected one of ${Object.keys(table).join(', ')} (${programName} --help)`,
    );
    return exitCodes.usage;
  }
  let command: Command<Flags>;
  try {
    command = await entry.load();
  } catch (error) {
    return reportError(`${programName} ${name}`, error, rest.includes('--debug'));
  }
  return runCommand(command, rest, entry.summary);
}

/**
 * A process's entry: Ctrl-C and SIGTERM stop what the command started, and the exit code is set
 * (not forced: output still flushes).
 */
export async function runMain(run: () => Promise<number>): Promise<void> {
  exitOnSignals();
  process.exitCode = await run();
}
