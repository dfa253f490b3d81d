/**
 * What a command is: its flags (each with the description `--help` prints), the positional
 * arguments it takes, and the function that runs it and returns an exit code. Parsing, help and
 * errors are the dispatcher's job (run.ts), written once for every command.
 */
export interface Flag {
  readonly type: 'string' | 'boolean';
  readonly description: string;
  /** What a string flag's value looks like in `--help`: `<name>`, `<ms>`. */
  readonly value?: string;
  readonly short?: string;
  readonly multiple?: boolean;
  readonly default?: string;
}

export type Flags = Readonly<Record<string, Flag>>;

type ValueOf<F extends Flag> = F['type'] extends 'boolean'
  ? boolean
  : F['multiple'] extends true
    ? string[]
    : F extends { readonly default: string }
      ? string
      : string | undefined;

/** The parsed flags: booleans default to false, repeatable strings to []. */
export type FlagValues<F extends Flags> = { -readonly [K in keyof F]: ValueOf<F[K]> };

export interface Positionals {
  /** As `--help` shows them: `[<base> <head>]`. */
  readonly synopsis: string;
  readonly min: number;
  readonly max: number;
}

export interface Command<F extends Flags = Flags> {
  readonly name: string;
  /** How `--help` and errors name the program, when the command runs outside the bin (a test tool). */
  readonly program?: string;
  readonly flags: F;
  readonly positionals?: Positionals;
  /** Lines `--help` prints after the flags: other forms of the command, where input comes from. */
  readonly notes?: string;
  run(values: FlagValues<F>, positionals: readonly string[]): Promise<number>;
}

/** Keeps the flag literals' types, so that `run` sees `values.check` as a boolean. */
export function defineCommand<const F extends Flags>(command: Command<F>): Command<F> {
  return command;
}

/** Flags every command takes. */
export const commonFlags = {
  help: { type: 'boolean', short: 'h', description: 'print this help and exit' },
  debug: { type: 'boolean', description: 'print the stack of an internal error (or set CHECKOUT_APIS_DEBUG=1)' },
} as const satisfies Flags;
