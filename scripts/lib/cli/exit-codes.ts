/** The exit codes of every command: one meaning each, whichever command prints them. */
export const exitCodes = {
  /** Everything that ran passed. */
  ok: 0,
  /** A finding: stale output, a breaking change, a contract violation. */
  finding: 1,
  /** The command was called wrongly: a flag, an argument, the environment, an input file. */
  usage: 2,
  /** The tool itself failed: a bug, or a check that could not finish. */
  internal: 3,
} as const;

export type ExitCode = (typeof exitCodes)[keyof typeof exitCodes];

/** The table `--help` prints. */
export const exitCodeHelp = `exit codes: ${exitCodes.ok} ok, ${exitCodes.finding} a finding, ${exitCodes.usage} a usage error, ${exitCodes.internal} an internal error`;
