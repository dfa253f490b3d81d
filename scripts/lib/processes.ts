/**
 * What a command started must not outlive it: child processes and temporary folders are
 * registered here, and stopped on every way out — normal end, error, `process.exit`, and (for
 * commands that ask, see `exitOnSignals`) Ctrl-C and SIGTERM.
 */
import { pathToFileURL } from 'node:url';

/** Stops or removes one thing; its synchronous part (a kill, an rmSync) must do the job alone at exit. */
export type Cleanup = () => Promise<void> | void;

const cleanups = new Set<Cleanup>();
const waiters = new Set<() => void>();
let exitHookInstalled = false;
let signalsHandled = false;
let stopping = false;

/** Time a signal gives the cleanups before the process exits anyway. */
const shutdownGraceMs = 5000;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // No event loop runs after 'exit': only the synchronous part of each cleanup happens, which is enough.
  process.on('exit', () => {
    for (const cleanup of cleanups) {
      try {
        void Promise.resolve(cleanup()).catch(() => undefined);
      } catch {
        // Exiting anyway: the next cleanup still runs.
      }
    }
  });
}

/** Registers `cleanup` to run at exit (and on a handled signal); the returned function unregisters it. */
export function onShutdown(cleanup: Cleanup): () => void {
  installExitHook();
  cleanups.add(cleanup);
  return () => {
    cleanups.delete(cleanup);
  };
}

async function shutdown(signal: NodeJS.Signals): Promise<void> {
  if (stopping) return;
  stopping = true;
  const all = [...cleanups];
  cleanups.clear();
  await Promise.race([
    Promise.allSettled(all.map(async (cleanup) => cleanup())),
    new Promise((wake) => setTimeout(wake, shutdownGraceMs).unref()),
  ]);
  if (waiters.size > 0) {
    // A long-running command waits for this signal as its normal end.
    for (const done of waiters) done();
    waiters.clear();
    return;
  }
  process.exit(signal === 'SIGINT' ? 130 : 143);
}

/** Ctrl-C and SIGTERM run every registered cleanup, then end the process (130 / 143). */
export function exitOnSignals(): void {
  installExitHook();
  if (signalsHandled) return;
  signalsHandled = true;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void shutdown(signal));
}

/** Keeps a long-running command alive until Ctrl-C (or SIGTERM), then stops what it started. */
export function stopOnSignal(stops: ReadonlyArray<() => Promise<void> | void>): Promise<void> {
  for (const stop of stops) onShutdown(stop);
  exitOnSignals();
  return new Promise((done) => waiters.add(done));
}

/** True when the module at `moduleUrl` is the script node was asked to run. */
export function isMain(moduleUrl: string): boolean {
  const script = process.argv[1];
  return script !== undefined && moduleUrl === pathToFileURL(script).href;
}
