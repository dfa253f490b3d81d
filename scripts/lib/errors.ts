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
    if (error instanceof UserError) {
      console.error(`error: ${error.message}`);
      process.exitCode = 1;
      return;
    }
    throw error;
  }
}
