/**
 * How a failure kept to its API is printed and what it makes the command exit with: a spec's
 * fault is its message (exit 1), a bug of ours one line without a stack unless --debug (exit 3).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiFailure, exitCodeWith, formatApiFailure } from '../../scripts/lib/api-failures.ts';
import { UserError } from '../../scripts/lib/errors.ts';
import { scratchProject, spec } from './project.ts';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('per-API failures', () => {
  const [api] = scratchProject({ 'failing-api': spec({ 'GET /a': {} }) }).apis;

  it('prints a spec fault as its message, escaped, once named', () => {
    const failure = apiFailure(api!, new UserError('failing-api: info.version "\u001b[2J" cannot name a docs page'));
    expect(failure.internal).toBeUndefined();
    expect(formatApiFailure(failure)).toBe('error: failing-api: info.version "\\u001b[2J" cannot name a docs page');
    expect(exitCodeWith([failure])).toBe(1);
  });

  it('prints a bug of ours as one line, its stack only with --debug', () => {
    vi.stubEnv('CHECKOUT_APIS_DEBUG', '');
    const failure = apiFailure(api!, new TypeError('cannot read x of undefined'));
    const quiet = formatApiFailure(failure);
    expect(quiet).toBe(
      'error: failing-api: internal error: TypeError: cannot read x of undefined (--debug or CHECKOUT_APIS_DEBUG=1 prints the stack)',
    );
    expect(formatApiFailure(failure, true)).toMatch(
      /^error: failing-api: internal error: TypeError: cannot read x of undefined\n.*\n\s+at /s,
    );
    expect(exitCodeWith([failure])).toBe(3);
    expect(exitCodeWith([], 0)).toBe(0);
    expect(exitCodeWith([apiFailure(api!, new UserError('x'))], 3)).toBe(3);
  });
});
