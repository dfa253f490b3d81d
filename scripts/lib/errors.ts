/**
 * Errors a user can act on: a flag, an argument, the environment, an input file. Commands print
 * their message alone — no stack trace — and exit 2 (lib/cli/run.ts); anything else is a bug.
 */
export class UserError extends Error {
  override name = 'UserError';
}
