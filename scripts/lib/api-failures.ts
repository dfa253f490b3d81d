/**
 * Errors kept to the API they belong to: a description that cannot be bundled, mocked or rendered
 * is reported with its API's name, the command carries on with the other APIs, and it exits
 * non-zero at the end. A UserError is the description's fault (exit 1); anything else is a bug of
 * ours (exit 3), printed as one line — its stack only with --debug or CHECKOUT_APIS_DEBUG=1.
 */
import { exitCodes } from './cli/exit-codes.ts';
import { printable } from './contract/report.ts';
import { UserError } from './errors.ts';
import type { ApiEntry } from './registry.ts';

export interface ApiFailure {
  readonly api: ApiEntry;
  readonly message: string;
  /** A bug of ours rather than a fault of the description. */
  readonly internal?: boolean;
  readonly stack?: string;
}

/** What `error`, thrown while working on `api`, says about it. */
export function apiFailure(api: ApiEntry, error: unknown): ApiFailure {
  if (error instanceof UserError) return { api, message: error.message };
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { api, message, internal: true, ...(error instanceof Error && error.stack ? { stack: error.stack } : {}) };
}

/** Runs `work` for `api`; a throw becomes that API's failure instead of the command's. */
export async function attempt<T>(api: ApiEntry, work: () => Promise<T> | T): Promise<{ value: T } | { failure: ApiFailure }> {
  try {
    return { value: await work() };
  } catch (error) {
    return { failure: apiFailure(api, error) };
  }
}

/** What `attemptEach` gives back: each API's value or failure, and the time each took. */
export interface EachOutcome<T> {
  readonly values: T[];
  readonly failures: ApiFailure[];
  /** Wall milliseconds per API name. */
  readonly times: Record<string, number>;
  /** CPU milliseconds this process spent on each API: its own work, however busy the machine. */
  readonly cpuTimes: Record<string, number>;
}

/**
 * `work` for every API, one after the other (the work is all on this thread, so running them side
 * by side would only blur each API's time), each timed on its own; a throw fails that API only.
 */
export async function attemptEach<T>(apis: readonly ApiEntry[], work: (api: ApiEntry) => Promise<T>): Promise<EachOutcome<T>> {
  const outcome: EachOutcome<T> = { values: [], failures: [], times: {}, cpuTimes: {} };
  for (const api of apis) {
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    const result = await attempt(api, () => work(api));
    outcome.times[api.name] = Math.round(performance.now() - started);
    const cpu = process.cpuUsage(cpuStarted);
    outcome.cpuTimes[api.name] = Math.round((cpu.user + cpu.system) / 1000);
    if ('failure' in result) outcome.failures.push(result.failure);
    else outcome.values.push(result.value);
  }
  return outcome;
}

/** `attempt` for synchronous work. */
export function attemptSync<T>(api: ApiEntry, work: () => T): { value: T } | { failure: ApiFailure } {
  try {
    return { value: work() };
  } catch (error) {
    return { failure: apiFailure(api, error) };
  }
}

const wantsStack = (debug: boolean): boolean => debug || Boolean(process.env.CHECKOUT_APIS_DEBUG);

/** One failure as printed: `error: <api>: <message>` (spec text escaped, lines kept). */
export function formatApiFailure(failure: ApiFailure, debug = false): string {
  // A message that names its API already (`<api>: …`) is not prefixed twice.
  const message = failure.message.startsWith(`${failure.api.name}: `)
    ? failure.message.slice(failure.api.name.length + 2)
    : failure.message;
  const text = failure.internal
    ? `internal error: ${message.split('\n')[0]}${wantsStack(debug) && failure.stack ? `\n${failure.stack}` : ' (--debug or CHECKOUT_APIS_DEBUG=1 prints the stack)'}`
    : message;
  return `error: ${failure.api.name}: ${text.split('\n').map(printable).join('\n')}`;
}

export function reportApiFailures(failures: readonly ApiFailure[], debug = false): void {
  for (const failure of failures) console.error(formatApiFailure(failure, debug));
}

/** The exit code of a command that ended with `code` and these API failures: never lower than 1 when one failed, 3 for a bug. */
export function exitCodeWith(failures: readonly ApiFailure[], code: number = exitCodes.ok): number {
  if (failures.some((failure) => failure.internal)) return Math.max(code, exitCodes.internal);
  return failures.length > 0 ? Math.max(code, exitCodes.finding) : code;
}

/** `, 1 API could not run (above)`: the summary's note on failed APIs, empty when none failed. */
export function failedApisNote(failures: readonly ApiFailure[], what: string): string {
  if (failures.length === 0) return '';
  return `; ${failures.length} API${failures.length === 1 ? '' : 's'} ${what}: ${failures.map((failure) => failure.api.name).join(', ')}`;
}
