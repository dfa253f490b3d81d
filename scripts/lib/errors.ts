/**
 * Errors a user can act on. CLIs print their message alone — no stack trace — and exit non-zero;
 * anything else is a bug and keeps its stack.
 */
export class UserError extends Error {
  override name = 'UserError';
}

export async function runCli(main: () => Promise<number | void>): Promise<void> {
  try {
    process.exitCode = (await main()) ?? 0;
  } catch (error) {
    // node:util parseArgs reports an unknown or malformed flag with a code, not a UserError.
    const code = (error as { code?: unknown } | null)?.code;
    if (error instanceof UserError || (error instanceof Error && typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS'))) {
      console.error(`error: ${error.message}`);
      process.exitCode = 1;
      return;
    }
    throw error;
  }
}
